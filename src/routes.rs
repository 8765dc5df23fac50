//! The pages of the member's app as addresses: a hash router needs no rewrite rules, so any static
//! web server and any sub-path will do. It is these few lines rather than yew-router, which cost
//! 20 kB of brotli (docs/size.md): links are plain `<a href="#/…">`, and
//! `hooks::use_route` follows `hashchange`. Below the components and the hooks, so a widget may
//! link to a page without knowing the app.

/// The pages of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Editor {
        id: String,
    },
    Settings,
    Trash,
    Print {
        id: String,
    },
    /// The home page with "Nhập" (`soan/` only: the first load links to it).
    Import,
    NotFound,
}

impl Route {
    /// The link to the page: `#/doc/<id>`.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::Editor { id } => format!("#/doc/{id}"),
            Route::Settings => "#/cai-dat".into(),
            Route::Trash => "#/thung-rac".into(),
            Route::Print { id } => format!("#/in/{id}"),
            Route::Import => "#/nhap".into(),
        }
    }

    /// The page a URL hash names.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::Home,
            ["doc", id] if !id.is_empty() => Route::Editor {
                id: (*id).to_owned(),
            },
            ["in", id] if !id.is_empty() => Route::Print {
                id: (*id).to_owned(),
            },
            ["cai-dat"] => Route::Settings,
            ["thung-rac"] => Route::Trash,
            ["nhap"] => Route::Import,
            _ => Route::NotFound,
        }
    }
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to a page, as a click on its link would.
pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href()[1..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_link_parses_back_to_its_page() {
        let id = "7f1c9a52-3b0e-4d6a-9a61-2f4f3c1e8b10".to_owned();
        for route in [
            Route::Home,
            Route::Editor { id: id.clone() },
            Route::Print { id },
            Route::Settings,
            Route::Trash,
            Route::Import,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        for junk in ["#/doc/", "#/doc/a/b", "#/khong-co", "#/in"] {
            assert_eq!(Route::parse(junk), Route::NotFound, "{junk}");
        }
    }
}
