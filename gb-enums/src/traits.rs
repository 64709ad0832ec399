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
pub trait GbEnum: Sized + Copy + Eq + Ord + core::hash::Hash + core::fmt::Debug + 'static {
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
