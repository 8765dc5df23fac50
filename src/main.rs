//! The home page's entry point (`index.html`'s `data-bin`): everything is in the library so browser tests can reach it.

fn main() {
    tusoi::run();
}
