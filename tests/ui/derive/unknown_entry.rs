use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml")]
pub enum TaskState {
    Pending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml", name = "tasks")]
pub enum TaskStatus {
    Pending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml")]
pub enum Colour {
    Red,
}

fn main() {
    // The errors above are the only ones: the trait and the inherent functions are still
    // there, so these uses add nothing.
    fn generic<E: GbEnum>() {}
    generic::<TaskStatus>();
    let _ = TaskStatus::from_value(0);
    let _ = TaskStatus::Pending.to_string();
}
