gb_enums::registry!(schema.toml);

fn main() {}
