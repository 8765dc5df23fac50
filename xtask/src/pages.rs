//! A page of the site from its HTML source (`index.html`, `soan.html`, `chibo.html`, the bench's
//! `bench/counter/index.html`), with the wasm `compile_site` built: each `<link data-build …>` of
//! the source becomes the files and tags it names, and the page is written, minified, into a
//! folder of its own.
//!
//! - `rel="rust"`: the `data-bin`'s wasm bound by wasm-bindgen (`--target web`), shrunk by wasm-opt
//!   at `data-wasm-opt` with `data-wasm-opt-params`, its glue minified by esbuild, both named after
//!   their content; a start script of its own (`boot-<hash>.js`: the Content-Security-Policy allows
//!   no inline script) loaded in the link's place, and the glue preloaded (the wasm too, unless the
//!   page starts it after its first paint).
//! - `rel="css"`: the style sheet minified by esbuild, named after its content.
//! - `rel="icon"`: the icon, named after its content.
//! - `rel="copy-file"`, `rel="copy-dir"`: copied under their own name, a script minified.
//!
//! Every file a tag names carries its Subresource Integrity hash. Until December 2026 Trunk did
//! this; the site needs no more of it than this, and a fresh machine no longer compiles it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256, Sha384};

use crate::{run, site, Result};

/// How a page starts its wasm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// At once, the wasm preloaded beside the page: a page that shows only a loading line until
    /// its wasm runs (the editor's, the workspace's, the counter).
    AtOnce,
    /// Once the browser reports the first contentful paint (the member's home page, rendered into
    /// `index.html`), and the wasm not preloaded: on a slow link the page's own bytes then do not
    /// share the line with the wasm, and the first paint is the largest (LCP).
    AfterPaint,
}

/// Writes the page built from `source` into `out` (emptied first), taking each `data-bin`'s wasm
/// from `wasm_dir` (cargo's release folder for wasm32).
pub fn build(source: &Path, out: &Path, wasm_dir: &Path, start: Start) -> Result {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let html = std::fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let base = source.parent().unwrap_or(Path::new("."));
    let page = assemble(&html, |attrs| {
        let href = || {
            attrs
                .get("href")
                .map(|h| base.join(h))
                .ok_or_else(|| format!("{}: a data-build link without href", source.display()))
        };
        match attrs.get("rel").map(String::as_str) {
            Some("rust") => {
                let bin = attrs
                    .get("data-bin")
                    .ok_or_else(|| format!("{}: rel=rust without data-bin", source.display()))?;
                let level = attrs.get("data-wasm-opt").map_or("z", String::as_str);
                let params: Vec<&str> = attrs
                    .get("data-wasm-opt-params")
                    .map(|p| p.split_whitespace().collect())
                    .unwrap_or_default();
                rust(
                    &wasm_dir.join(format!("{bin}.wasm")),
                    bin,
                    level,
                    &params,
                    out,
                    start,
                )
            }
            Some("css") => {
                let name = named_after_content(&href()?, out, Some(site::minify))?;
                Ok((
                    format!(
                        "<link rel=\"stylesheet\" href=\"./{name}\" integrity=\"{}\">",
                        integrity(&out.join(&name))?
                    ),
                    String::new(),
                ))
            }
            Some("icon") => {
                let name = named_after_content(&href()?, out, None)?;
                Ok((
                    format!(
                        "<link rel=\"icon\" href=\"./{name}\" integrity=\"{}\">",
                        integrity(&out.join(&name))?
                    ),
                    String::new(),
                ))
            }
            Some("copy-file") => {
                let from = href()?;
                let to = out.join(from.file_name().unwrap_or_default());
                std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
                if to.extension().is_some_and(|e| e == "js") {
                    site::minify(&to)?;
                }
                Ok(Default::default())
            }
            Some("copy-dir") => {
                let from = href()?;
                crate::e2e::copy_dir(&from, &out.join(from.file_name().unwrap_or_default()))?;
                Ok(Default::default())
            }
            other => Err(format!(
                "{}: a data-build link of unknown rel {other:?}",
                source.display()
            )),
        }
    })?;
    let path = out.join("index.html");
    std::fs::write(&path, page).map_err(|e| format!("{}: {e}", path.display()))
}

/// The tag's attributes: `name="value"` (or unquoted), and bare names with an empty value.
type Attributes = BTreeMap<String, String>;

/// `html` with each `<link data-build …>` replaced by what `asset` returns for it: the first part
/// in the link's place, the second before `</head>`; then minified (see [`minify_html`]).
fn assemble(
    html: &str,
    mut asset: impl FnMut(&Attributes) -> Result<(String, String)>,
) -> Result<String> {
    const LINK: &str = "<link data-build";
    let (mut page, mut head_end) = (String::with_capacity(html.len()), String::new());
    let mut rest = html;
    while let Some(at) = rest.find(LINK) {
        let end = rest[at..]
            .find('>')
            .map(|e| at + e + 1)
            .ok_or("a <link data-build …> without its `>`")?;
        page.push_str(&rest[..at]);
        let (here, before_head_end) = asset(&attributes(&rest[at + "<link".len()..end - 1]))?;
        page.push_str(&here);
        head_end.push_str(&before_head_end);
        rest = &rest[end..];
    }
    page.push_str(rest);
    let page = minify_html(&page);
    if !page.contains("</head>") {
        return Err("the page has no </head>".into());
    }
    Ok(page.replacen("</head>", &format!("{head_end}</head>"), 1))
}

/// The attributes of a tag's inside (what lies between `<link` and `>`).
fn attributes(tag: &str) -> Attributes {
    let mut out = Attributes::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let value = if let Some(after) = rest.strip_prefix('=') {
            let (value, after) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    (&inner[..close], inner.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = after;
            value.to_owned()
        } else {
            String::new()
        };
        out.insert(name, value);
    }
}

/// The page without its comments, and each run of white space that holds a line break made one
/// space, or nothing between two tags and at either end. The sources break lines only between tags and between a
/// tag's attributes; text keeps its spaces.
fn minify_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        text.push_str(&rest[..at]);
        rest = rest[at..]
            .find("-->")
            .map_or("", |end| &rest[at + end + 3..]);
    }
    text.push_str(rest);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut run = String::from(c);
        while let Some(&next) = chars.peek().filter(|n| n.is_whitespace()) {
            run.push(next);
            chars.next();
        }
        if !run.contains('\n') {
            out.push_str(&run);
        } else if !out.is_empty()
            && chars.peek().is_some()
            && !(out.ends_with('>') && chars.peek() == Some(&'<'))
        {
            out.push(' ');
        }
    }
    out
}

/// The wasm of `bin`, bound, shrunk, and named after its content in `out`, and its start script:
/// the tag in the link's place and the preloads before `</head>`.
fn rust(
    built: &Path,
    bin: &str,
    level: &str,
    params: &[&str],
    out: &Path,
    start: Start,
) -> Result<(String, String)> {
    let (js, wasm) = bind(built, bin, level, params, out)?;
    site::minify(&js)?;
    // One hash for the pair, so the glue and the wasm it was bound with change names together.
    let mut hasher = Sha256::new();
    for path in [&js, &wasm] {
        hasher.update(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let hash = &format!("{:x}", hasher.finalize())[..16];
    let (js_name, wasm_name) = (format!("{bin}-{hash}.js"), format!("{bin}-{hash}_bg.wasm"));
    for (from, to) in [(&js, &js_name), (&wasm, &wasm_name)] {
        std::fs::rename(from, out.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let script = start_script(&js_name, &wasm_name, start);
    let boot = out.join("boot.js");
    std::fs::write(&boot, script).map_err(|e| format!("{}: {e}", boot.display()))?;
    let boot_name = named_after_content(&boot, out, Some(site::minify))?;
    std::fs::remove_file(&boot).map_err(|e| format!("{}: {e}", boot.display()))?;
    let mut preloads = format!(
        "<link rel=\"modulepreload\" href=\"./{js_name}\" crossorigin integrity=\"{}\">",
        integrity(&out.join(&js_name))?
    );
    if start == Start::AtOnce {
        preloads.push_str(&format!(
            "<link rel=\"preload\" href=\"./{wasm_name}\" as=\"fetch\" type=\"application/wasm\" crossorigin integrity=\"{}\">",
            integrity(&out.join(&wasm_name))?
        ));
    }
    Ok((
        format!("<script type=\"module\" src=\"./{boot_name}\"></script>"),
        preloads,
    ))
}

/// The wasm `built` bound by wasm-bindgen as an ES module (`<name>.js`, `<name>_bg.wasm` in
/// `out`) and shrunk by wasm-opt at `-O<level>` with `params`; returns the glue's and the wasm's
/// paths. The pages' and the QR scanner's.
pub fn bind(
    built: &Path,
    name: &str,
    level: &str,
    params: &[&str],
    out: &Path,
) -> Result<(PathBuf, PathBuf)> {
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", name])
        .arg("--out-dir")
        .arg(out)
        .arg(built))?;
    let (js, wasm) = (
        out.join(format!("{name}.js")),
        out.join(format!("{name}_bg.wasm")),
    );
    run(Command::new("wasm-opt")
        .arg(format!("-O{level}"))
        .args(params)
        .arg("-o")
        .arg(&wasm)
        .arg(&wasm))?;
    Ok((js, wasm))
}

/// Waits until the browser reports the first contentful paint (the prerendered page, on screen)
/// before the start script asks for the wasm; where paint timing is not reported, for a task after
/// the next animation frame. At most a second, since a page opened in the background paints nothing.
///
/// A task after the frame was not enough: the frame is presented a few milliseconds after it is
/// drawn, and a wasm request made in between counts, for Lighthouse's simulation, as needed by the
/// largest paint, whose simulated time then includes the download (LCP 2,3 s instead of 1,1 s in
/// one run of three; docs/performance.md, "First paint").
const AFTER_PAINT: &str = "await new Promise((r) => { setTimeout(r, 1000); if (self.PerformanceObserver?.supportedEntryTypes?.includes(\"paint\")) new PerformanceObserver((l, o) => { if (l.getEntriesByName(\"first-contentful-paint\").length) { o.disconnect(); setTimeout(r); } }).observe({ type: \"paint\", buffered: true }); else requestAnimationFrame(() => setTimeout(r)); });\n";

/// The page's start script: the glue's `init` with the wasm's address, then `window.wasmBindings`
/// (which `index.html`'s first script reads to know the app started) and the `tusoi-started`
/// event (which the bench waits for).
fn start_script(js: &str, wasm: &str, start: Start) -> String {
    let wait = if start == Start::AfterPaint {
        AFTER_PAINT
    } else {
        ""
    };
    format!(
        "import init, * as bindings from './{js}';\n{wait}const wasm = await init({{ module_or_path: './{wasm}' }});\nwindow.wasmBindings = bindings;\ndispatchEvent(new CustomEvent(\"tusoi-started\", {{ detail: {{ wasm }} }}));\n"
    )
}

/// `from` copied into `out` as `<stem>-<hash>.<extension>`, the hash of what was written (after
/// `shrink`, if any, ran on the copy); returns the new name.
fn named_after_content(
    from: &Path,
    out: &Path,
    shrink: Option<fn(&Path) -> Result>,
) -> Result<String> {
    let stem = from.file_stem().unwrap_or_default().to_string_lossy();
    let extension = from.extension().unwrap_or_default().to_string_lossy();
    let staged = out.join(format!("{stem}.staged.{extension}"));
    std::fs::copy(from, &staged).map_err(|e| format!("{}: {e}", from.display()))?;
    if let Some(shrink) = shrink {
        shrink(&staged)?;
    }
    let bytes = std::fs::read(&staged).map_err(|e| format!("{}: {e}", staged.display()))?;
    let name = format!(
        "{stem}-{}.{extension}",
        &format!("{:x}", Sha256::digest(&bytes))[..16]
    );
    std::fs::rename(&staged, out.join(&name)).map_err(|e| format!("{name}: {e}"))?;
    Ok(name)
}

/// The Subresource Integrity value of a file: `sha384-<base64>`.
fn integrity(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(format!("sha384-{}", site::base64(&Sha384::digest(&bytes))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_links_attributes_are_read_quoted_unquoted_and_bare() {
        let attrs = attributes(
            " data-build rel=\"rust\" data-bin='tusoi'\n        data-wasm-opt=z data-wasm-opt-params=\"--a --b\" /",
        );
        let get = |k: &str| attrs.get(k).map(String::as_str);
        assert_eq!(get("data-build"), Some(""));
        assert_eq!(get("rel"), Some("rust"));
        assert_eq!(get("data-bin"), Some("tusoi"));
        assert_eq!(get("data-wasm-opt"), Some("z"));
        assert_eq!(get("data-wasm-opt-params"), Some("--a --b"));
        assert_eq!(attrs.len(), 5);
    }

    #[test]
    fn each_build_link_is_replaced_in_place_and_its_preloads_go_before_the_end_of_head() {
        let html = "<!doctype html>\n<html lang=\"vi\">\n<head>\n  <!-- a comment -->\n  <meta name=\"viewport\"\n        content=\"width=device-width\" />\n  <link data-build rel=\"css\" href=\"a.css\" />\n  <link data-build rel=\"rust\" data-bin=\"x\" />\n  <script src=\"./r.js\" defer></script>\n</head>\n<body>\n  <p class=\"loading\">Đang mở ứng dụng…</p>\n</body>\n</html>\n";
        let mut seen = Vec::new();
        let page = assemble(html, |attrs| {
            seen.push(attrs["rel"].clone());
            Ok(match attrs["rel"].as_str() {
                "css" => ("<link rel=stylesheet href=./a-1.css>".into(), String::new()),
                _ => (
                    "<script type=module src=./boot-2.js></script>".into(),
                    "<link rel=modulepreload href=./x-3.js>".into(),
                ),
            })
        })
        .expect("a page with a head");
        assert_eq!(seen, ["css", "rust"]);
        assert_eq!(
            page,
            "<!doctype html><html lang=\"vi\"><head><meta name=\"viewport\" content=\"width=device-width\" /><link rel=stylesheet href=./a-1.css><script type=module src=./boot-2.js></script><script src=\"./r.js\" defer></script><link rel=modulepreload href=./x-3.js></head><body><p class=\"loading\">Đang mở ứng dụng…</p></body></html>"
        );
        assert!(assemble("<p>no head</p>", |_| Ok(Default::default())).is_err());
        assert!(assemble("<head><link data-build rel=css", |_| Ok(Default::default())).is_err());
    }

    #[test]
    fn the_home_pages_start_script_waits_for_the_first_paint_and_the_others_do_not() {
        let after = start_script("tusoi-1.js", "tusoi-1_bg.wasm", Start::AfterPaint);
        assert_eq!(
            after,
            format!("import init, * as bindings from './tusoi-1.js';\n{AFTER_PAINT}const wasm = await init({{ module_or_path: './tusoi-1_bg.wasm' }});\nwindow.wasmBindings = bindings;\ndispatchEvent(new CustomEvent(\"tusoi-started\", {{ detail: {{ wasm }} }}));\n")
        );
        let at_once = start_script("tusoi-1.js", "tusoi-1_bg.wasm", Start::AtOnce);
        assert!(!at_once.contains("first-contentful-paint"));
        assert!(at_once.starts_with("import init, * as bindings from './tusoi-1.js';\nconst wasm"));
    }
}
