//! Prints the home page as a member first sees it, rendered by Yew's server-side renderer from
//! the app's own components (`tusoi::app::prerender`), for `xtask dist` (`site.rs`) to put into
//! `index.html`: the page paints before the wasm has arrived. Native, at build time only.

fn main() {
    print!("{}", futures::executor::block_on(tusoi::app::prerender()));
}
