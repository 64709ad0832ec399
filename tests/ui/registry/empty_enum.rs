gb_enums::registry!("ui/registry/empty_enum.toml");

fn main() {}
