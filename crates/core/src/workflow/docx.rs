//! The Word file (.docx) of a document: its official page (`page`) written as Office Open XML in
//! a stored ZIP, laid out by Hướng dẫn 36-HD/VPTW on the presentation of Party documents: A4,
//! margins 25 mm top and bottom, 35 mm left, 15 mm right; Times New Roman; body 14 pt; "ĐẢNG CỘNG
//! SẢN VIỆT NAM" 15 pt bold; the document's name 15 pt bold; place and date 14 pt italic
//! (docs/domain.md, "The Word file's layout"). Hand-written: a crate for it costs 58–197 kB (docs/size.md, "Measured and left
//! out").
//!
//! What the member typed stays text: it is escaped, never read as markup; Vietnamese written
//! with combining marks is composed (NFC); characters XML cannot hold are dropped; each typed
//! line break starts a paragraph of its own (Word stretches a justified line that ends in a
//! manual break).

use crate::base::messages::{et, EditorMsg};
use crate::base::messages::{t, Msg};
use crate::base::text::compose_vietnamese;
use crate::base::zip::Zip;
use crate::forms::template::Template;
use crate::model::document::Document;
use crate::workflow::page::{official_page, Block, CommitmentRow, Line};

/// The MIME type of a .docx file.
pub const DOCX_MIME: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Sizes in half-points, and lengths in twentieths of a point (twips), as OOXML counts them.
const BODY: u32 = 28; // 14 pt
const PARTY: u32 = 30; // 15 pt
const TITLE: u32 = 30; // 15 pt
const CODE: u32 = 24; // 12 pt
const TABLE: u32 = 26; // 13 pt
/// The text area of A4 (11906 twips) less the 35 mm and 15 mm side margins.
const WIDTH: u32 = 11906 - 1984 - 850;
const INDENT: u32 = 567; // 1 cm

/// The name of a document's Word file: `tu-soi-<title>-<yyyy-mm-dd>.docx`, ASCII like the
/// export's.
pub fn file_name(title: &str, today: &str) -> String {
    format!("tu-soi-{}-{today}.docx", crate::base::text::slug(title))
}

/// The .docx of a document.
pub fn document_docx(doc: &Document, template: &Template) -> Vec<u8> {
    write(&official_page(doc, template))
}

/// A .docx of `blocks`, one page layout for every document the app writes.
pub fn write(blocks: &[Block]) -> Vec<u8> {
    let mut body = String::new();
    for block in blocks {
        block_xml(&mut body, block);
    }
    let document = format!(
        "{XML}<w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1417\" w:right=\"850\" w:bottom=\"1417\" w:left=\"1984\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>"
    );
    let mut zip = Zip::new();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", RELS.as_bytes());
    zip.add("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes());
    zip.add("word/styles.xml", STYLES.as_bytes());
    zip.add("word/settings.xml", SETTINGS.as_bytes());
    zip.add("word/fontTable.xml", FONT_TABLE.as_bytes());
    zip.add("word/theme/theme1.xml", theme().as_bytes());
    zip.add("word/document.xml", document.as_bytes());
    zip.finish()
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>\
</Relationships>";

/// The settings Word expects of every document: its tab stop and compatibility with Word 2013
/// and later, so Word opens the file without a compatibility mode.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// The one font the page uses.
const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/>\
<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>";

/// The smallest theme DrawingML allows (Word requires the part): Office's colours, Times New
/// Roman as both theme fonts, and plain fill, line and effect styles (three of each, as the
/// schema asks).
fn theme() -> String {
    let colour =
        |name: &str, value: &str| format!("<a:{name}><a:srgbClr val=\"{value}\"/></a:{name}>");
    let accents: String = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]
        .iter()
        .enumerate()
        .map(|(i, v)| colour(&format!("accent{}", i + 1), v))
        .collect();
    let fonts = "<a:latin typeface=\"Times New Roman\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>";
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    format!(
        "{XML}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\">\
         <a:themeElements><a:clrScheme name=\"Office\">\
         <a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1>\
         <a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>{}{}{accents}{}{}</a:clrScheme>\
         <a:fontScheme name=\"Office\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"Office\"><a:fillStyleLst>{fills}</a:fillStyleLst><a:lnStyleLst>{lines}</a:lnStyleLst>\
         <a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{fills}</a:bgFillStyleLst></a:fmtScheme>\
         </a:themeElements></a:theme>",
        colour("dk2", "44546A"),
        colour("lt2", "E7E6E6"),
        colour("hlink", "0563C1"),
        colour("folHlink", "954F72"),
        fills = fill.repeat(3),
        lines = format!("<a:ln w=\"6350\">{fill}</a:ln>").repeat(3),
        effects = "<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3),
    )
}

/// Times New Roman 14 pt, Vietnamese, single spacing with 3 pt after each paragraph.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"60\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:tblPr><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>";

/// Text as XML character data: escaped, composed, and without what XML 1.0 cannot hold.
fn escape(out: &mut String, text: &str) {
    for c in compose_vietnamese(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push_str("</w:t><w:tab/><w:t xml:space=\"preserve\">"),
            c if u32::from(c) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Para {
    center: bool,
    right: bool,
    justify: bool,
    left: u32,
    first_line: u32,
    before: u32,
    keep_next: bool,
}

fn run(out: &mut String, line: &Line, size: u32) {
    out.push_str("<w:r><w:rPr>");
    if line.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if line.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    // The schema's order: b, bCs, i, iCs, …, sz, szCs, u (Word may reject another order).
    if size != BODY {
        out.push_str(&format!(
            "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
        ));
    }
    if line.underline {
        out.push_str("<w:u w:val=\"single\"/>");
    }
    out.push_str("</w:rPr><w:t xml:space=\"preserve\">");
    escape(out, &line.text);
    out.push_str("</w:t></w:r>");
}

fn paragraph(out: &mut String, p: Para, runs: &[(&Line, u32)]) {
    out.push_str("<w:p><w:pPr>");
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if p.before > 0 {
        out.push_str(&format!("<w:spacing w:before=\"{}\"/>", p.before));
    }
    if p.left > 0 || p.first_line > 0 {
        out.push_str(&format!(
            "<w:ind w:left=\"{}\" w:firstLine=\"{}\"/>",
            p.left, p.first_line
        ));
    }
    let align = if p.center {
        "center"
    } else if p.right {
        "right"
    } else if p.justify {
        "both"
    } else {
        "left"
    };
    out.push_str(&format!("<w:jc w:val=\"{align}\"/></w:pPr>"));
    for (line, size) in runs {
        run(out, line, *size);
    }
    out.push_str("</w:p>");
}

fn line(out: &mut String, p: Para, line: &Line) {
    paragraph(out, p, &[(line, BODY)]);
}

/// A cell of `width` twips holding `lines`, centred.
fn cell(out: &mut String, width: u32, lines: &[(Line, u32)], borders: bool, center: bool) {
    out.push_str(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if !borders {
        out.push_str("<w:tcBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/></w:tcBorders>");
    }
    out.push_str("</w:tcPr>");
    if lines.is_empty() {
        out.push_str("<w:p/>");
    }
    for (l, size) in lines {
        paragraph(
            out,
            Para {
                center,
                ..Para::default()
            },
            &[(l, *size)],
        );
    }
    out.push_str("</w:tc>");
}

fn table_start(out: &mut String, widths: &[u32], borders: bool) {
    out.push_str("<w:tbl><w:tblPr>");
    out.push_str(&format!(
        "<w:tblW w:w=\"{}\" w:type=\"dxa\"/>",
        widths.iter().sum::<u32>()
    ));
    // The schema's order: tblW, …, tblBorders, shd, tblLayout.
    if borders {
        out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            ));
        }
        out.push_str("</w:tblBorders>");
    }
    out.push_str("<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for w in widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid>");
}

fn commitments(out: &mut String, rows: &[CommitmentRow]) {
    if rows.is_empty() {
        line(out, Para::default(), &Line::plain("……………………………………"));
        return;
    }
    let widths = [680, 3005, 1276, 1134, 1417, 1560];
    table_start(out, &widths, true);
    let heads = [
        et(EditorMsg::WordNumber),
        et(EditorMsg::WordCommitment),
        t(Msg::PrintTarget),
        t(Msg::PrintDeadline),
        t(Msg::PrintEvidence),
        t(Msg::PrintAssessment),
    ];
    out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (w, head) in widths.iter().zip(heads) {
        cell(out, *w, &[(Line::bold(head), TABLE)], true, true);
    }
    out.push_str("</w:tr>");
    for (n, row) in rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let number = (n + 1).to_string();
        let texts = [
            number.as_str(),
            &row.content,
            &row.target,
            &row.deadline,
            &row.evidence,
            &row.assessment,
        ];
        for (i, (w, text)) in widths.iter().zip(texts).enumerate() {
            let mut lines: Vec<(Line, u32)> =
                text.split('\n').map(|l| (Line::plain(l), TABLE)).collect();
            // The quarterly progress under the commitment, in italics.
            if i == 1 {
                lines.extend(
                    row.progress
                        .iter()
                        .map(|p| (Line::italic(p.clone()), TABLE)),
                );
            }
            cell(out, *w, &lines, true, i == 0);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between a table and what follows.
    out.push_str("<w:p/>");
}

fn block_xml(out: &mut String, block: &Block) {
    match block {
        Block::Code(code) => paragraph(
            out,
            Para {
                right: true,
                ..Para::default()
            },
            &[(&Line::plain(code.as_str()), CODE)],
        ),
        Block::Header { left, right } => {
            let widths = [WIDTH * 45 / 100, WIDTH - WIDTH * 45 / 100];
            table_start(out, &widths, false);
            out.push_str("<w:tr>");
            let sized = |lines: &[Line], first: u32| -> Vec<(Line, u32)> {
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (l.clone(), if i == 0 { first } else { BODY }))
                    .collect()
            };
            cell(out, widths[0], &sized(left, BODY), false, true);
            cell(out, widths[1], &sized(right, PARTY), false, true);
            out.push_str("</w:tr></w:tbl>");
        }
        Block::Title(lines) => {
            for (i, l) in lines.iter().enumerate() {
                paragraph(
                    out,
                    Para {
                        center: true,
                        before: if i == 0 { 360 } else { 0 },
                        keep_next: true,
                        ..Para::default()
                    },
                    &[(&Line::bold(l.as_str()), TITLE)],
                );
            }
        }
        Block::Centered(l) => line(
            out,
            Para {
                center: true,
                ..Para::default()
            },
            l,
        ),
        Block::Line(l) => line(out, Para::default(), l),
        Block::Indented(l) => line(
            out,
            Para {
                left: INDENT,
                ..Para::default()
            },
            l,
        ),
        Block::Part(h) | Block::Heading(h) => line(
            out,
            Para {
                before: 120,
                keep_next: true,
                ..Para::default()
            },
            &Line::bold(h.as_str()),
        ),
        Block::Approval(h) => line(
            out,
            Para {
                center: true,
                before: 240,
                keep_next: true,
                ..Para::default()
            },
            &Line::bold(h.as_deref().unwrap_or_default()),
        ),
        Block::Text(text) => {
            for l in text.replace("\r\n", "\n").split(['\n', '\r']) {
                line(
                    out,
                    Para {
                        justify: true,
                        first_line: INDENT,
                        ..Para::default()
                    },
                    &Line::plain(l),
                );
            }
        }
        Block::Commitments(rows) => commitments(out, rows),
        Block::Table {
            widths,
            head,
            rows,
            total,
            ..
        } => {
            let widths: Vec<u32> = widths.iter().map(|w| WIDTH * u32::from(*w) / 100).collect();
            table_start(out, &widths, true);
            out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
            for (w, h) in widths.iter().zip(head) {
                cell(out, *w, &[(Line::bold(h.as_str()), BODY)], true, true);
            }
            out.push_str("</w:tr>");
            for (n, row) in rows.iter().enumerate() {
                let bold = *total && n + 1 == rows.len();
                out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
                for (i, (w, text)) in widths.iter().zip(row).enumerate() {
                    let l = Line {
                        bold,
                        ..Line::plain(text.as_str())
                    };
                    cell(out, *w, &[(l, BODY)], true, i > 0);
                }
                out.push_str("</w:tr>");
            }
            out.push_str("</w:tbl><w:p/>");
        }
        Block::Bullets(items) => {
            for item in items {
                line(
                    out,
                    Para {
                        left: INDENT,
                        justify: true,
                        ..Para::default()
                    },
                    &Line::plain(format!("- {item}")),
                );
            }
        }
        Block::Signature { title, note, name } => {
            let p = Para {
                center: true,
                left: WIDTH / 2,
                keep_next: true,
                ..Para::default()
            };
            for (n, t) in title.iter().enumerate() {
                let before = if n == 0 { 240 } else { 0 };
                line(out, Para { before, ..p }, &Line::bold(t.as_str()));
            }
            if !note.is_empty() {
                line(out, p, &Line::italic(note.as_str()));
            }
            // Room to sign.
            for _ in 0..3 {
                line(out, p, &Line::plain(""));
            }
            line(
                out,
                Para {
                    keep_next: false,
                    ..p
                },
                &Line::bold(name.as_str()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::Edit;

    fn document_xml(docx: &[u8]) -> String {
        // The last entry written is word/document.xml; stored, so its bytes are in the file.
        let text = String::from_utf8_lossy(docx);
        let start = text.find("<w:document").expect("the document part");
        let end = text.find("</w:document>").expect("its end") + "</w:document>".len();
        text[start..end].to_owned()
    }

    #[test]
    fn the_member_s_text_stays_literal_composed_and_in_its_lines() {
        let t = Template::get("HD43-2025/2A").expect("the 2025 form");
        let mut d = Document::new("w".into(), t, 2026, "2026-12-01T00:00:00.000Z");
        d.apply(Edit::Section(
            "A.I.1".into(),
            "<b>đậm</b> & <w:t>chèn</w:t>\nThi\u{323} tra\u{301}ch nhie\u{323}\u{302}m\u{7}".into(),
        ));
        let xml = document_xml(&document_docx(&d, t));
        assert!(xml.contains("&lt;b&gt;đậm&lt;/b&gt; &amp; &lt;w:t&gt;chèn&lt;/w:t&gt;"));
        assert!(!xml.contains("<b>"));
        // The second typed line is a paragraph of its own, composed, without the bell character.
        assert!(xml.contains(">Thị trách nhiệm</w:t>"), "{xml}");
        assert!(!xml.contains('\u{7}'));
    }

    #[test]
    fn the_page_is_a4_with_the_margins_of_hd_36() {
        let t = Template::get("HD43-2025/2A").expect("the 2025 form");
        let d = Document::new("w".into(), t, 2026, "2026-12-01T00:00:00.000Z");
        let xml = document_xml(&document_docx(&d, t));
        assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(xml.contains("w:top=\"1417\" w:right=\"850\" w:bottom=\"1417\" w:left=\"1984\""));
        assert!(xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
        assert!(STYLES.contains("Times New Roman") && STYLES.contains("<w:sz w:val=\"28\"/>"));
    }

    #[test]
    fn run_and_table_properties_follow_the_schema_s_order_and_word_s_parts_are_all_there() {
        let underlined = Line {
            underline: true,
            ..Line::plain("x")
        };
        let mut out = String::new();
        run(&mut out, &underlined, TITLE);
        assert!(
            out.contains("<w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/><w:u w:val=\"single\"/>"),
            "{out}"
        );
        let mut out = String::new();
        table_start(&mut out, &[100, 200], true);
        let borders = out.find("<w:tblBorders>").expect("borders");
        let layout = out.find("<w:tblLayout").expect("layout");
        assert!(
            out.find("<w:tblW").expect("width") < borders && borders < layout,
            "{out}"
        );

        // Word requires settings, a font table and a theme beside the styles: each a part of the
        // package, typed in [Content_Types].xml and related from the document.
        let file = write(&[Block::Line(Line::plain("x"))]);
        let text = String::from_utf8_lossy(&file);
        for (part, relation) in [
            ("word/styles.xml", "styles"),
            ("word/settings.xml", "settings"),
            ("word/fontTable.xml", "fontTable"),
            ("word/theme/theme1.xml", "theme"),
        ] {
            assert!(text.contains(part), "{part} is in the package");
            assert!(
                CONTENT_TYPES.contains(&format!("PartName=\"/{part}\"")),
                "{part} typed"
            );
            let target = part.trim_start_matches("word/");
            assert!(
                DOCUMENT_RELS.contains(&format!("relationships/{relation}\" Target=\"{target}\"")),
                "{part} related"
            );
        }
        assert!(text.contains("<a:fmtScheme") && text.contains("</a:theme>"));
    }
}
