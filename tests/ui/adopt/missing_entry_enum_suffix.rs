use gb_enums::GbEnum;

// `gb-enums import` keeps PostgreSQL's `listing_type_enum` as the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml")]
pub enum ListingType {
    All,
    Local,
}

fn main() {
    let _ = ListingType::All.name();
}
