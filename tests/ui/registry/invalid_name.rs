gb_enums::registry!("ui/registry/invalid_name.toml");

fn main() {}
