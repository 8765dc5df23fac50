//! CSV for a spreadsheet: UTF-8 with a byte-order mark (without it Excel reads the diacritics as
//! Windows-1252), every cell quoted, CRLF line ends, and no cell that a spreadsheet would take for
//! a formula. A member's text is untrusted: a cell starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading apostrophe, which Excel and LibreOffice show as text (the
//! OWASP advice for CSV injection).

/// One cell, quoted and defused.
pub fn cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let mut out = String::with_capacity(text.len() + 3);
    out.push('"');
    if risky {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// A whole CSV file: the byte-order mark, the header row, then the rows.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| cell(h)).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| cell(c)).collect()));
    }
    out
}

/// Reads back a CSV that [`write()`] made (for tests and for checking a file): the rows of cells,
/// the header first, with the apostrophe of a defused cell kept, as a spreadsheet keeps it.
pub fn read(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_like_cell_stays_text_and_every_cell_reads_back() {
        let rows = vec![
            vec![
                "=HYPERLINK(\"http://x\",\"Bấm\")".to_owned(),
                "Nguyễn Văn An".into(),
            ],
            vec!["+1".into(), "-2".into()],
            vec!["@SUM(A1)".into(), "\tx".into()],
            vec!["có \"ngoặc\", phẩy\nvà xuống dòng".into(), "".into()],
        ];
        let text = write(&["Họ và tên", "Ghi chú"], &rows);
        assert!(text.starts_with("\u{feff}\"Họ và tên\",\"Ghi chú\"\r\n"));
        let back = read(&text);
        assert_eq!(back.len(), 5);
        assert_eq!(back[1][0], "'=HYPERLINK(\"http://x\",\"Bấm\")");
        assert_eq!(back[1][1], "Nguyễn Văn An");
        assert_eq!(back[2], ["'+1", "'-2"]);
        assert_eq!(back[3], ["'@SUM(A1)", "'\tx"]);
        assert_eq!(back[4], ["có \"ngoặc\", phẩy\nvà xuống dòng", ""]);
        for row in &back[1..] {
            for c in row {
                assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "{c}");
            }
        }
    }
}
