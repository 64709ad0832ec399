gb_enums::registry!("ui/registry/duplicate_name.toml");

fn main() {}
