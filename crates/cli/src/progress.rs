//! A progress line on the terminal: drawn in place when standard error is a terminal, at most ten
//! times a second; silent otherwise, so a log or a test gets only the summary.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Progress {
    label: String,
    shown: bool,
    last: Option<Instant>,
    started: Instant,
}

impl Progress {
    /// A progress line, drawn only if `enabled` and standard error is a terminal.
    pub fn new(label: &str, enabled: bool) -> Progress {
        Progress {
            label: label.to_owned(),
            shown: enabled && std::io::stderr().is_terminal(),
            last: None,
            started: Instant::now(),
        }
    }

    /// `done` of `total`: `Đang đọc [#######.............] 12.345/64.089 tệp, 19%, 8 giây`.
    pub fn tick(&mut self, done: usize, total: usize) {
        if !self.shown {
            return;
        }
        let now = Instant::now();
        if self
            .last
            .is_some_and(|t| now - t < Duration::from_millis(100) && done < total)
        {
            return;
        }
        self.last = Some(now);
        let _ = write!(
            std::io::stderr(),
            "\r{}",
            line(&self.label, done, total, self.started.elapsed())
        );
    }

    /// Ends the line.
    pub fn finish(&mut self) {
        if self.shown && self.last.is_some() {
            let _ = writeln!(std::io::stderr());
        }
    }
}

/// The text of the progress line.
pub fn line(label: &str, done: usize, total: usize, elapsed: Duration) -> String {
    const WIDTH: usize = 30;
    let done = done.min(total);
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    format!(
        "{label} [{}{}] {}/{} tệp, {percent}%, {} giây ",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        tusoi_core::base::number::format_count(done as u64),
        tusoi_core::base::number::format_count(total as u64),
        elapsed.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_shows_the_share_done_with_vietnamese_numbers() {
        let text = line("Đang đọc", 12_345, 64_089, Duration::from_secs(8));
        assert!(text.contains("12.345/64.089 tệp, 19%, 8 giây"), "{text}");
        assert_eq!(text.matches('#').count(), 5);
        assert!(line("Đang đọc", 0, 0, Duration::ZERO).contains("100%"));
    }
}
