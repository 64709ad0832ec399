gb_enums::registry!("ui/registry/unknown_default.toml");

fn main() {}
