use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml")]
pub enum DeviceType {
    Android,
    WindowsCLI,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml", name = "device_type")]
pub enum Platform {
    Android,
    #[gb_enum(name = "windows_cli")]
    WindowsCLI,
    Tablet,
    #[gb_enum(name = "linux_cli")]
    LinuxCLI,
}

fn main() {
    let _ = DeviceType::Android.name();
    let _ = Platform::Android.name();
}
