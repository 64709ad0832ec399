//! The alternatives in `src/hand.rs` and `src/stack.rs` are what the generator writes for the
//! shipped `schema.toml`, so the benchmarks compare gb-enums with the current registry.
//! `UPDATE_SNAPSHOTS=1 cargo test -p gb-enums-bench` rewrites them.

use std::path::Path;

use gb_enums_bench::gen;

fn registry() -> gb_enums_codegen::Registry {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = gb_enums_codegen::load_file(&dir.join("../schema.toml"), dir);
    loaded
        .valid()
        .expect("the shipped registry is valid")
        .clone()
}

fn check(file: &str, expected: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &expected).expect("writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{file} is not what gb-enums-bench-gen writes for schema.toml; run UPDATE_SNAPSHOTS=1 cargo test -p gb-enums-bench"
    );
}

#[test]
fn hand_written_alternative_is_current() {
    check("src/hand.rs", gen::hand(&registry(), "schema.toml"));
}

#[test]
fn derive_stack_alternative_is_current() {
    check(
        "src/stack.rs",
        gen::derive_stack(&registry(), "schema.toml"),
    );
}

#[test]
fn synthetic_registries_are_valid_and_sized() {
    let text = gen::synthetic_registry(30, 16);
    let registry =
        gb_enums_codegen::parse_registry(gb_enums_codegen::Source::new("synthetic.toml", &text))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(registry.enums.len(), 30);
    assert!(registry
        .enums
        .iter()
        .all(|e| e.variants.len() == 16 && e.default.is_some()));
    assert_eq!(registry.enums[7].variants[1].aliases[0].value, "STATE_01");
}

#[test]
fn the_alternatives_read_what_the_registry_says() {
    use gb_enums::GbEnum;
    use gb_enums_bench::{gb, hand, stack};
    // Aliases, the names of Display and the numbers agree across the three implementations.
    assert_eq!(
        "teams".parse::<hand::ChannelType>(),
        Ok(hand::ChannelType::Msteams)
    );
    assert_eq!(
        "teams".parse::<stack::ChannelType>(),
        Ok(stack::ChannelType::Msteams)
    );
    assert_eq!(
        gb::ChannelType::from_name("teams"),
        Ok(gb::ChannelType::Msteams)
    );
    assert_eq!(
        stack::IntentType::AppCreate.to_string(),
        gb::IntentType::AppCreate.to_string()
    );
    assert_eq!(
        hand::TaskStatus::WaitingApproval.to_string(),
        "waiting_approval"
    );
    assert_eq!(
        stack::MessageRole::try_from(9),
        Ok(stack::MessageRole::Episodic)
    );
    assert_eq!(
        i16::from(hand::MessageRole::Compact),
        gb::MessageRole::Compact.value()
    );
    let json = serde_json::to_string(&hand::ChannelType::Whatsapp).unwrap();
    assert_eq!(
        json,
        serde_json::to_string(&gb::ChannelType::Whatsapp).unwrap()
    );
    assert_eq!(
        serde_json::from_str::<stack::ChannelType>("\"whats_app\"").unwrap(),
        stack::ChannelType::Whatsapp
    );
}
