//! The editor's card of relations between the year's documents: the documents this one links to
//! (with a broken link shown as such), making next year's review or pledge from this review, taking
//! A.I.3 from the year's pledge, and loading a colleague's file to compare against.

use tusoi_core::base::messages::t;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::forms::template::SectionRole;
use tusoi_core::model::link::LinkState;
use tusoi_core::workflow::carry::{attach_pledge_edits, link_states};
use tusoi_core::{Document, Edit, Template};
use yew::prelude::*;

use crate::components::open_made;
use crate::hooks::use_action::Actions;
use crate::operations;
use crate::routes::Route;

/// What the relations card needs from the editor.
#[derive(Debug)]
pub struct Relations<'a> {
    /// Runs "Tạo … từ bản này" and shows what came of it.
    pub actions: &'a Actions,
    pub document: &'a Document,
    pub template: &'a Template,
    /// The other documents on the device (live ones).
    pub others: &'a [Document],
    /// Every id on the device, with whether it is in the trash.
    pub on_device: &'a [(String, bool)],
    pub on_edit: &'a Callback<Edit>,
    /// The colleague's file being compared against: its name and how many texts it gave.
    pub compare: Option<&'a (String, usize)>,
    pub on_compare_file: Callback<Event>,
    pub on_compare_clear: Callback<MouseEvent>,
}

pub fn card(r: Relations<'_>) -> Html {
    let document = r.document;
    let links = link_states(document, r.on_device);
    let is_review = r.template.is_review();
    let individual = is_review
        && r.template
            .role_section(SectionRole::PledgeResults)
            .is_some();
    let next_year = document.year.saturating_add(1).to_string();

    let make = |pledge: bool| {
        let source = document.clone();
        r.actions.callback(move |store| {
            let source = source.clone();
            async move {
                open_made(if pledge {
                    operations::pledge_next(&store, &source).await
                } else {
                    operations::review_next(&store, &source).await
                })
            }
        })
    };

    let forms = crate::templates::known();
    let pledges: Vec<&Document> =
        tusoi_core::workflow::library::pledges_of(&forms, r.others, document.year);
    let on_attach = {
        let (on_edit, current) = (
            r.on_edit.clone(),
            r.template
                .role_section(SectionRole::PledgeResults)
                .map_or(String::new(), |s| document.answer(s.id).trim().to_owned()),
        );
        let pledges: Vec<Document> = pledges.iter().map(|d| (*d).clone()).collect();
        let review = document.clone();
        let forms = forms.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let Some(pledge) = pledges.iter().find(|p| p.id == select.value()) else {
                return;
            };
            let confirmed = current.is_empty()
                || crate::platform::dom::confirm(&etf(
                    EditorMsg::AttachPledgeConfirm,
                    &[("title", &pledge.title)],
                ));
            if confirmed {
                for edit in attach_pledge_edits(&forms, &review, pledge) {
                    on_edit.emit(edit);
                }
                crate::platform::dom::fit_after_render();
            }
            select.set_value("");
        })
    };

    html! {
        <section class="card relations" id="relations" aria-labelledby="relations-title">
            <h2 id="relations-title">{ et(EditorMsg::LinksTitle) }</h2>
            if !links.is_empty() {
                <ul class="links" id="links">
                    { for links.iter().map(|(link, state)| html! {
                        <li class={classes!("link-row", (*state != LinkState::Live).then_some("broken"))} data-state={format!("{state:?}")}>
                            { t(link.role.label()) }{ ": " }
                            if *state == LinkState::Live {
                                <a href={Route::Editor { id: link.document.clone() }.href()}>{ &link.title }</a>
                            } else {
                                <span>{ &link.title }</span>
                                { " — " }
                                if *state == LinkState::InTrash {
                                    <a href={Route::Trash.href()}>{ et(EditorMsg::LinkInTrash) }</a>
                                } else {
                                    <span class="warning">{ et(EditorMsg::LinkMissing) }</span>
                                }
                            }
                        </li>
                    }) }
                </ul>
            }
            if individual {
                if pledges.is_empty() {
                    <p class="muted" id="attach-pledge-none">{ etf(EditorMsg::AttachPledgeNone, &[("year", &document.year.to_string())]) }</p>
                } else {
                    <label for="attach-pledge">{ et(EditorMsg::PledgeForYearLabel) }</label>
                    <select id="attach-pledge" onchange={on_attach}>
                        <option value="" selected=true>{ et(EditorMsg::ActionAttachPledge) }</option>
                        { for pledges.iter().map(|p| html! { <option value={p.id.clone()}>{ &p.title }</option> }) }
                    </select>
                }
            }
            // A collective's review carries its shortcomings over too; only a member pledges.
            if is_review {
                <div class="actions">
                    <button id="review-next" onclick={make(false)}>{ etf(EditorMsg::ActionReviewFromPrevious, &[("year", &next_year)]) }</button>
                    if individual {
                        <button id="pledge-next" onclick={make(true)}>{ etf(EditorMsg::ActionPledgeFromReview, &[("year", &next_year)]) }</button>
                    }
                </div>
            }
            <h3>{ et(EditorMsg::CompareTitle) }</h3>
            <p class="muted">{ et(EditorMsg::CompareNote) }</p>
            <input type="file" id="compare-file" accept=".json,application/json" onchange={r.on_compare_file} aria-label={et(EditorMsg::CompareTitle)} />
            if let Some((name, count)) = r.compare {
                <p id="compare-status">{ etf(EditorMsg::CompareLoaded, &[("file", name), ("count", &count.to_string())]) }
                    { " " }<button class="link" id="compare-clear" onclick={r.on_compare_clear}>{ et(EditorMsg::CompareClear) }</button>
                </p>
            }
        </section>
    }
}
