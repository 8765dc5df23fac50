//! The linter's findings of a field, listed under it and named by its `aria-describedby`.

use tusoi_core::analysis::lint::Finding;
use tusoi_core::FieldId;
use yew::prelude::*;

/// The id of the list of a field's findings, if it has any (for `aria-describedby`).
pub fn findings_id(findings: &[Finding], field: &FieldId) -> Option<String> {
    findings
        .iter()
        .any(|f| f.field == *field)
        .then(|| format!("findings-{}", field.dom_id()))
}

/// The findings of a field, under it.
pub fn findings_at(findings: &[Finding], field: &FieldId) -> Html {
    let here: Vec<&Finding> = findings.iter().filter(|f| f.field == *field).collect();
    if here.is_empty() {
        return html! {};
    }
    html! {
        <ul class="findings" id={format!("findings-{}", field.dom_id())}>
            { for here.into_iter().map(|f| html! {
                <li class="finding"><strong>{ &f.reason }</strong>{ " " }{ &f.suggestion }</li>
            }) }
        </ul>
    }
}
