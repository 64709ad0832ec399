use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml")]
pub enum DeviceType {
    Android,
    WindowsCLI,
}

// With errors, the derive's stand-in impls leave out what `skip` names too: the
// application's own `Display` adds no conflict to the errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/adopt/schema.toml", name = "device_type", skip(Display))]
pub enum Platform {
    Android,
    #[gb_enum(name = "windows_cli")]
    WindowsCLI,
    Tablet,
    #[gb_enum(name = "linux_cli")]
    LinuxCLI,
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("platform")
    }
}

fn main() {
    let _ = DeviceType::Android.name();
    let _ = Platform::Android.name();
}
