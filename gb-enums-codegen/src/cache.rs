//! A parse cache for the proc macros.
//!
//! Twelve `#[derive(GbEnum)]` in one crate would otherwise parse the same registry twelve
//! times. The cache is keyed by path *and* content: rust-analyzer keeps its proc-macro server
//! alive across edits, so a cache keyed by path alone would serve a stale registry.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::{load_source, Loaded};

type Entry = (u64, Arc<Loaded>);

fn cache() -> &'static Mutex<HashMap<PathBuf, Entry>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Entry>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Reads `path` and returns its parsed, validated registry, reusing the previous result when
/// the file's content has not changed. `base` only decides how the path is shown.
pub fn load_cached(path: &Path, base: &Path) -> Arc<Loaded> {
    let source = match crate::locate::read(path, base) {
        Ok(s) => s,
        Err(d) => return Arc::new(Loaded::failed(d)),
    };
    let mut h = DefaultHasher::new();
    source.text.hash(&mut h);
    source.name.hash(&mut h);
    let hash = h.finish();
    // A poisoned lock only means another expansion panicked; the map itself is still sound.
    let mut map = cache().lock().unwrap_or_else(|p| p.into_inner());
    if let Some((h, loaded)) = map.get(path) {
        if *h == hash {
            return Arc::clone(loaded);
        }
    }
    let loaded = Arc::new(load_source(source));
    map.insert(path.to_path_buf(), (hash, Arc::clone(&loaded)));
    loaded
}

/// How many registries are cached (for tests).
pub fn cached_len() -> usize {
    cache().lock().unwrap_or_else(|p| p.into_inner()).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A registry file of its own per test: the cache is shared by the whole process.
    fn temp_registry(name: &str, text: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gb-enums-cache-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("schema.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    const ONE: &str = "[enums.x]\nvariants = [{ value = 1, name = \"a\" }]\n";
    const TWO: &str =
        "[enums.x]\nvariants = [{ value = 1, name = \"a\" }, { value = 2, name = \"b\" }]\n";

    #[test]
    fn unchanged_content_is_parsed_once() {
        let path = temp_registry("hit", ONE);
        let base = path.parent().unwrap();
        let first = load_cached(&path, base);
        let second = load_cached(&path, base);
        assert!(
            Arc::ptr_eq(&first, &second),
            "the second load parsed the file again"
        );
        // Rewriting the same bytes (a touch, a save without change) still hits.
        std::fs::write(&path, ONE).unwrap();
        assert!(Arc::ptr_eq(&first, &load_cached(&path, base)));
        assert!(cached_len() >= 1);
    }

    #[test]
    fn changed_content_is_parsed_again() {
        let path = temp_registry("miss", ONE);
        let base = path.parent().unwrap();
        let before = load_cached(&path, base);
        std::fs::write(&path, TWO).unwrap();
        let after = load_cached(&path, base);
        assert!(!Arc::ptr_eq(&before, &after));
        let count = |l: &Loaded| l.registry.as_ref().map(|r| r.enums[0].variants.len());
        assert_eq!((count(&before), count(&after)), (Some(1), Some(2)));
        // And back: the cache holds one entry per path, so the old content parses anew.
        std::fs::write(&path, ONE).unwrap();
        let back = load_cached(&path, base);
        assert!(!Arc::ptr_eq(&back, &before) && !Arc::ptr_eq(&back, &after));
        assert_eq!(count(&back), Some(1));
    }

    #[test]
    fn a_missing_file_is_an_error_and_not_cached() {
        let path = std::env::temp_dir().join(format!(
            "gb-enums-cache-{}-none/schema.toml",
            std::process::id()
        ));
        let loaded = load_cached(&path, path.parent().unwrap());
        assert!(loaded.registry.is_none());
        assert_eq!(
            loaded.diagnostics.to_string(),
            "error: schema.toml: registry file not found\n"
        );
    }
}
