//! Vietnamese text as the linter compares it and the print page capitalises it, without the
//! standard library's Unicode tables (they cost the wasm bundle more than this module).
//!
//! [`words`] lower-cases, splits on anything that is not a letter or digit, composes Vietnamese
//! letters (text typed as base letter + combining marks, as some keyboards and Macs produce, equals
//! precomposed text: Unicode NFC restricted to the Vietnamese alphabet) and puts the tone mark of
//! "oa, oe, uy" syllables in one place ("hoá" = "hóa", "thuỷ" = "thủy"). Diacritics are kept: "ma"
//! and "mà" are different words.

// Vietnamese vowels with the five tone marks, in the order grave, acute, hook, tilde, dot below.
const TONED: [(char, [char; 5]); 12] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('ă', ['ằ', 'ắ', 'ẳ', 'ẵ', 'ặ']),
    ('â', ['ầ', 'ấ', 'ẩ', 'ẫ', 'ậ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('ê', ['ề', 'ế', 'ể', 'ễ', 'ệ']),
    ('i', ['ì', 'í', 'ỉ', 'ĩ', 'ị']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('ô', ['ồ', 'ố', 'ổ', 'ỗ', 'ộ']),
    ('ơ', ['ờ', 'ớ', 'ở', 'ỡ', 'ợ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('ư', ['ừ', 'ứ', 'ử', 'ữ', 'ự']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
];
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// The lower-case letter a base letter and a combining mark compose to (Unicode NFC, restricted to
/// the Vietnamese alphabet).
fn compose(base: char, mark: char) -> Option<char> {
    if let Some(tone) = TONE_MARKS.iter().position(|&m| m == mark) {
        return TONED.iter().find(|(b, _)| *b == base).map(|(_, t)| t[tone]);
    }
    let plain = tone_of(base).map_or(base, |(b, _)| b);
    let tone = tone_of(base).map(|(_, t)| t);
    let modified = match (plain, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    };
    Some(match tone {
        Some(tone) => with_tone(modified, tone),
        None => modified,
    })
}

/// The base vowel and tone (0..5) of a toned vowel.
fn tone_of(c: char) -> Option<(char, usize)> {
    TONED
        .iter()
        .find_map(|(b, t)| t.iter().position(|&x| x == c).map(|i| (*b, i)))
}

fn with_tone(base: char, tone: usize) -> char {
    TONED
        .iter()
        .find(|(b, _)| *b == base)
        .map_or(base, |(_, t)| t[tone])
}

/// The lower case of a letter of the Vietnamese alphabet (other characters are kept). Written out
/// instead of `char::to_lowercase`, whose Unicode tables cost the wasm bundle more than this module.
pub fn lower(c: char) -> char {
    let code = u32::from(c);
    let lowered = match code {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => code + 0x20,
        // Latin Extended-A (Ă, Đ, Ĩ, Ũ…) and Latin Extended Additional (Ạ…Ỹ): pairs, upper first.
        0x100..=0x137 | 0x14a..=0x177 | 0x1ea0..=0x1ef9 if code % 2 == 0 => code + 1,
        0x1a0 | 0x1af => code + 1,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// The upper case of a letter of the Vietnamese alphabet (other characters are kept): the inverse
/// of [`lower`], for the organisation lines the forms print in capitals.
pub fn upper(c: char) -> char {
    let code = u32::from(c);
    let raised = match code {
        0x61..=0x7a | 0xe0..=0xf6 | 0xf8..=0xfe => code - 0x20,
        0x100..=0x137 | 0x14a..=0x177 | 0x1ea0..=0x1ef9 if code % 2 == 1 => code - 1,
        0x1a1 | 0x1b0 => code - 1,
        _ => code,
    };
    char::from_u32(raised).unwrap_or(c)
}

/// A text in capitals, letter by letter with [`upper`].
pub fn to_upper(text: &str) -> String {
    text.chars().map(upper).collect()
}

/// Whether a character belongs to a word: a digit, a Latin letter (with every Vietnamese letter), or
/// a combining mark.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(u32::from(c), 0xc0..=0x24f | 0x300..=0x36f | 0x1e00..=0x1eff)
            && c != '×'
            && c != '÷'
}

/// Lower-case and compose Vietnamese letters.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(lower) {
        // Only a combining mark can join the letter before it.
        if !('\u{300}'..='\u{36f}').contains(&c) {
            out.push(c);
            continue;
        }
        match out.pop() {
            Some(last) => match compose(last, c) {
                Some(composed) => out.push(composed),
                None => {
                    out.push(last);
                    out.push(c);
                }
            },
            None => out.push(c),
        }
    }
    out
}

/// Composes Vietnamese letters typed as a letter and combining marks (Macs, old keyboards) into
/// the precomposed letters of NFC, keeping their case: what a Word file or a PDF should hold.
pub fn compose_vietnamese(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            if let Some(last) = out.pop() {
                let lowered = lower(last);
                match compose(lowered, c) {
                    Some(composed) if lowered != last => out.push(upper(composed)),
                    Some(composed) => out.push(composed),
                    None => {
                        out.push(last);
                        out.push(c);
                    }
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Puts the tone of an open "oa, oe, uy" syllable on its second vowel ("hóa" → "hoá").
fn place_tone(word: String) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n >= 2 {
        if let Some((first, tone)) = tone_of(chars[n - 2]) {
            let second = chars[n - 1];
            if matches!((first, second), ('o', 'a') | ('o', 'e') | ('u', 'y'))
                && !(first == 'u' && n >= 3 && chars[n - 3] == 'q')
            {
                let mut fixed: String = chars[..n - 2].iter().collect();
                fixed.push(first);
                fixed.push(with_tone(second, tone));
                return fixed;
            }
        }
    }
    word
}

/// The words of a text, folded (see the module docs).
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| place_tone(w.to_owned()))
        .collect()
}

/// The Vietnamese alphabet's letters in their order; "đ" after "d", "ă" and "â" after "a".
const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";

/// A word's place in Vietnamese alphabetical order: each letter by the alphabet (so "Đ" comes
/// after "D", not after "Z" as the code points put it), its tone next (none, grave, acute, hook,
/// tilde, dot below), anything else after the letters by its code point.
fn collation_key(word: &str) -> Vec<u32> {
    fold(word)
        .chars()
        .map(|c| {
            let (base, tone) = tone_of(c).map_or((c, 0), |(b, t)| (b, t as u32 + 1));
            match ALPHABET.chars().position(|a| a == base) {
                Some(rank) => rank as u32 * 6 + tone,
                None => 1_000 + u32::from(c),
            }
        })
        .collect()
}

/// How a list of people is ordered in Vietnamese: by the given name (the last word), then by the
/// family and middle names, each in the alphabet's order ("Đỗ Dũng" before "Vũ Thị Em", and
/// "Dương Văn Anh" before "Đào Anh").
pub fn name_order_key(full_name: &str) -> (Vec<u32>, Vec<Vec<u32>>) {
    let mut parts = words(full_name);
    let given = parts.pop().unwrap_or_default();
    (
        collation_key(&given),
        parts.iter().map(|w| collation_key(w)).collect(),
    )
}

/// The text without Vietnamese diacritics (`Bản cam kết` → `Ban cam ket`), for file names that
/// every system keeps. Other characters are left as they are.
pub fn fold_ascii(text: &str) -> String {
    const FROM: &str = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";
    text.chars()
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// A file-name slug: ASCII letters and digits in lower case, anything else one dash between words
/// (`Bản kiểm điểm 2026` → `ban-kiem-diem-2026`).
pub fn slug(text: &str) -> String {
    let dashed: String = fold_ascii(text)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    dashed
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_slugs_drop_diacritics_and_keep_one_dash_between_words() {
        assert_eq!(
            fold_ascii("Bản kiểm điểm ĐẢNG VIÊN"),
            "Ban kiem diem DANG VIEN"
        );
        assert_eq!(
            slug("Bản kiểm điểm năm 2026 (bản sao)"),
            "ban-kiem-diem-nam-2026-ban-sao"
        );
        assert_eq!(slug("  --Tất cả--  "), "tat-ca");
        assert_eq!(slug("Đ/c Nguyễn Thị Ánh"), "d-c-nguyen-thi-anh");
        assert_eq!(slug("…"), "");
    }

    #[test]
    fn words_are_folded_composed_and_keep_their_diacritics() {
        assert_eq!(
            words("Chấp hành TỐT, đúng-giờ!"),
            ["chấp", "hành", "tốt", "đúng", "giờ"]
        );
        // "tốt" typed as t + o + U+0302 (circumflex) + U+0301 (acute) + t, as some keyboards do.
        let decomposed = "to\u{302}\u{301}t Đu\u{31b}\u{300}ng";
        assert_eq!(words(decomposed), ["tốt", "đừng"]);
        assert_eq!(
            words("hoá học, HÓA HỌC; thuỷ lợi, thủy lợi"),
            ["hoá", "học", "hoá", "học", "thuỷ", "lợi", "thuỷ", "lợi"]
        );
        assert_eq!(words("quý"), ["quý"], "qu + y keeps its tone on y");
        assert_ne!(words("ma"), words("mà"), "diacritics are kept");
        assert_eq!(fold("ĐẢNG"), "đảng");
    }

    #[test]
    fn lower_matches_the_standard_library_on_the_vietnamese_alphabet() {
        let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";
        for c in upper.chars() {
            assert_eq!(lower(c).to_string(), c.to_lowercase().to_string(), "{c}");
            assert_eq!(super::upper(lower(c)), c, "{c}");
            assert!(is_word_char(c) && is_word_char(lower(c)));
        }
        for c in ['1', 'a', 'đ', '-', ' ', '“', '%'] {
            assert_eq!(lower(c), c);
        }
        assert_eq!(
            to_upper("Chi bộ khu phố 3, phường Bến Nghé"),
            "CHI BỘ KHU PHỐ 3, PHƯỜNG BẾN NGHÉ"
        );
        for c in ['-', ' ', '“', '”', '%', ',', '.', '×', '…'] {
            assert!(!is_word_char(c), "{c}");
        }
    }

    #[test]
    fn decomposed_vietnamese_is_composed_and_keeps_its_case() {
        let decomposed = "Nguye\u{302}\u{303}n Thi\u{323} Hoa, ĐA\u{306}\u{301}K LA\u{306}\u{301}K, ho\u{31b}\u{323}c";
        assert_eq!(
            compose_vietnamese(decomposed),
            "Nguyễn Thị Hoa, ĐẮK LẮK, hợc"
        );
        assert_eq!(compose_vietnamese("Đã lưu"), "Đã lưu");
        // A mark with nothing to join stays.
        assert_eq!(compose_vietnamese("\u{301}x\u{301}"), "\u{301}x\u{301}");
    }

    #[test]
    fn people_are_ordered_by_given_name_then_family_name_in_the_vietnamese_alphabet() {
        let mut names = vec![
            "Vũ Thị Em",
            "Đỗ Dũng",
            "Đào Anh",
            "Dương Văn Anh",
            "lê cường",
            "An Văn Bình",
            "Nguyễn Thị Ánh",
        ];
        names.sort_by_cached_key(|n| name_order_key(n));
        assert_eq!(
            names,
            [
                "Dương Văn Anh",
                "Đào Anh",
                "Nguyễn Thị Ánh",
                "An Văn Bình",
                "lê cường",
                "Đỗ Dũng",
                "Vũ Thị Em"
            ]
        );
    }
}
