//! Feature `utoipa`: an OpenAPI document built with utoipa's own derive, as an application
//! builds it, lists every enum (generated from the shipped registry and from the features
//! fixture, and hand-written with `#[derive(GbEnum)]`) with its values, names and
//! descriptions, in the enum's serde form. Snapshot-tested (`tests/snapshots/utoipa.openapi.json`;
//! `UPDATE_SNAPSHOTS=1` rewrites it), and the enums' schemas are validated with Ajv against
//! what serde writes.

use gb_enums::GbEnum;
use gb_enums_tests::frontend::{assert_snapshot, cases, pretty, snapshot_path, validate, Case};
use serde_json::{json, Value};
use utoipa::OpenApi;

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

/// An application's own type, whose fields are registry enums.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct Task {
    status: shipped::TaskStatus,
    priority: shipped::TaskPriority,
    outcome: Option<features::OutcomeKind>,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "gb-enums utoipa test", version = "0"),
    components(schemas(
        Task,
        shipped::ChannelType,
        shipped::TaskStatus,
        shipped::TaskPriority,
        shipped::IntentType,
        features::OutcomeKind,
        features::Signal,
        features::Level,
        Door,
    ))
)]
struct ApiDoc;

fn document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).unwrap()
}

#[test]
fn openapi_document_snapshot() {
    assert_snapshot(
        &snapshot_path("utoipa.openapi.json"),
        &pretty(&ApiDoc::openapi()),
    );
}

#[test]
fn enums_are_listed_with_values_names_and_descriptions() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let status = &schemas["TaskStatus"];
    assert_eq!(status["type"], "string");
    assert_eq!(status["title"], "Task Status");
    let names: Vec<&str> = shipped::TaskStatus::ALL.iter().map(|s| s.name()).collect();
    let descriptions: Vec<&str> = shipped::TaskStatus::ALL
        .iter()
        .map(|s| s.description())
        .collect();
    assert_eq!(status["enum"], json!(names));
    assert_eq!(status["x-enum-varnames"], json!(names));
    assert_eq!(status["x-enum-descriptions"], json!(descriptions));
    assert!(status["description"]
        .as_str()
        .unwrap()
        .starts_with("- `pending` (0): Waiting to start\n- `ready` (1): Ready to execute\n"));

    // `serde = "value"`: numbers, named by the registry's names.
    let outcome = &schemas["OutcomeKind"];
    assert_eq!(outcome["type"], "integer");
    assert_eq!(outcome["enum"], json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    assert_eq!(outcome["x-enum-varnames"][6], "self");

    // Open: the names, or a SMALLINT.
    let door = &schemas["Door"];
    assert_eq!(door["oneOf"][0]["enum"], json!(["closed", "open"]));
    assert_eq!(door["oneOf"][1]["type"], "integer");
    assert_eq!(door["oneOf"][1]["maximum"], 32767);

    // An application's struct refers to the enums by name.
    let task = &schemas["Task"]["properties"];
    assert_eq!(task["status"]["$ref"], "#/components/schemas/TaskStatus");
    assert_eq!(
        task["priority"]["$ref"],
        "#/components/schemas/TaskPriority"
    );
}

/// `cases` without the rejected numbers of known values.
fn without_known_numbers<E: GbEnum>(cases: Vec<Case>) -> impl Iterator<Item = Case> {
    cases.into_iter().filter(|c| {
        let known = |n: i64| E::ALL.iter().any(|e| i64::from(e.value()) == n);
        c.valid || !c.value.as_i64().is_some_and(known)
    })
}

#[test]
fn the_schemas_accept_what_serde_writes() {
    let doc = document();
    let mut defs = doc["components"]["schemas"].clone();
    defs.as_object_mut().unwrap().remove("Task");
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": defs,
    });
    let mut all = Vec::new();
    all.extend(cases::<shipped::ChannelType>(
        "ChannelType",
        &["teams", "whats_app"],
    ));
    all.extend(cases::<shipped::TaskStatus>("TaskStatus", &[]));
    all.extend(cases::<shipped::TaskPriority>("TaskPriority", &[]));
    all.extend(cases::<shipped::IntentType>("IntentType", &["APP_CREATE"]));
    all.extend(cases::<features::OutcomeKind>("OutcomeKind", &[]));
    all.extend(cases::<features::Level>("Level", &["LOW", "lo"]));
    // Open and written as names: utoipa 5 has no `not`, so the number branch cannot exclude
    // the known values' numbers (which serde reads, but never writes); everything else holds.
    all.extend(without_known_numbers::<features::Signal>(cases::<
        features::Signal,
    >(
        "Signal",
        &["yellow"],
    )));
    all.extend(without_known_numbers::<Door>(cases::<Door>("Door", &[])));
    validate("utoipa", &schema, &all);
}
