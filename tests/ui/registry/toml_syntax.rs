gb_enums::registry!("ui/registry/toml_syntax.toml");

fn main() {}
