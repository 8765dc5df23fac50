//! The chi bộ's workspace (`chibo/index.html`): a wasm of its own, so the member's app never
//! downloads it.

fn main() {
    tusoi::chibo::run();
}
