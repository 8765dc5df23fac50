//! The browser's clock: now as documents record it (RFC 3339, UTC) and as the member reads it
//! (local time, `dd/mm/yyyy`).

use tusoi_core::base::time::rfc3339_from_millis;
use wasm_bindgen::JsValue;

/// Now, as the RFC 3339 UTC text documents carry.
pub fn now() -> String {
    rfc3339_from_millis(now_ms())
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    // `Date.now()` is a whole number of milliseconds well inside i64.
    js_sys::Date::now() as i64
}

/// The review year to propose, from the build machine's clock (UTC), for the home page rendered at
/// build time (`src/bin/prerender.rs`); the app proposes its own year once it runs.
#[cfg(not(target_arch = "wasm32"))]
pub fn default_year() -> u16 {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(0));
    let now = rfc3339_from_millis(millis);
    let year = now.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2025);
    if now.get(5..7) == Some("01") {
        year - 1
    } else {
        year
    }
}

/// The review year to propose: the current year, except in January, when last year's review is
/// usually still being finished (reviews close by 31/12, special units by 15/01).
#[cfg(target_arch = "wasm32")]
pub fn default_year() -> u16 {
    let date = js_sys::Date::new_0();
    let year = u16::try_from(date.get_full_year()).unwrap_or(2025);
    if date.get_month() == 0 {
        year - 1
    } else {
        year
    }
}

/// `hh:mm:ss` in the device's local time.
pub fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// `hh:mm:ss` in local time for an RFC 3339 instant (the status line's "Đã lưu lúc …").
pub fn local_time_of(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return local_time();
    }
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// `dd/mm/yyyy hh:mm` in local time for an RFC 3339 instant.
pub fn local_date_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The current quarter (1 to 4) of the device's local year, with that year.
pub fn local_quarter() -> (u16, u8) {
    let d = js_sys::Date::new_0();
    let year = u16::try_from(d.get_full_year()).unwrap_or(2025);
    (year, u8::try_from(d.get_month() / 3 + 1).unwrap_or(4))
}
