//! The member's app with every page (`soan/index.html`): the editor and the print page are here,
//! so the home page's wasm, which a first visit downloads, does not carry them (ARCHITECTURE.md).

fn main() {
    tusoi::run_all();
}
