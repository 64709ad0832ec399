gb_enums::registry!("ui/registry/rust_ident_clash.toml");

fn main() {}
