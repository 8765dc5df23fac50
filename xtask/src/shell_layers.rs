//! The shell's layers (`src/`), held by a native test among xtask's (it reads the sources, so it
//! needs no build of the shell, whose native build costs the gate a minute), as the core's are by
//! `crates/core/tests/layers.rs`. [`ORDER`] is the rule: a module (a file, or a folder of files)
//! may use the modules listed before its own and itself, nothing after it, so no import runs
//! back up and no circle can form. And a page imports no other page: `pages/` holds routes only,
//! and what two pages share is a component.
//!
//! Only code that ships is checked: a file's `#[cfg(test)]` part may use whatever it needs.

use std::path::Path;

/// The shell's modules bottom up: the browser's APIs, storage and the other services, the
/// routes and the notice (values), the operations, the hooks, the widgets, the pages, the chi
/// bộ's workspace, the root component.
const ORDER: &[&str] = &[
    "platform",
    "templates",
    "storage",
    "sync",
    "sealing",
    "locking",
    "routes",
    "notice",
    "operations",
    "hooks",
    "components",
    "pages",
    "chibo",
    "app",
];

/// Every `crate::a::b` in the shipped part of a source, with its line: `(line, a, b)`.
fn crate_paths(source: &str) -> Vec<(usize, String, String)> {
    let shipped = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for (n, line) in shipped.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let mut parts = after.split("::").map(|p| {
                p.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            });
            let first = parts.next().unwrap_or_default();
            let second = parts.next().unwrap_or_default();
            found.push((n + 1, first, second));
            rest = after;
        }
    }
    found
}

/// The rule's breaches among `files` (`(path under src/, source)`): each a sentence naming the
/// file and line.
fn breaches(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, source) in files {
        let own = path.split(['/', '.']).next().unwrap_or("");
        let Some(rank) = ORDER.iter().position(|m| *m == own) else {
            continue;
        };
        for (line, first, second) in crate_paths(source) {
            let at = format!("src/{path}:{line}");
            match ORDER.iter().position(|m| *m == first) {
                None => out.push(format!("{at}: `crate::{first}` is in no layer")),
                Some(used) if used > rank => {
                    out.push(format!("{at}: {own} uses {first}, which is above it"))
                }
                Some(_) => {}
            }
            if own == "pages" && first == "pages" {
                let page = path
                    .trim_start_matches("pages/")
                    .split(['/', '.'])
                    .next()
                    .unwrap_or("");
                if second != page {
                    out.push(format!(
                        "{at}: the page {page} uses the page {second}: share it as a component"
                    ));
                }
            }
        }
    }
    out
}

/// The shell's `src/`, beside xtask's folder.
fn shell_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")
}

/// Every `.rs` file under `dir`, as `(path under src/, source)`.
fn sources(src: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("a folder of src/") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(src, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path
                .strip_prefix(src)
                .expect("under src/")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("a source file");
            out.push((name, text));
        }
    }
}

#[test]
fn no_module_of_the_shell_uses_one_above_it_and_no_page_uses_another() {
    let src = shell_src();
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    let found = breaches(&files);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_module_of_the_shell_is_in_a_layer() {
    let src = shell_src();
    let mut declared: Vec<String> = std::fs::read_to_string(src.join("lib.rs"))
        .expect("lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_owned)
        .collect();
    declared.sort();
    let mut layered: Vec<String> = ORDER.iter().map(|m| (*m).to_owned()).collect();
    layered.sort();
    assert_eq!(declared, layered);
}

/// The checker itself: an upward use, a module in no layer and a page using another page are
/// each caught; a downward use, a page's own parts and test code are not.
#[test]
fn the_shell_s_layer_check_catches_each_kind_of_breach() {
    let file = |path: &str, text: &str| (path.to_owned(), text.to_owned());
    let found = breaches(&[
        file(
            "hooks/use_x.rs",
            "use crate::components::Thing; // up\nuse crate::storage::Store;\n",
        ),
        file(
            "components/a.rs",
            "use crate::hooks::use_x::use_x;\nfn f() { crate::nowhere::g(); }\n",
        ),
        file("pages/home.rs", "use crate::pages::print::a4;\n"),
        file(
            "pages/editor/mod.rs",
            "use crate::pages::editor::links::Links;\n",
        ),
        file(
            "platform/dom.rs",
            "#[cfg(test)]\nmod tests { use crate::app::App; }\n",
        ),
    ]);
    assert_eq!(
        found,
        [
            "src/hooks/use_x.rs:1: hooks uses components, which is above it",
            "src/components/a.rs:2: `crate::nowhere` is in no layer",
            "src/pages/home.rs:1: the page home uses the page print: share it as a component",
        ]
    );
}
