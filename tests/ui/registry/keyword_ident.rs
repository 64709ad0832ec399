gb_enums::registry!("ui/registry/keyword_ident.toml");

fn main() {}
