gb_enums::registry!("ui/registry/three_errors.toml");

fn main() {
    let _ = TaskStatus::Completed;
}
