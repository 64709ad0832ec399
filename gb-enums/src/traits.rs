//! The trait every registry enum implements.

use crate::{UnknownName, UnknownValue};

/// An enum whose values are fixed by a `schema.toml` registry entry.
///
/// Implemented by [`registry!`](crate::registry) for every generated enum and by
/// [`#[derive(GbEnum)]`](derive@crate::GbEnum) for a hand-written one. Generic code can list,
/// convert and describe any registry enum through it:
///
/// ```
/// # gb_enums::registry!("../schema.toml");
/// use gb_enums::GbEnum;
///
/// fn reference<E: GbEnum>() -> Vec<String> {
///     E::ALL.iter().map(|e| format!("{} = {}", e.name(), e.value())).collect()
/// }
/// assert_eq!(reference::<ExecutionMode>(), ["manual = 0", "supervised = 1", "autonomous = 2"]);
/// assert_eq!(TaskPriority::KEY, "task_priority");
/// assert_eq!(TaskPriority::TITLE, "Task Priority");
/// ```
///
/// # Bounds
///
/// Only `Copy + 'static`. `Copy`, because every method takes the enum by value, as a
/// fieldless enum is used everywhere else (and `ALL` hands out copies); `'static`, because
/// `ALL` is a `&'static [Self]` and the error types name the enum. Nothing else is needed to
/// store, read, name or list values, so `Debug`, `PartialEq`, `Eq`, `Hash` and `Ord` stay the
/// application's choice: an existing enum keeps its own derives and impls, and the
/// integrations that need more ask for it where they need it (the derive's `Ord` by value,
/// for example, exists only for an enum that is `Eq`).
///
/// ```
/// #[derive(Clone, Copy, gb_enums::GbEnum)] // nothing else is required
/// #[gb_enum(registry = "../schema.toml")]
/// enum ExecutionMode { Manual, Supervised, Autonomous }
///
/// use gb_enums::GbEnum;
/// assert_eq!(ExecutionMode::from_name("supervised").map(GbEnum::value), Ok(1));
/// ```
pub trait GbEnum: Sized + Copy + 'static {
    /// The registry key, e.g. `task_status`.
    const KEY: &'static str;
    /// The title of the entry, the heading of its table in the reference.
    const TITLE: &'static str;
    /// Every variant the registry knows, in file order (an open enum's catch-all is not one).
    const ALL: &'static [Self];
    /// `ALL.len()`.
    const COUNT: usize;
    /// Whether unknown values are kept (`open = true`) rather than rejected.
    const OPEN: bool;

    /// The stored number.
    fn value(self) -> i16;
    /// The registry name; `"unknown"` for an open enum's catch-all.
    fn name(self) -> &'static str;
    /// The registry description; empty for an open enum's catch-all.
    fn description(self) -> &'static str;
    /// The variant of a stored number. Never fails for an open enum.
    fn from_value(value: i16) -> Result<Self, UnknownValue<Self>>;
    /// The variant of a name or alias.
    fn from_name(name: &str) -> Result<Self, UnknownName<Self>>;
    /// Whether this is a value of the registry (`false` only for an open enum's catch-all).
    fn is_known(self) -> bool {
        true
    }
}
