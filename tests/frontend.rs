//! Helpers of the front-end and API tests (`tests/tests/schema_*.rs`): snapshots, and
//! validating a JSON Schema with Ajv (`tests/frontend/validate_schema.cjs`) against the
//! values serde writes and values it must reject.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

use crate::{in_ci, workspace_root};

/// Compares `actual` with the committed file at `path`; with `UPDATE_SNAPSHOTS=1` it writes
/// `actual` there instead (review the change with `git diff`).
pub fn assert_snapshot(path: &Path, actual: &str) {
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "snapshot {} cannot be read ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{} differs from the output, first at line {line}:\n  committed: {:?}\n  output:    {:?}\n\
             run with UPDATE_SNAPSHOTS=1 to accept the output, then review `git diff`",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or("<end of file>"),
            actual.lines().nth(line - 1).unwrap_or("<end of file>"),
        );
    }
}

/// A file of `tests/snapshots/`.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(name)
}

/// `value` as sorted, pretty JSON with a final newline: deterministic whatever map types
/// produced it (utoipa keeps its extensions in a `HashMap`).
pub fn pretty(value: &impl serde::Serialize) -> String {
    // `serde_json::Value` keeps objects in a BTreeMap here (no `preserve_order`): sorted.
    let value = serde_json::to_value(value).unwrap();
    serde_json::to_string_pretty(&value).unwrap() + "\n"
}

/// The `node_modules` that has Ajv (installed into `target/node` by
/// `.ci/services.d/frontend.sh`, or `GB_ENUMS_NODE_MODULES`), or `None` when the test should
/// skip (never with `CI=true`).
pub fn node_modules(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("GB_ENUMS_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/node/node_modules"));
    if dir.join("ajv/dist/2020.js").exists() {
        return Some(dir);
    }
    let message = format!(
        "{test}: ajv is missing from {}; run `bash .ci/services.d/frontend.sh` (or `.ci/services`), \
         or set GB_ENUMS_NODE_MODULES",
        dir.display()
    );
    assert!(!in_ci(), "{message} (CI=true: not skipping)");
    eprintln!("skipping {message}");
    None
}

/// One value to validate against `#/$defs/<def>`, and whether it must be accepted.
#[derive(Clone, Debug)]
pub struct Case {
    pub def: String,
    pub value: Value,
    pub valid: bool,
}

/// What serde writes for every value of `E` (accepted), and what it never writes (rejected):
/// the other form (numbers for names, names for numbers), aliases, other names and types,
/// numbers out of range; for an open enum also numbers the registry does not know.
pub fn cases<E>(def: &str, aliases: &[&str]) -> Vec<Case>
where
    E: gb_enums::GbEnum
        + PartialEq
        + core::fmt::Debug
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let mut out = Vec::new();
    let mut push = |value: Value, valid: bool| {
        out.push(Case {
            def: def.to_string(),
            value,
            valid,
        })
    };
    let mut written = Vec::new();
    for e in E::ALL {
        let v = serde_json::to_value(e).unwrap();
        // What serde writes it reads back: the case is about the real form.
        assert_eq!(serde_json::from_value::<E>(v.clone()).unwrap(), *e);
        written.push(v.clone());
        push(v, true);
    }
    let by_value = written[0].is_number();
    let unknown = (i16::MIN..=i16::MAX)
        .find(|n| E::ALL.iter().all(|e| e.value() != *n))
        .unwrap();
    if E::OPEN {
        // An unknown value is written as its number: accepted.
        for n in [unknown, i16::MIN, i16::MAX] {
            if let Ok(e) = E::from_value(n) {
                let v = serde_json::to_value(e).unwrap();
                if !written.contains(&v) {
                    push(v, true);
                }
            }
        }
    } else {
        push(json!(unknown), false);
    }
    for e in E::ALL {
        if by_value {
            push(json!(e.name()), false);
        } else {
            // Written as names, a known value is never its number, open or not.
            push(json!(e.value()), false);
            push(json!(e.name().to_uppercase()), false);
            push(json!(format!(" {}", e.name())), false);
        }
    }
    for a in aliases {
        push(json!(a), false);
    }
    for other in [
        json!("no_such_name"),
        json!(""),
        json!(null),
        json!(true),
        json!(1.5),
        json!(32768),
        json!(-32769),
        json!([]),
        json!({}),
    ] {
        push(other, false);
    }
    out
}

/// Validates `schema` (a draft 2020-12 document with `$defs`) and every case with Ajv;
/// panics with Ajv's report on any problem. `None` when Ajv is missing and the test skips.
pub fn validate(test: &str, schema: &Value, cases: &[Case]) -> Option<()> {
    let modules = node_modules(test)?;
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("schema.json");
    let cases_path = dir.path().join("cases.json");
    std::fs::write(&schema_path, serde_json::to_string(schema).unwrap()).unwrap();
    let cases: Vec<Value> = cases
        .iter()
        .map(|c| json!({ "def": c.def, "value": c.value, "valid": c.valid }))
        .collect();
    std::fs::write(&cases_path, serde_json::to_string(&cases).unwrap()).unwrap();
    let out = Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend/validate_schema.cjs"))
        .arg(&schema_path)
        .arg(&cases_path)
        .env("NODE_PATH", &modules)
        .output()
        .expect("node runs");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{test}: {report}");
    assert_eq!(
        report,
        format!("{} passed, 0 failed\n", cases.len()),
        "{test}"
    );
    Some(())
}
