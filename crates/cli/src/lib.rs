//! `tusoi-cli`: Tự soi for the level above the chi bộ, natively, over the same core as the
//! browser's workspace. `rollup` reads folders of members' files and chi bộ roll-ups and writes the
//! merged roll-up, the copied-text groups and the analysts' NDJSON bundle (`docs/analysis.md`);
//! `generate` writes a seeded province to measure and test it on.

pub mod messages;
pub mod progress;
pub mod province;
pub mod rollup;

/// The peak resident memory of this process so far, in bytes, where the system says it (Linux's
/// `VmHWM`); `None` elsewhere.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Bytes as "612 MB" (Vietnamese decimal comma below 10).
pub fn format_bytes(bytes: u64) -> String {
    tusoi_core::base::number::human_bytes(bytes as f64)
}
