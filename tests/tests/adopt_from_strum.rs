//! Worked migration 1 (README, "Adopting gb-enums in an existing code base"): an enum kept
//! with strum + num_enum becomes a `#[derive(GbEnum)]` enum checked against the registry.
//! Both versions are compiled side by side, and every conversion the application used gives
//! the same result, for every value and for inputs that are none.

use std::str::FromStr;

/// Before: four derives and a `repr`, the numbers and names written in Rust only.
mod before {
    #[derive(
        Clone,
        Copy,
        Debug,
        PartialEq,
        Eq,
        strum::EnumString,
        strum::Display,
        strum::AsRefStr,
        strum::EnumIter,
        num_enum::IntoPrimitive,
        num_enum::TryFromPrimitive,
    )]
    #[strum(serialize_all = "snake_case")]
    #[repr(i16)]
    pub enum TaskPriority {
        Low = 0,
        Normal = 1,
        High = 2,
        Urgent = 3,
        Critical = 4,
    }
}

/// After: the same enum, its numbers and names checked against `schema.toml` at compile
/// time; the `repr` and the discriminants may stay.
mod after {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, gb_enums::GbEnum)]
    #[repr(i16)]
    pub enum TaskPriority {
        Low = 0,
        Normal = 1,
        High = 2,
        Urgent = 3,
        Critical = 4,
    }
}

#[test]
fn every_conversion_gives_what_strum_and_num_enum_gave() {
    use strum::IntoEnumIterator;

    let old: Vec<before::TaskPriority> = before::TaskPriority::iter().collect();
    assert_eq!(old.len(), after::TaskPriority::ALL.len());
    for (o, n) in old.iter().zip(after::TaskPriority::ALL) {
        // Display, AsRef<str>, From<E> for i16.
        assert_eq!(o.to_string(), n.to_string());
        assert_eq!(o.as_ref(), AsRef::<str>::as_ref(n));
        assert_eq!(i16::from(*o), i16::from(*n));
        // FromStr and TryFrom<i16> round trips.
        let name = o.to_string();
        assert_eq!(
            before::TaskPriority::from_str(&name).map(i16::from).ok(),
            after::TaskPriority::from_str(&name).map(i16::from).ok()
        );
        let value = i16::from(*o);
        assert_eq!(
            before::TaskPriority::try_from(value).map(i16::from).ok(),
            after::TaskPriority::try_from(value).map(i16::from).ok()
        );
        assert_eq!(*o as i16, *n as i16, "the repr casts agree");
    }
    // Inputs that are no value: both refuse them.
    for value in [-1, 5, 9, i16::MAX, i16::MIN] {
        assert!(before::TaskPriority::try_from(value).is_err());
        let err = after::TaskPriority::try_from(value).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("unknown task_priority value {value}")
        );
    }
    for name in ["", "Low", "urgentt", "none"] {
        assert!(before::TaskPriority::from_str(name).is_err());
        assert!(after::TaskPriority::from_str(name).is_err(), "{name}");
    }
    // What the derive adds: the registry's descriptions, and the order by value.
    assert_eq!(after::TaskPriority::Urgent.description(), "Urgent");
    assert!(after::TaskPriority::Low < after::TaskPriority::Critical);
}
