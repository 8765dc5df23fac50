//! The bridge to `sw/register.js`, which is JavaScript: it publishes its state as window globals
//! and events (read by `hooks::use_window_signal`) and listens for the app's request to update.

/// Asks `sw/register.js` to let the waiting version take over; it reloads the page when it has.
pub fn apply_update() {
    if let (Some(window), Ok(event)) =
        (web_sys::window(), web_sys::Event::new("tusoi-apply-update"))
    {
        let _ = window.dispatch_event(&event);
    }
}
