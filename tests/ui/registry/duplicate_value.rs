gb_enums::registry!("ui/registry/duplicate_value.toml");

fn main() {
    let _ = Color::Green;
}
