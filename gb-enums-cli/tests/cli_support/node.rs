//! The npm packages of the front-end tests (`typescript`, `ajv`), installed into
//! `target/node` by `.ci/services.d/frontend.sh`; `GB_ENUMS_NODE_MODULES` names another
//! `node_modules`. Without them a test explains its skip, and fails with `CI=true`.

use std::path::PathBuf;

use super::workspace_root;

/// The `node_modules` directory that has `file` (e.g. `.bin/tsc`), or `None` when the test
/// should skip (never with `CI=true`).
pub fn node_modules_with(file: &str, test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("GB_ENUMS_NODE_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/node/node_modules"));
    if dir.join(file).exists() {
        return Some(dir);
    }
    let message = format!(
        "{test}: {} is missing; run `bash .ci/services.d/frontend.sh` (or `.ci/services`), or set \
         GB_ENUMS_NODE_MODULES",
        dir.join(file).display()
    );
    assert!(!super::db::in_ci(), "{message} (CI=true: not skipping)");
    eprintln!("skipping {message}");
    None
}
