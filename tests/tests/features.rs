//! What the generated code does beyond the shipped registry: open enums, negative values,
//! deprecated variants, `rust = "..."`, variant names that shadow the prelude, and
//! `#[derive(GbEnum)]` on hand-written enums, closed and open.
//!
//! `deny(warnings)`: the expansion itself must not warn, deprecated variants included; only
//! this file's own uses of deprecated variants are allowed, one by one.
#![deny(warnings)]

use gb_enums::GbEnum;

gb_enums::registry!("fixtures/features.toml");

/// The hand-written enums, in a module of their own: `registry!` above declares every entry
/// of the file, these two included.
mod hand {
    use gb_enums::GbEnum;

    /// A closed enum: explicit discriminants, another order than the file's, and a
    /// deprecated variant.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
    #[gb_enum(registry = "fixtures/features.toml")]
    #[repr(i16)]
    pub enum Direction {
        West = -90,
        North = 0,
        #[deprecated = "use north"]
        South = 180,
        East = 90,
    }

    /// An open enum with another type name than its entry.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
    #[gb_enum(name = "door_state", registry = "fixtures/features.toml")]
    pub enum Door {
        Closed,
        Open,
        #[gb_enum(other)]
        Other(i16),
    }
}

#[test]
fn negative_values_and_the_ends_of_i16_round_trip() {
    assert_eq!(Level::Floor.value(), i16::MIN);
    assert_eq!(Level::Highest.value(), i16::MAX);
    assert_eq!(Level::from_value(-2), Ok(Level::Lowest));
    assert_eq!(Level::from_value(i16::MIN), Ok(Level::Floor));
    assert_eq!(i16::from(Level::Low), -1);
    // Reserved values are not variants.
    for reserved in [3, -3] {
        assert_eq!(
            Level::from_value(reserved).unwrap_err().to_string(),
            format!("unknown level value {reserved}")
        );
    }
    // The file's order, not the values' order, for `ALL`; values for `Ord`.
    let names: Vec<&str> = Level::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(
        names,
        [
            "normal",
            "floor",
            "low",
            "lowest",
            "high",
            "legacy_high",
            "highest"
        ]
    );
    let mut sorted = Level::ALL.to_vec();
    sorted.sort();
    let values: Vec<i16> = sorted.iter().map(|l| l.value()).collect();
    assert_eq!(values, [i16::MIN, -2, -1, 0, 5, 6, i16::MAX]);
    assert!(Level::Floor < Level::Normal);
}

#[test]
fn aliases_defaults_and_descriptions() {
    assert_eq!("LOW".parse::<Level>(), Ok(Level::Low));
    assert_eq!("lo".parse::<Level>(), Ok(Level::Low));
    assert_eq!(Level::default(), Level::Normal);
    assert_eq!(Level::Floor.description(), "The lowest storable value");
    assert_eq!(<Level as GbEnum>::TITLE, "Level");
    assert_eq!(<OutcomeKind as GbEnum>::TITLE, "Outcome");
}

#[test]
#[allow(deprecated)]
fn deprecated_variants_still_convert() {
    assert_eq!(Level::from_value(5), Ok(Level::High));
    assert_eq!(Level::High.name(), "high");
    assert_eq!("legacy_high".parse::<Level>(), Ok(Level::LegacyHigh));
    assert_eq!(Signal::from_name("yellow"), Ok(Signal::Amber));
}

#[test]
fn open_enums_keep_unknown_values() {
    const { assert!(<Signal as GbEnum>::OPEN && !<Level as GbEnum>::OPEN) };
    // `from_value` never fails, and the value is written back unchanged.
    for value in i16::MIN..=i16::MAX {
        let signal = Signal::from_value(value).expect("an open enum accepts every value");
        assert_eq!(signal.value(), value);
        assert_eq!(signal.is_known(), [1, 2, 4].contains(&value));
        assert_eq!(Signal::try_from(value), Ok(signal));
    }
    assert_eq!(Signal::from_value(9), Ok(Signal::Unknown(9)));
    assert_eq!(Signal::from_value(2), Ok(Signal::Red));
    // Equal by value: a known value wrapped by hand is the known variant.
    assert_eq!(Signal::Unknown(2), Signal::Red);
    assert_eq!(
        Signal::Unknown(9).cmp(&Signal::Red),
        std::cmp::Ordering::Greater
    );
    // Display `unknown(9)` parses back to the same value; `unknown(2)` is the known variant.
    assert_eq!(Signal::Unknown(9).to_string(), "unknown(9)");
    assert_eq!(format!("[{:>12}]", Signal::Unknown(-7)), "[ unknown(-7)]");
    assert_eq!(format!("[{:<7}]", Signal::Red), "[red    ]");
    assert_eq!("unknown(9)".parse::<Signal>(), Ok(Signal::Unknown(9)));
    assert_eq!("unknown(2)".parse::<Signal>(), Ok(Signal::Red));
    assert_eq!(Signal::Unknown(9).name(), "unknown");
    assert_eq!(Signal::Unknown(9).description(), "");
    // `ALL` and `COUNT` list the registry's variants only.
    assert_eq!(Signal::COUNT, 3);
    assert!(Signal::ALL.iter().all(|s| s.is_known()));
    // Names are still checked.
    for bad in [
        "purple",
        "unknown",
        "unknown()",
        "unknown(99999)",
        "unknown(9",
    ] {
        let err = bad.parse::<Signal>().unwrap_err();
        assert_eq!(
            err.with_input(bad).to_string(),
            format!("unknown signal name `{bad}`, expected one of `green`, `red`, `amber`")
        );
    }
    // Hashing agrees with equality by value.
    let set: std::collections::HashSet<Signal> =
        [Signal::Unknown(1), Signal::Green].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn variant_names_may_shadow_the_prelude() {
    let names: Vec<String> = OutcomeKind::ALL
        .iter()
        .map(|o| format!("{o:?}={o}"))
        .collect();
    assert_eq!(
        names,
        [
            "Ok=ok",
            "Err=err",
            "Error=error",
            "Some=some",
            "None=none",
            "Unknown=unknown",
            "Itself=self",
            "Value=value",
            "All=all",
            "Default=default"
        ]
    );
    assert_eq!(OutcomeKind::try_from(2), Ok(OutcomeKind::Error));
    assert_eq!("self".parse::<OutcomeKind>(), Ok(OutcomeKind::Itself));
    assert_eq!(
        OutcomeKind::from_value(10).unwrap_err().enum_key(),
        "outcome"
    );
}

#[test]
#[allow(deprecated)]
fn derive_checks_a_closed_hand_written_enum() {
    use hand::Direction;
    // `ALL` follows the registry, not the declaration.
    assert_eq!(
        Direction::ALL,
        [
            Direction::North,
            Direction::East,
            Direction::West,
            Direction::South
        ]
    );
    assert_eq!(Direction::COUNT, 4);
    assert_eq!(Direction::West.value(), -90);
    assert_eq!(Direction::from_value(-90), Ok(Direction::West));
    assert_eq!("W".parse::<Direction>(), Ok(Direction::West));
    assert_eq!(Direction::South.to_string(), "south");
    assert_eq!(Direction::default(), Direction::North);
    assert!(Direction::West < Direction::North && Direction::North < Direction::East);
    assert_eq!(<Direction as GbEnum>::KEY, "direction");
    assert_eq!(
        Direction::from_value(45).unwrap_err().to_string(),
        "unknown direction value 45"
    );
    const EAST: i16 = Direction::East.value();
    assert_eq!(EAST, 90);
}

#[test]
fn derive_checks_an_open_hand_written_enum() {
    use hand::Door;
    assert_eq!(<Door as GbEnum>::KEY, "door_state");
    assert_eq!(Door::from_value(1), Ok(Door::Open));
    assert_eq!(Door::from_value(7), Ok(Door::Other(7)));
    assert_eq!(Door::Other(7).value(), 7);
    assert_eq!(Door::Other(7).to_string(), "unknown(7)");
    assert_eq!("unknown(7)".parse::<Door>(), Ok(Door::Other(7)));
    assert!(!Door::Other(7).is_known() && Door::Closed.is_known());
    assert_eq!(Door::ALL, [Door::Closed, Door::Open]);
    // `Ord` agrees with the enum's own (derived, by variant) `PartialEq`: `Open` and
    // `Other(1)` store the same value but are not equal, so they do not compare equal.
    use std::cmp::Ordering;
    assert_ne!(Door::Open, Door::Other(1));
    assert_eq!(Door::Open.cmp(&Door::Other(1)), Ordering::Less);
    assert_eq!(Door::Other(1).cmp(&Door::Open), Ordering::Greater);
    assert_eq!(Door::Other(1).cmp(&Door::Other(1)), Ordering::Equal);
    let mut sorted = [Door::Other(7), Door::Other(1), Door::Open, Door::Closed];
    sorted.sort();
    assert_eq!(
        sorted,
        [Door::Closed, Door::Open, Door::Other(1), Door::Other(7)]
    );
    for a in [
        Door::Closed,
        Door::Open,
        Door::Other(0),
        Door::Other(1),
        Door::Other(-5),
    ] {
        for b in [
            Door::Closed,
            Door::Open,
            Door::Other(0),
            Door::Other(1),
            Door::Other(-5),
        ] {
            assert_eq!(a == b, a.cmp(&b) == Ordering::Equal, "{a:?} {b:?}");
        }
    }
}
