//! The hash router: every page's link parses back to the page, and anything else is "not found",
//! never a panic.

use tusoi::app::Route;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_page_link_parses_back_to_its_page() {
    let id = "7f1c9a52-3b0e-4d6a-9a61-2f4f3c1e8b10".to_owned();
    for route in [
        Route::Home,
        Route::Editor { id: id.clone() },
        Route::Print { id },
        Route::Settings,
        Route::Trash,
    ] {
        assert_eq!(Route::parse(&route.href()), route);
    }
    assert_eq!(Route::parse(""), Route::Home);
    assert_eq!(Route::parse("#"), Route::Home);
    for junk in ["#/doc/", "#/doc/a/b", "#/khong-co", "#/in"] {
        assert_eq!(Route::parse(junk), Route::NotFound, "{junk}");
    }
}
