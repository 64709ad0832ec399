use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml")]
pub enum TaskStatus {
    Pending,
    Running,
    Paused,
    Failed,
    #[gb_enum(other)]
    Unknown(i16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml")]
pub enum DoorState {
    Closed,
    Open,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/schema.toml", name = "door_state")]
pub enum Door {
    Closed,
    Open,
    #[gb_enum(other)]
    Unknown,
    Ajar(i16),
}

fn main() {
    // The errors above are the only ones: the trait and the inherent functions are still
    // there, so these uses add nothing.
    fn generic<E: GbEnum>() {}
    generic::<TaskStatus>();
    let _ = TaskStatus::from_value(0);
    let _ = TaskStatus::Pending.to_string();
}
