use gb_enums::GbEnum;

#[derive(Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml")]
pub enum DeviceType {
    Android,
    WindowsCli,
}

fn main() {
    let _ = DeviceType::Android.name();
}
