use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml", skip(Dispaly, PartialOrd, Hash, serde))]
pub enum DeviceType {
    Android,
    WindowsCli,
}

fn main() {
    // Only the names are wrong: the enum is still usable.
    let _ = DeviceType::Android.name();
}
