#[derive(gb_enums::GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml")]
pub struct TaskStatus {
    value: i16,
}

fn main() {}
