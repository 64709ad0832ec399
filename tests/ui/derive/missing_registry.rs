use gb_enums::GbEnum;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(registry = "ui/derive/missing.toml")]
pub enum TaskStatus {
    Pending,
}

fn main() {
    // The errors above are the only ones: the trait and the inherent functions are still
    // there, so these uses add nothing.
    fn generic<E: GbEnum>() {}
    generic::<TaskStatus>();
    let _ = TaskStatus::from_value(0);
    let _ = TaskStatus::Pending.to_string();
}
