//! Feature `schemars`: the JSON Schema schemars generates for an application's type lists
//! every enum (generated from the shipped registry and the features fixture, and hand-written
//! with `#[derive(GbEnum)]`) with its values and descriptions, in the enum's serde form.
//! Snapshot-tested (`tests/snapshots/schemars.schema.json`; `UPDATE_SNAPSHOTS=1` rewrites
//! it), and validated with Ajv, as draft 2020-12, against what serde writes.

use gb_enums::GbEnum;
use gb_enums_tests::frontend::{assert_snapshot, cases, pretty, snapshot_path, validate};
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::json;

mod shipped {
    gb_enums::registry!("../schema.toml");
}

mod features {
    gb_enums::registry!("fixtures/features.toml");
}

/// A hand-written enum: the derive calls the same integration as `registry!`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, GbEnum)]
#[gb_enum(name = "door_state", registry = "fixtures/features.toml")]
pub enum Door {
    Closed,
    Open,
    #[gb_enum(other)]
    Other(i16),
}

/// The schema of every enum of the test, as `$defs` of one draft 2020-12 document.
fn document() -> schemars::Schema {
    let mut generator = SchemaGenerator::new(schemars::generate::SchemaSettings::draft2020_12());
    let mut defs = serde_json::Map::new();
    macro_rules! add {
        ($($ty:ty),*) => {$(
            // A reference, as a field of that type would get, whose definition is collected.
            let reference = generator.subschema_for::<$ty>();
            assert_eq!(reference.as_value()["$ref"], format!("#/$defs/{}", <$ty>::schema_name()));
        )*};
    }
    add!(
        shipped::ChannelType,
        shipped::TaskStatus,
        shipped::TaskPriority,
        shipped::IntentType,
        features::OutcomeKind,
        features::Signal,
        features::Level,
        Door
    );
    defs.extend(generator.definitions().clone());
    schemars::Schema::try_from(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": defs,
    }))
    .unwrap()
}

#[test]
fn json_schema_snapshot() {
    assert_snapshot(&snapshot_path("schemars.schema.json"), &pretty(&document()));
}

#[test]
fn enums_carry_their_values_and_descriptions() {
    let doc = document();
    let defs = &doc.as_value()["$defs"];
    let status = &defs["TaskStatus"];
    assert_eq!(status["type"], "string");
    assert_eq!(
        status["oneOf"][4],
        json!({"const": "waiting_approval", "description": "Needs approval"})
    );
    let names: Vec<&str> = shipped::TaskStatus::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(status["enum"], json!(names));

    let outcome = &defs["OutcomeKind"];
    assert_eq!(outcome["type"], "integer");
    assert_eq!(
        outcome["oneOf"][6],
        json!({"const": 6, "title": "self", "description": ""})
    );

    let door = &defs["Door"];
    assert_eq!(door["type"], json!(["string", "integer"]));
    assert_eq!(door["anyOf"][2]["not"], json!({"enum": [0, 1]}));
}

#[test]
fn the_schemas_accept_what_serde_writes() {
    let doc = document();
    let mut all = Vec::new();
    all.extend(cases::<shipped::ChannelType>(
        "ChannelType",
        &["teams", "whats_app"],
    ));
    all.extend(cases::<shipped::TaskStatus>("TaskStatus", &[]));
    all.extend(cases::<shipped::TaskPriority>("TaskPriority", &[]));
    all.extend(cases::<shipped::IntentType>("IntentType", &["APP_CREATE"]));
    all.extend(cases::<features::OutcomeKind>("OutcomeKind", &[]));
    all.extend(cases::<features::Signal>("Signal", &["yellow"]));
    all.extend(cases::<features::Level>("Level", &["LOW", "lo"]));
    all.extend(cases::<Door>("Door", &[]));
    validate("schemars", doc.as_value(), &all);
}
