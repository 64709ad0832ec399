gb_enums::registry!("ui/registry/unknown_table_enum.toml");

fn main() {
    let _ = TaskStatus::Pending;
}
