//! The official A4 page as HTML, from the core's blocks (`workflow::page`): the member's
//! documents (the print page, the editor's print copy, a member's document in the chi bộ's
//! workspace) and the chi bộ's summary alike. `@media print` in `styles/app.css` sets the margins.

use tusoi_core::workflow::page::{official_page, Block, Line};
use tusoi_core::{Document, Template};
use yew::prelude::*;

/// The official page of a document, from its template: what "In / Lưu PDF" prints, and what the
/// chi bộ's workspace shows of a member's document (read only; every text is shown as text). The
/// page's blocks come from the core (`workflow::page`), which the Word file writes too.
pub fn a4(doc: &Document, template: &Template) -> Html {
    page_html(&official_page(doc, template))
}

/// A page of blocks as the A4 article, the member's documents and the chi bộ's summary alike.
pub fn page_html(blocks: &[Block]) -> Html {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            // A section: its heading and what follows it until the next heading, kept together.
            Block::Heading(h) => {
                let mut body = Vec::new();
                i += 1;
                while i < blocks.len() && !starts_section(&blocks[i]) {
                    body.push(block_html(&blocks[i]));
                    i += 1;
                }
                out.push(
                    html! { <section class="a4-section"><h3>{ h }</h3>{ for body }</section> },
                );
                continue;
            }
            // An approval block: its lines up to and with its signature.
            Block::Approval(h) => {
                let mut body = Vec::new();
                i += 1;
                while i < blocks.len() {
                    body.push(block_html(&blocks[i]));
                    i += 1;
                    if matches!(blocks[i - 1], Block::Signature { .. }) {
                        break;
                    }
                }
                out.push(html! {
                    <section class="a4-approval">
                        if let Some(h) = h { <h3 class="a4-center">{ h }</h3> }
                        { for body }
                    </section>
                });
                continue;
            }
            other => out.push(block_html(other)),
        }
        i += 1;
    }
    html! { <article class="a4" id="a4">{ for out }</article> }
}

fn starts_section(block: &Block) -> bool {
    matches!(
        block,
        Block::Heading(_) | Block::Part(_) | Block::Approval(_) | Block::Signature { .. }
    )
}

fn line_html(line: &Line) -> Html {
    let mut classes = Vec::new();
    if line.bold {
        classes.push("a4-strong");
    }
    if line.underline {
        classes.push("a4-underline");
    }
    let text = if line.italic {
        html! { <em>{ &line.text }</em> }
    } else {
        html! { { &line.text } }
    };
    html! { <span class={classes!(classes)}>{ text }</span> }
}

fn block_html(block: &Block) -> Html {
    match block {
        Block::Code(code) => html! { <p class="a4-code">{ code }</p> },
        Block::Header { left, right } => html! {
            <table class="a4-header" role="presentation">
                <tr>
                    <td class="a4-org">{ for left.iter().map(|l| html! { <div>{ line_html(l) }</div> }) }</td>
                    <td class="a4-party">{ for right.iter().map(|l| html! { <div>{ line_html(l) }</div> }) }</td>
                </tr>
            </table>
        },
        Block::Title(lines) => html! {
            <h1 class="a4-title">{ for lines.iter().enumerate().map(|(n, l)| html! { <>if n > 0 { <br /> }{ l }</> }) }</h1>
        },
        Block::Centered(l) => html! { <p class="a4-center">{ line_html(l) }</p> },
        Block::Line(l) => html! { <p>{ line_html(l) }</p> },
        Block::Indented(l) => html! { <p class="a4-indented">{ line_html(l) }</p> },
        Block::Part(h) => html! { <h2 class="a4-heading">{ h }</h2> },
        Block::Heading(h) => html! { <h3>{ h }</h3> },
        Block::Approval(h) => {
            html! { <h3 class="a4-center">{ h.clone().unwrap_or_default() }</h3> }
        }
        Block::Text(text) => html! { <p class="a4-text">{ text }</p> },
        Block::Commitments(rows) if rows.is_empty() => html! { <p>{ "……………………………………" }</p> },
        Block::Commitments(rows) => html! {
            <ol class="a4-commitments">
                { for rows.iter().map(|row| {
                    let details = row.details();
                    html! {
                        <li>
                            <p class="a4-text">{ &row.content }</p>
                            if !details.is_empty() { <p class="a4-details"><em>{ details }</em></p> }
                            if !row.progress.is_empty() {
                                <ul class="a4-progress">{ for row.progress.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
                            }
                        </li>
                    }
                }) }
            </ol>
        },
        Block::Table {
            name,
            head,
            rows,
            total,
            ..
        } => html! {
            <table class={format!("a4-{name}")} id={format!("a4-{name}")}>
                <thead><tr>{ for head.iter().map(|h| html! { <th>{ h }</th> }) }</tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(n, row)| html! {
                        <tr class={classes!((*total && n + 1 == rows.len()).then_some("a4-strong"))}>
                            { for row.iter().enumerate().map(|(i, c)| html! {
                                <td class={classes!((i > 0).then_some("num"))}>{ c }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        },
        Block::Bullets(items) => html! {
            <ul class="a4-lines">{ for items.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
        },
        Block::Signature { title, note, name } => html! {
            <div class="a4-signature">
                { for title.iter().map(|l| html! { <p class="a4-strong">{ l }</p> }) }
                if !note.is_empty() { <p><em>{ note }</em></p> }
                <p class="a4-signed-name">{ name }</p>
            </div>
        },
    }
}
