//! The committees' own templates on the member's device ("Mẫu riêng của đảng bộ", docs/forms.md):
//! imported from a template file or a prompts file that carries some, checked by
//! `forms::custom`, kept in the store (`Store::forms`) and added to the page's (`templates`), so the create
//! form offers them and every document made from one carries it. Only `soan/` links this module:
//! the home page's wasm has neither the checker nor these screens (docs/size.md).

use std::rc::Rc;

use serde_json::Value;
use tusoi_core::base::messages::fill;
use tusoi_core::forms::custom::{check, ft, FormMsg};
use tusoi_core::forms::template::{DocKind, Template};
use tusoi_core::workflow::prompt_file::templates_in;
use tusoi_core::{t, Msg};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::hooks::use_store::use_store;
use crate::routes::{navigate, Route};
use crate::storage::Store;
use crate::templates;

/// A template kept on the device: its file, and the template or why it cannot be used.
#[derive(Debug, Clone)]
pub struct Kept {
    pub json: Value,
    pub outcome: Result<&'static Template, Vec<String>>,
}

/// Reads the device's templates and adds each that passes its check to the page's (one the page
/// holds from the same file is taken as it is: the page checks a file once).
pub async fn register_kept(store: &Store) -> Result<Vec<Kept>, String> {
    let forms = store.forms().await.map_err(|e| e.message())?;
    Ok(forms
        .into_iter()
        .map(|json| {
            let registered = json.get("id").and_then(Value::as_str).and_then(|id| {
                templates::update(|forms| forms.has_file(id, &json).then(|| forms.get(id)))
                    .flatten()
            });
            let outcome = match registered {
                Some(template) => Ok(template),
                None => check(json.clone())
                    .map(|checked| templates::update(|forms| checked.register(forms))),
            };
            Kept { json, outcome }
        })
        .collect())
}

/// What keeping a file's templates did.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptNow {
    pub templates: Vec<&'static Template>,
    /// How many replaced a different template of the same id.
    pub replaced: usize,
}

/// Checks templates and, when every one passes, keeps them on the device (one of the same id is
/// replaced) and adds them to the page's. Nothing is kept when any fails: every problem is returned, each
/// prefixed with the template's place when there are several.
pub async fn keep(store: &Store, values: Vec<Value>) -> Result<KeptNow, Vec<String>> {
    let several = values.len() > 1;
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for (n, value) in values.into_iter().enumerate() {
        match check(value) {
            Ok(c) => checked.push(c),
            Err(found) => problems.extend(found.into_iter().map(|p| {
                if several {
                    fill(
                        ft(FormMsg::FormsNth),
                        &[("n", &(n + 1).to_string()), ("problem", &p)],
                    )
                } else {
                    p
                }
            })),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut kept = store.forms().await.map_err(|e| vec![e.message()])?;
    let mut replaced = 0;
    for c in &checked {
        let same = |v: &Value| v.get("id").and_then(Value::as_str) == Some(c.template.id);
        match kept.iter_mut().find(|v| same(v)) {
            Some(old) => {
                if old != c.json() {
                    replaced += 1;
                }
                *old = c.json().clone();
            }
            None => kept.push(c.json().clone()),
        }
    }
    store.set_forms(&kept).await.map_err(|e| {
        vec![fill(
            ft(FormMsg::FormsNotSaved),
            &[("reason", &e.message())],
        )]
    })?;
    Ok(KeptNow {
        templates: templates::update(|forms| {
            checked.into_iter().map(|c| c.register(forms)).collect()
        }),
        replaced,
    })
}

/// What to tell the member once templates are kept.
pub fn kept_message(now: &KeptNow) -> String {
    let names: Vec<String> = now.templates.iter().map(|t| describe(t)).collect();
    let mut text = fill(
        ft(FormMsg::FormsSaved),
        &[
            ("count", &now.templates.len().to_string()),
            ("names", &names.join(", ")),
        ],
    );
    if now.replaced > 0 {
        text.push(' ');
        text.push_str(&fill(
            ft(FormMsg::FormsReplaced),
            &[("count", &now.replaced.to_string())],
        ));
    }
    text
}

/// "Mẫu CK-2026 “BẢN CAM KẾT …”".
fn describe(template: &Template) -> String {
    if template.code.is_empty() {
        format!("“{}”", template.title)
    } else {
        format!("{} “{}”", template.code, template.title)
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct WithFormsProps {
    pub children: Html,
}

/// Registers the device's templates once, before the pages of `soan/` show: the create form then
/// offers them and next year's pledge follows the committee's form. A damaged list delays nothing;
/// the settings card says what is wrong with it.
#[function_component(WithForms)]
pub fn with_forms(props: &WithFormsProps) -> Html {
    let store = use_store();
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                let _ = register_kept(&store).await;
                ready.set(true);
            });
        });
    }
    if *ready {
        props.children.clone()
    } else {
        html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> }
    }
}

/// The settings card: import a template file, list the device's templates, make a document from
/// one, remove one.
#[function_component(FormsCard)]
pub fn forms_card() -> Html {
    let store = use_store();
    let kept = use_state(|| None::<Result<Vec<Kept>, String>>);
    let notice = use_state(|| None::<Result<String, Vec<String>>>);
    let reload = {
        let (store, kept) = (store.clone(), kept.clone());
        Rc::new(move || {
            let (store, kept) = (store.clone(), kept.clone());
            spawn_local(async move { kept.set(Some(register_kept(&store).await)) });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |()| reload());
    }
    let on_file = {
        let (store, notice, reload) = (store.clone(), notice.clone(), reload.clone());
        Callback::from(move |e: Event| {
            let Some(file) = crate::platform::files::picked_file(&e) else {
                return;
            };
            let (store, notice, reload) = (store.clone(), notice.clone(), reload.clone());
            spawn_local(async move {
                let values = match crate::platform::files::read_file(&file).await {
                    Ok(bytes) => templates_in(&bytes).map_err(|m| vec![m]),
                    Err(detail) => Err(vec![detail]),
                };
                let outcome = match values {
                    Ok(values) => keep(&store, values).await.map(|now| kept_message(&now)),
                    Err(problems) => Err(problems),
                };
                notice.set(Some(outcome));
                reload();
            });
        })
    };
    let year = crate::platform::clock::default_year();
    let on_create = |template: &'static Template| {
        let (store, notice) = (store.clone(), notice.clone());
        let year = year.clamp(template.first_year, template.last_year.unwrap_or(u16::MAX));
        Callback::from(move |_: MouseEvent| {
            let (store, notice) = (store.clone(), notice.clone());
            spawn_local(async move {
                match crate::operations::create(&store, template, year).await {
                    Ok(doc) => navigate(&Route::Editor { id: doc.id }),
                    Err(e) => notice.set(Some(Err(vec![e.message()]))),
                }
            });
        })
    };
    let on_remove = |id: String, title: String| {
        let (store, notice, reload) = (store.clone(), notice.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let question = fill(ft(FormMsg::FormsRemoveConfirm), &[("title", &title)]);
            if !crate::platform::dom::confirm(&question) {
                return;
            }
            let (store, notice, reload, id, title) = (
                store.clone(),
                notice.clone(),
                reload.clone(),
                id.clone(),
                title.clone(),
            );
            spawn_local(async move {
                let outcome = match store.forms().await {
                    Ok(mut forms) => {
                        forms.retain(|v| v.get("id").and_then(Value::as_str) != Some(id.as_str()));
                        store.set_forms(&forms).await
                    }
                    Err(e) => Err(e),
                };
                notice.set(Some(match outcome {
                    Ok(()) => {
                        templates::update(|forms| forms.remove(&id));
                        Ok(fill(ft(FormMsg::FormsRemoved), &[("title", &title)]))
                    }
                    Err(e) => Err(vec![fill(
                        ft(FormMsg::FormsNotSaved),
                        &[("reason", &e.message())],
                    )]),
                }));
                reload();
            });
        })
    };
    let item = |k: &Kept| {
        let id = k
            .json
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match &k.outcome {
            Ok(template) => {
                let kind = match template.document {
                    DocKind::Review => ft(FormMsg::FormsKindReview),
                    DocKind::Pledge => t(Msg::KindPledge),
                    DocKind::Probation => t(Msg::KindProbation),
                    DocKind::Transfer => t(Msg::KindTransfer),
                    DocKind::Study => t(Msg::KindStudy),
                };
                let years = match template.last_year {
                    Some(last) => format!("{}–{last}", template.first_year),
                    None => fill(
                        ft(FormMsg::FormsFrom),
                        &[("year", &template.first_year.to_string())],
                    ),
                };
                let year = year.clamp(template.first_year, template.last_year.unwrap_or(u16::MAX));
                html! {
                    <li class="form-item" data-form={id.clone()}>
                        <p><strong>{ describe(template) }</strong></p>
                        <p class="muted">{ format!("{kind} · {} · {years} · {}", template.audience_text, fill(ft(FormMsg::FormsId), &[("id", &id)])) }</p>
                        <p class="muted">{ template.guidance }</p>
                        if let Some(note) = template.unverified {
                            <p class="inferred">{ note }</p>
                        }
                        <div class="actions">
                            <button class="primary" data-form-create={id.clone()} onclick={on_create(template)}>
                                { fill(ft(FormMsg::FormsCreate), &[("year", &year.to_string())]) }
                            </button>
                            <button data-form-remove={id.clone()} onclick={on_remove(id.clone(), describe(template))}>
                                { ft(FormMsg::FormsRemove) }
                            </button>
                        </div>
                    </li>
                }
            }
            Err(problems) => html! {
                <li class="form-item" data-form={id.clone()}>
                    <p><strong>{ fill(ft(FormMsg::FormsId), &[("id", &id)]) }</strong></p>
                    <p class="notice notice-error">{ fill(ft(FormMsg::FormsBroken), &[("problems", &problems.join(" "))]) }</p>
                    <div class="actions">
                        <button data-form-remove={id.clone()} onclick={on_remove(id.clone(), id.clone())}>{ ft(FormMsg::FormsRemove) }</button>
                    </div>
                </li>
            },
        }
    };
    html! {
        <section class="card" aria-labelledby="forms-title" id="forms">
            <h2 id="forms-title">{ ft(FormMsg::FormsTitle) }</h2>
            <p class="muted">{ ft(FormMsg::FormsExplain) }</p>
            <div class="toolbar">
                <label class="button" for="forms-file">{ ft(FormMsg::FormsImport) }</label>
                <input id="forms-file" class="visually-hidden" type="file" accept=".json,application/json"
                    onchange={on_file} />
            </div>
            {
                match &*notice {
                    None => Html::default(),
                    Some(Ok(text)) => html! { <p class="notice notice-info" role="status" id="forms-notice">{ text }</p> },
                    Some(Err(problems)) => html! {
                        <div class="notice notice-error" role="alert" id="forms-notice">
                            <p>{ fill(ft(FormMsg::FormProblems), &[("count", &problems.len().to_string())]) }</p>
                            <ul id="forms-problems">
                                { for problems.iter().map(|p| html! { <li>{ p }</li> }) }
                            </ul>
                        </div>
                    },
                }
            }
            {
                match &*kept {
                    None => html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
                    Some(Err(message)) => html! { <p class="notice notice-error" role="alert">{ message }</p> },
                    Some(Ok(list)) if list.is_empty() => html! { <p id="forms-empty">{ ft(FormMsg::FormsEmpty) }</p> },
                    Some(Ok(list)) => html! {
                        <ul class="forms" id="forms-list">{ for list.iter().map(item) }</ul>
                    },
                }
            }
        </section>
    }
}
