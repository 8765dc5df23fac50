//! The chi bộ's workspace (`tong-hop/index.html`): a wasm of its own, so the member's app never
//! downloads it.

fn main() {
    tusoi::workspace::run();
}
