gb_enums::registry!("ui/registry/value_out_of_range.toml");

fn main() {}
