//! The gate's fuzz run: a hundred thousand mutated files through the core's import, from a fixed
//! seed, none of which may panic. A failure replays with `cargo xtask fuzz 100000 20261201`;
//! `cargo xtask fuzz` runs a million from a seed of the clock. Built as the tests are (unoptimised,
//! with overflow checks), it takes about ten seconds.

use std::process::Command;

/// The seed `cargo xtask test` has used since December 2026.
const SEED: &str = "20261201";

#[test]
fn a_hundred_thousand_mutated_imports_are_each_imported_or_refused_never_a_panic() {
    let out = Command::new(env!("CARGO_BIN_EXE_tusoi-fuzz"))
        .args(["100000", SEED])
        .output()
        .expect("the fuzzer starts");
    let said = String::from_utf8_lossy(&out.stdout);
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}{errors}");
    // The fuzzer's own report: every input counted, none panicked.
    assert!(
        said.contains("fuzz: 100000 inputs") && said.contains(", 0 panics"),
        "{said}"
    );
}
