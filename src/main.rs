//! The entry point Trunk builds: everything is in the library so browser tests can reach it.

fn main() {
    tusoi::run();
}
