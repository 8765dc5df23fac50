//! The browser suites, one wasm: `wasm-bindgen-test-runner` prepares a test wasm and starts a
//! browser for each binary in each engine, so the suites that can share a page are one binary
//! (`cargo xtask browser` runs it in Chromium, Firefox ESR and WebKitGTK). Each module opens
//! databases of its own names and removes what it mounts. `tests/without_indexed_db.rs` stays a
//! binary of its own: it takes `indexedDB` away from its page for good.

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod autosave;
mod lock;
mod lock_store;
mod routes;
mod storage;
mod upgrade;
mod workspaces;
