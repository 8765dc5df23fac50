//! User Timing marks and measures (`performance.mark`, `performance.measure`), which the
//! benchmark (`cargo xtask bench`, `bench/`) reads to say where the time goes. Nothing in the app
//! reads them back.

/// A `performance.mark`.
pub fn mark(name: &str) {
    if let Some(p) = gloo_utils::window().performance() {
        let _ = p.mark(name);
    }
}

/// A `performance.measure` from the mark `start` to now.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = gloo_utils::window().performance() {
        let _ = p.measure_with_start_mark(name, start);
    }
}

/// Like [`measure`], for something done again and again (a save): the previous entry and the mark
/// are dropped first, so a long session does not fill the page's timeline. The benchmark reads
/// each entry with a `PerformanceObserver` as it is made.
pub fn measure_latest(name: &str, start: &str) {
    if let Some(p) = gloo_utils::window().performance() {
        p.clear_measures_with_measure_name(name);
        let _ = p.measure_with_start_mark(name, start);
        p.clear_marks_with_mark_name(start);
    }
}
