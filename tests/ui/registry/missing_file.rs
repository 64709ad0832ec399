gb_enums::registry!("ui/registry/no_such_file.toml");

fn main() {}
