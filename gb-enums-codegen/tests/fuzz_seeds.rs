//! The fuzz targets' bodies (`gb_enums_codegen::fuzz`, run by cargo-fuzz under `fuzz/`) over
//! their seed corpus `tests/fuzz_seeds/<target>/`, and over every cut of each seed (every
//! prefix, and the seed with one stretch left out), so that CI exercises each invariant on
//! stable Rust. The seeds include one file per fuzz finding (`finding_*`).

use std::path::{Path, PathBuf};

fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_seeds")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 2, "seeds of {target}");
    files
}

/// Runs `body` on every seed and on cuts of it: prefixes, and the seed without a stretch.
fn run(target: &str, body: fn(&[u8])) {
    for (path, bytes) in seeds(target) {
        let step = (bytes.len() / 64).max(1);
        let mut inputs = vec![bytes.clone()];
        for cut in (0..bytes.len()).step_by(step) {
            inputs.push(bytes[..cut].to_vec());
            let mut without = bytes[..cut].to_vec();
            without.extend_from_slice(&bytes[(cut + step * 3).min(bytes.len())..]);
            inputs.push(without);
        }
        for input in inputs {
            let outcome = std::panic::catch_unwind(|| body(&input));
            assert!(
                outcome.is_ok(),
                "{target} failed on a cut of {}:\n{}",
                path.display(),
                String::from_utf8_lossy(&input)
            );
        }
    }
}

#[test]
fn registry_target_over_its_seeds() {
    run("registry", gb_enums_codegen::fuzz::registry);
}

#[test]
fn template_target_over_its_seeds() {
    run("template", gb_enums_codegen::fuzz::template);
}

#[cfg(feature = "import")]
#[test]
fn import_target_over_its_seeds() {
    run("import", gb_enums_codegen::fuzz::import);
}
