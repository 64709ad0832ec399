gb_enums::registry!("ui/registry/wrong_type.toml");

fn main() {}
