//! The addresses of the pages and which page set has which page: pure, but the shell's, so they
//! run here, in the engines, rather than in a native build of the shell (a minute of the gate for
//! three tests).

use tusoi::app::{AllPages, HomePages, PageSet};
use tusoi::routes::{Route, View};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn every_page_link_parses_back_to_its_page() {
    let id = "7f1c9a52-3b0e-4d6a-9a61-2f4f3c1e8b10".to_owned();
    for route in [
        Route::Home,
        Route::Editor { id: id.clone() },
        Route::Print { id: id.clone() },
        Route::Settings,
        Route::Trash,
        Route::Import,
        Route::Copy { id: id.clone() },
        Route::Rename { id: id.clone() },
        Route::NextReview { id },
    ] {
        assert_eq!(Route::parse(&route.href()), route);
    }
    assert_eq!(Route::parse(""), Route::Home);
    assert_eq!(Route::parse("#"), Route::Home);
    for junk in [
        "#/doc/",
        "#/doc/a/b",
        "#/khong-co",
        "#/in",
        "#/sao-chep/",
        "#/doi-ten",
    ] {
        assert_eq!(Route::parse(junk), Route::NotFound, "{junk}");
    }
}

#[wasm_bindgen_test]
fn every_workspace_link_parses_back_to_its_page() {
    for view in [
        View::List,
        View::Workspace("w1".into()),
        View::Print("w1".into()),
        View::Paper("w1".into(), "kiem-phieu".into()),
        View::Document("w1".into(), "d-2".into()),
        View::Merge,
    ] {
        assert_eq!(View::parse(&view.href()), view);
    }
    assert_eq!(View::parse("#/ky/"), View::List);
    assert_eq!(View::parse("#/khac"), View::List);
}

#[wasm_bindgen_test]
fn the_home_page_has_no_editor_print_settings_or_body_reading_step_and_soan_has_every_page() {
    let id = "7f1c9a52".to_owned();
    for route in [Route::Home, Route::Trash, Route::NotFound] {
        assert!(HomePages::page(&route).is_some(), "{route:?}");
        assert!(AllPages::page(&route).is_some(), "{route:?}");
    }
    for route in [
        Route::Editor { id: id.clone() },
        Route::Print { id: id.clone() },
        Route::Settings,
        Route::Import,
        Route::Copy { id: id.clone() },
        Route::Rename { id: id.clone() },
        Route::NextReview { id },
    ] {
        assert!(HomePages::page(&route).is_none(), "{route:?} is in soan/");
        assert!(AllPages::page(&route).is_some(), "{route:?}");
    }
    const { assert!(AllPages::ALL && !HomePages::ALL) };
}
