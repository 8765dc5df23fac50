//! The editor's form fields. None has a handler of its own: every field's element id is its
//! [`FieldId`]'s (a radio group's name is), and the editor's one delegated handler
//! ([`delegated_edit`]) reads the field and its value back from the element that changed and
//! sends [`Edit::Form`], which the core turns into the typed edit. A closure per field costs the
//! wasm bundle (docs/size.md).

use tusoi_core::base::messages::t;
use tusoi_core::forms::field::CommitmentPart;
use tusoi_core::forms::field::{PromptPart, QuestionPart};
use tusoi_core::model::pledge::Commitment;
use tusoi_core::model::prompt::{PromptEdit, PromptIssue, Prompts};
use tusoi_core::model::study::StudyQuestion;
use tusoi_core::{Document, Edit, FieldId, HeaderField};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A labelled one-line text input of a field.
pub fn text_input(field: &FieldId, label: &str, value: &str) -> Html {
    form_input(field, label, value, "text")
}

/// A labelled one-line input of a field, of an HTML input `kind` (`text`, `date`).
pub fn form_input(field: &FieldId, label: &str, value: &str, kind: &'static str) -> Html {
    let id = field.dom_id();
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <input id={id} type={kind} value={value.to_owned()} />
        </div>
    }
}

/// A header or identity line, with the browser's autofill hint where one fits.
pub fn header_input(field: HeaderField, document: &Document) -> Html {
    let id = FieldId::Header(field).dom_id();
    let kind = if field.is_date() { "date" } else { "text" };
    let autocomplete = match field {
        HeaderField::FullName => "name",
        HeaderField::BirthDate => "bday",
        HeaderField::WorkUnit => "organization",
        _ => "off",
    };
    html! {
        <div class="field">
            <label for={id.clone()}>{ t(field.label()) }</label>
            <input id={id} type={kind} value={document.field(field).to_owned()} {autocomplete} />
        </div>
    }
}

/// The editor's delegated handler for `input`, `change` and `click` events: an element whose id
/// (or, for a radio button, whose group's name) is a field's reports its value, a radio only when
/// checked; a button with `data-add` adds a commitment to that section, one with `data-remove`
/// removes that commitment.
pub fn delegated_edit(event: &Event, on_edit: &Callback<Edit>) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if event.type_() == "click" {
        if let Some(section) = element.get_attribute("data-add") {
            let commitment = Commitment::new(crate::platform::ids::new_id(), &section);
            let field =
                FieldId::Commitment(commitment.id.clone(), CommitmentPart::Content).dom_id();
            on_edit.emit(Edit::AddCommitment(commitment));
            crate::platform::dom::focus_field(&field);
        } else if let Some(id) = element.get_attribute("data-remove") {
            on_edit.emit(Edit::RemoveCommitment(id));
        } else if element.has_attribute("data-question-add") {
            let question = StudyQuestion {
                id: crate::platform::ids::new_id(),
                ..StudyQuestion::default()
            };
            let field = FieldId::Question(question.id.clone(), QuestionPart::Question).dom_id();
            on_edit.emit(Edit::AddQuestion(question));
            crate::platform::dom::focus_field(&field);
        } else if let Some(id) = element.get_attribute("data-question-remove") {
            on_edit.emit(Edit::RemoveQuestion(id));
        } else if let Some(id) = element.get_attribute("data-focus") {
            crate::platform::dom::open_and_focus(&id);
        } else if let Some(action) = element.get_attribute("data-prompts") {
            prompts_action(&action, on_edit);
        } else if let Some(id) = element.get_attribute("data-prompt-remove") {
            on_edit.emit(Edit::Prompts(PromptEdit::Remove(id)));
        } else if let (Some(id), Some(value)) = (
            element.get_attribute("data-assess"),
            element.get_attribute("data-value"),
        ) {
            // "Dùng đề xuất": the assessment the quarterly progress proposes.
            let field = FieldId::Commitment(id, CommitmentPart::Assessment);
            on_edit.emit(Edit::Form(field, value));
        }
        return;
    }
    // A radio button's field is its group's name; any other element's is its id.
    let (field, value) = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "radio" {
            if !input.checked() {
                return;
            }
            (input.name(), input.value())
        } else if input.type_() == "checkbox" {
            (input.id(), input.checked().to_string())
        } else {
            (input.id(), input.value())
        }
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        crate::platform::dom::fit_text_area(area);
        (area.id(), area.value())
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        (select.id(), select.value())
    } else {
        return;
    };
    if let Some(field) = FieldId::parse(&field) {
        on_edit.emit(Edit::Form(field, value));
    }
}

/// The prompts' buttons: start the list with one empty issue, add an issue, or drop the list
/// (asked first: the answers written go with it).
fn prompts_action(action: &str, on_edit: &Callback<Edit>) {
    let fresh = || PromptIssue::new(crate::platform::ids::new_id(), "");
    let focus =
        |issue: &PromptIssue| FieldId::Prompt(issue.id.clone(), PromptPart::Content).dom_id();
    match action {
        "start" => {
            let issue = fresh();
            let field = focus(&issue);
            on_edit.emit(Edit::Prompts(PromptEdit::Set(Some(Prompts {
                issues: vec![issue],
                ..Prompts::default()
            }))));
            crate::platform::dom::focus_field(&field);
        }
        "add" => {
            let issue = fresh();
            let field = focus(&issue);
            on_edit.emit(Edit::Prompts(PromptEdit::Add(issue)));
            crate::platform::dom::focus_field(&field);
        }
        "clear" => {
            use tusoi_core::base::messages::{yt, YearMsg};
            if crate::platform::dom::confirm(yt(YearMsg::PromptsClearConfirm)) {
                on_edit.emit(Edit::Prompts(PromptEdit::Set(None)));
            }
        }
        _ => {}
    }
}
