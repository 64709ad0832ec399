gb_enums::registry!("ui/registry/alias_clash.toml");

fn main() {}
