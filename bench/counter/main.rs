//! The bare Yew 0.23 counter that `cargo xtask bench` measures beside Tự soi, built with the same
//! release profile and build settings (`bench/counter/index.html`, built like the site's pages): the floor a Yew app of this stack can reach.

use yew::prelude::*;

#[function_component(Counter)]
fn counter() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        move |_| count.set(*count + 1)
    };
    html! {
        <main>
            <h1>{ "Bộ đếm" }</h1>
            <p>{ "Một ứng dụng Yew trống, để so sánh." }</p>
            <button {onclick}>{ *count }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
