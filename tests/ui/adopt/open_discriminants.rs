use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml")]
pub enum DoorState {
    Closed = 0,
    Open = 1,
    #[gb_enum(other)]
    Unknown(i16),
}

fn main() {
    let _ = DoorState::Open.value();
}
