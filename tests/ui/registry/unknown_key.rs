gb_enums::registry!("ui/registry/unknown_key.toml");

fn main() {
    // The entry is still generated: no "cannot find type" next to the real errors.
    let _ = Color::Red;
}
