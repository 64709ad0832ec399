mod only {
    gb_enums::registry!("ui/adopt/schema.toml", only = ["device", "listing_type"]);
}

mod except {
    gb_enums::registry!("ui/adopt/schema.toml", except = ["door_state", "colour"]);
}

mod attrs {
    gb_enums::registry!(
        "ui/adopt/schema.toml",
        except = ["door_state"],
        attrs(door_state) = { #[derive(PartialOrd)] },
        attrs(devise_type) = { #[gb_enum(skip(Ord, Debug))] },
    );
}

mod options {
    gb_enums::registry!("ui/adopt/schema.toml", exclude = ["door_state"]);
}

fn main() {
    // The entries that exist are generated all the same.
    let _ = only::DeviceType::Android;
    let _ = except::DeviceType::WindowsCli;
}
