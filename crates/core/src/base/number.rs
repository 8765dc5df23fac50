//! Numbers the Vietnamese way: a decimal comma (`27,5`) and thousands dots (`1.200`), written and
//! read with integer arithmetic. The standard library's float formatting and `f64::from_str` cost the
//! wasm bundle 3 kB and 13 kB of brotli (docs/size.md), so neither is used anywhere in the app.

/// Formats points the way the form prints them: `27`, `27,5` (Vietnamese decimal comma).
pub fn format_points(points: f64) -> String {
    format_decimal(points, 2)
}

/// A number rounded to at most `places` decimals (0..=3), with a decimal comma and no trailing
/// zeros: `27`, `27,5`, `-0,25`. Integer arithmetic only: the float formatting of `core::fmt`
/// costs the wasm bundle 3 kB of brotli (docs/size.md).
pub fn format_decimal(value: f64, places: u32) -> String {
    decimal(value, places, false)
}

/// [`format_decimal`] with exactly `places` decimals: `20,0`.
pub fn format_fixed(value: f64, places: u32) -> String {
    decimal(value, places, true)
}

fn decimal(value: f64, places: u32, fixed: bool) -> String {
    if !value.is_finite() {
        return "…".to_owned();
    }
    let scale = 10_i64.pow(places.min(3));
    // `as` saturates: absurd values print as the largest integer instead of panicking.
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let scaled = scaled.unsigned_abs();
    let (whole, mut frac) = (scaled / scale.unsigned_abs(), scaled % scale.unsigned_abs());
    let mut text = format!("{sign}{whole}");
    if frac > 0 || (fixed && places > 0) {
        let mut digits = places.min(3) as usize;
        while !fixed && frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        text.push_str(&format!(",{frac:0digits$}"));
    }
    text
}

/// Reads a decimal number as a member types it: `27`, `27,5`, `27.5`, `-1`, and with Vietnamese
/// thousands dots `1.200` or `1.250,5`. A dot followed by exactly three digits (`1.200`) is a
/// thousands dot, as Vietnamese writes numbers; any other single dot is a decimal point, as phone
/// keypads type it. `None` for anything else (letters, exponents, empty). Written out instead of
/// `str::parse::<f64>`, whose tables cost the wasm bundle 13 kB of brotli (docs/size.md).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, frac) = match digits.split_once(',') {
        Some((w, f)) => (w, f),
        None => match digits.split_once('.') {
            // One dot not followed by exactly three digits: a decimal point.
            Some((w, f)) if !f.contains('.') && (f.len() != 3 || w.starts_with('0')) => (w, f),
            _ => (digits, ""),
        },
    };
    // What is left of the whole part may only use dots between groups of three digits.
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or("");
    let grouped = groups.all(|g| g.len() == 3 && all_digits(g));
    if !all_digits(first) || first.len() > 12 || !grouped || frac.len() > 6 {
        return None;
    }
    if !frac.is_empty() && !all_digits(frac) || digits.ends_with([',', '.']) {
        return None;
    }
    let mut value = 0.0_f64;
    for b in whole.bytes().filter(u8::is_ascii_digit).chain(frac.bytes()) {
        value = value * 10.0 + f64::from(b - b'0');
    }
    value /= 10_f64.powi(frac.len() as i32);
    Some(if negative { -value } else { value })
}

/// The number a field holds while the member is still typing it: `27,` (the comma typed, the
/// decimals not yet) is 27, not "no number". The editor's fields are redrawn from the parsed
/// value on every keystroke, so a `None` here would empty the field the moment the separator is
/// typed (found by typing key by key in Firefox and WebKitGTK, issue 14).
pub fn parse_typed_decimal(text: &str) -> Option<f64> {
    let trimmed = text.trim_end();
    let whole = trimmed
        .strip_suffix([',', '.'])
        .filter(|w| w.ends_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(trimmed);
    parse_decimal(whole)
}

/// A number of bytes as the settings page shows it: `1,2 MB`, `640,0 KB`, `2,5 GB` (decimal
/// units, as browsers report quotas).
pub fn human_bytes(bytes: f64) -> String {
    let (value, unit) = if bytes >= 1e9 {
        (bytes / 1e9, "GB")
    } else if bytes >= 1e6 {
        (bytes / 1e6, "MB")
    } else {
        (bytes / 1e3, "KB")
    };
    format!("{} {unit}", format_fixed(value, 1))
}

/// A whole number with Vietnamese thousands dots: `64.089`, `1.148`, `155`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `part` of `whole` as a percentage with two decimals and a decimal comma, rounded half up, with
/// integer arithmetic so that no float ever decides the last digit: 29 of 155 is `18,71%`, 5 of
/// 155 is `3,23%`, 1 of 8 is `12,50%`. `None` when `whole` is 0 (no share of nothing).
pub fn format_percent(part: u64, whole: u64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    // Hundredths of a percent, rounded half up: (part * 10 000 * 2 + whole) / (2 * whole).
    let hundredths = (u128::from(part) * 20_000 + u128::from(whole)) / (2 * u128::from(whole));
    let hundredths = u64::try_from(hundredths).unwrap_or(u64::MAX);
    Some(format!(
        "{},{:02}%",
        format_count(hundredths / 100),
        hundredths % 100
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_thousands_dots() {
        for (n, text) in [
            (0, "0"),
            (155, "155"),
            (1_148, "1.148"),
            (64_089, "64.089"),
            (1_000_000, "1.000.000"),
        ] {
            assert_eq!(format_count(n), text);
        }
    }

    #[test]
    fn percentages_round_half_up_to_two_decimals_as_the_reports_should() {
        // The seed's figures: 29/155 = 18,709…%; its 5/155 printed as 3,87% is wrong.
        assert_eq!(format_percent(29, 155).as_deref(), Some("18,71%"));
        assert_eq!(format_percent(120, 155).as_deref(), Some("77,42%"));
        assert_eq!(format_percent(5, 155).as_deref(), Some("3,23%"));
        assert_eq!(format_percent(1, 155).as_deref(), Some("0,65%"));
        // Exactly half a hundredth rounds up: 1/8 = 12,5 %, 1/16 = 6,25 %, 1/32 = 3,125 %.
        assert_eq!(format_percent(1, 8).as_deref(), Some("12,50%"));
        assert_eq!(format_percent(1, 32).as_deref(), Some("3,13%"));
        assert_eq!(format_percent(2_941, 64_089).as_deref(), Some("4,59%"));
        assert_eq!(format_percent(155, 155).as_deref(), Some("100,00%"));
        assert_eq!(format_percent(0, 155).as_deref(), Some("0,00%"));
        assert_eq!(format_percent(0, 0), None);
    }

    #[test]
    fn byte_counts_read_with_a_decimal_comma_and_decimal_units() {
        assert_eq!(human_bytes(0.0), "0,0 KB");
        assert_eq!(human_bytes(640_000.0), "640,0 KB");
        assert_eq!(human_bytes(1_234_567.0), "1,2 MB");
        assert_eq!(human_bytes(2_500_000_000.0), "2,5 GB");
    }

    #[test]
    fn decimals_are_written_and_read_with_a_comma_like_the_standard_library() {
        assert_eq!(format_points(27.0), "27");
        assert_eq!(format_points(27.5), "27,5");
        assert_eq!(format_points(26.75), "26,75");
        assert_eq!(format_points(0.1 + 0.2), "0,3");
        assert_eq!(format_points(-0.25), "-0,25");
        assert_eq!(format_decimal(1.05, 1), "1,1");
        assert_eq!(format_decimal(99.6, 0), "100");
        assert_eq!(format_decimal(f64::NAN, 2), "…");
        assert_eq!(format_fixed(20.0, 1), "20,0");
        assert_eq!(format_fixed(1.25, 2), "1,25");
        for (text, expected) in [
            ("27", 27.0),
            ("27,5", 27.5),
            (" 27.25 ", 27.25),
            ("-1", -1.0),
            ("0,05", 0.05),
            ("0.125", 0.125),
        ] {
            assert_eq!(parse_decimal(text), Some(expected), "{text}");
            assert_eq!(
                parse_decimal(text),
                text.trim().replace(',', ".").parse::<f64>().ok()
            );
        }
        // Vietnamese thousands dots.
        assert_eq!(parse_decimal("1.200"), Some(1200.0));
        assert_eq!(parse_decimal("1.200.000"), Some(1_200_000.0));
        assert_eq!(parse_decimal("1.250,5"), Some(1250.5));
        for text in [
            "", "-", "1,2,3", "1e3", "12a", ",5", "5,", "1 000", "inf", "NaN", "1.20.3", "1.2,5",
        ] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }
    #[test]
    fn a_number_typed_key_by_key_keeps_its_value_at_the_separator() {
        // What the field holds after each key of "27,5" and "60.5", and what it then shows.
        for (keys, values) in [
            ("27,5", [Some(2.0), Some(27.0), Some(27.0), Some(27.5)]),
            ("60.5", [Some(6.0), Some(60.0), Some(60.0), Some(60.5)]),
        ] {
            for (n, want) in values.into_iter().enumerate() {
                let typed = &keys[..=n];
                assert_eq!(parse_typed_decimal(typed), want, "{typed}");
                // The redraw shows what was typed (the separator kept) or its normalised form.
                let shown = want.map(format_points).unwrap_or_default();
                assert!(
                    typed.starts_with(&shown) || shown == typed.replace('.', ","),
                    "{typed} shows {shown}"
                );
            }
        }
        // Only a trailing separator after digits is forgiven; the rest is as strict as before.
        for text in ["", ",", ".", "-,", "5,,", "a,"] {
            assert_eq!(parse_typed_decimal(text), None, "{text}");
        }
        assert_eq!(parse_typed_decimal("1.200"), Some(1200.0));
    }
    #[test]
    fn points_print_with_a_decimal_comma() {
        assert_eq!(format_points(27.0), "27");
        assert_eq!(format_points(27.5), "27,5");
        assert_eq!(format_points(89.999), "90");
    }
}
