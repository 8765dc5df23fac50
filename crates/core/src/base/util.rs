//! Small helpers every layer may use.

/// The version of the app that wrote an export, recorded in every envelope.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Sorts a short list in place (insertion sort, stable). The lists here are a few dozen items at
/// most, and the standard library's sort routines cost the wasm bundle about 2 kB each.
pub fn sort_small<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    /// Fails when a generated file differs from the one committed under `schema/`;
    /// `UPDATE_SCHEMA=1 cargo test -p tusoi-core` rewrites it after a deliberate change.
    pub(crate) fn assert_schema_committed(name: &str, generated: &str) {
        let path = format!("{}/schema/{name}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{path} is out of date: run UPDATE_SCHEMA=1 cargo test -p tusoi-core and commit it"
        );
    }

    #[test]
    fn sort_small_sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_small(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        super::sort_small(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
