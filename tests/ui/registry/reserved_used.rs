gb_enums::registry!("ui/registry/reserved_used.toml");

fn main() {}
