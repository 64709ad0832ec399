//! Two adoption details: an open enum keeps its discriminants next to the catch-all with
//! `#[repr(i16)]`, and a type finds its entry through the registry's `rust = "..."` (here
//! `ListingType` for `[enums.listing_type_enum]`) without `name = "..."`.

use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml")]
#[repr(i16)]
pub enum DoorState {
    Jammed = -1,
    Closed = 0,
    Open = 1,
    #[gb_enum(other)]
    Unknown(i16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml")]
pub enum ListingType {
    All,
    Local,
    Subscribed,
    ModeratorView,
}

fn main() {
    assert_eq!(DoorState::Jammed.value(), -1);
    assert_eq!(DoorState::from_value(7), Ok(DoorState::Unknown(7)));
    assert_eq!(DoorState::Unknown(7).value(), 7);
    assert_eq!(DoorState::from_value(-1), Ok(DoorState::Jammed));
    assert_eq!(ListingType::KEY, "listing_type_enum");
    assert_eq!(ListingType::ModeratorView.name(), "moderator_view");
    assert_eq!(ListingType::default(), ListingType::All);
}
