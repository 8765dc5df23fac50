//! The pages as addresses, the member's app's ([`Route`]) and the chi bộ's workspace's
//! ([`View`]), through one router: a hash router needs no rewrite rules, so any static web server
//! and any sub-path will do. It is these few lines rather than yew-router, which cost 20 kB of
//! brotli (docs/size.md): links are plain `<a href="#/…">`, [`navigate`] goes to one, and
//! `hooks::use_route` follows `hashchange` for either kind. Below the components and the hooks,
//! so a widget may link to a page without knowing the app.

/// A page's address: its link (`#/…`) and the page a URL hash names (anything else is a page of
/// the kind's choosing, its home or "not found").
pub trait Address: Clone + PartialEq + 'static {
    fn href(&self) -> String;
    fn parse(hash: &str) -> Self;
}

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
    /// The list's steps that read a document's body, each a page of `soan/` that does the step and
    /// goes on (`pages::steps`): the first load does not read bodies (docs/size.md). "Tạo bản sao".
    Copy {
        id: String,
    },
    /// "Đổi tên".
    Rename {
        id: String,
    },
    /// "Tạo bản kiểm điểm năm N+1 từ …": the next year's review from this one.
    NextReview {
        id: String,
    },
    NotFound,
}

impl Address for Route {
    fn href(&self) -> String {
        Route::href(self)
    }

    fn parse(hash: &str) -> Route {
        Route::parse(hash)
    }
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
            Route::Copy { id } => format!("#/sao-chep/{id}"),
            Route::Rename { id } => format!("#/doi-ten/{id}"),
            Route::NextReview { id } => format!("#/nam-sau/{id}"),
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
            ["sao-chep", id] if !id.is_empty() => Route::Copy {
                id: (*id).to_owned(),
            },
            ["doi-ten", id] if !id.is_empty() => Route::Rename {
                id: (*id).to_owned(),
            },
            ["nam-sau", id] if !id.is_empty() => Route::NextReview {
                id: (*id).to_owned(),
            },
            _ => Route::NotFound,
        }
    }
}

pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to a page in place of this one: Back does not come back here (a step that is done).
pub fn replace(to: &impl Address) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&to.href());
    }
}

/// Goes to a page, as a click on its link would.
pub fn navigate(to: &impl Address) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&to.href()[1..]);
    }
}

/// The pages of the chi bộ's workspace (`chibo/`): the roll-ups, one roll-up, its A4 summary,
/// a member's document read only, and merging roll-up files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    List,
    Workspace(String),
    Print(String),
    /// A paper of the rating meeting (`chibo::meeting::Paper`), by its key: `phieu`,
    /// `kiem-phieu`, `de-nghi`.
    Paper(String, String),
    Document(String, String),
    Merge,
}

impl Address for View {
    fn href(&self) -> String {
        View::href(self)
    }

    fn parse(hash: &str) -> View {
        View::parse(hash)
    }
}

impl View {
    pub fn href(&self) -> String {
        match self {
            View::List => "#/".into(),
            View::Workspace(id) => format!("#/ky/{id}"),
            View::Print(id) => format!("#/ky/{id}/in"),
            View::Paper(id, paper) => format!("#/ky/{id}/in/{paper}"),
            View::Document(id, doc) => format!("#/ky/{id}/tl/{doc}"),
            View::Merge => "#/gop".into(),
        }
    }

    pub fn parse(hash: &str) -> View {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["ky", id] if !id.is_empty() => View::Workspace((*id).to_owned()),
            ["ky", id, "in"] if !id.is_empty() => View::Print((*id).to_owned()),
            ["ky", id, "in", paper] if !id.is_empty() && !paper.is_empty() => {
                View::Paper((*id).to_owned(), (*paper).to_owned())
            }
            ["ky", id, "tl", doc] if !id.is_empty() && !doc.is_empty() => {
                View::Document((*id).to_owned(), (*doc).to_owned())
            }
            ["gop"] => View::Merge,
            _ => View::List,
        }
    }
}
