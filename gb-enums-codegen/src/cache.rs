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
