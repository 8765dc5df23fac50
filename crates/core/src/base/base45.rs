//! Base45 (RFC 9285): bytes as the 45 characters of a QR code's alphanumeric mode (`0-9`, `A-Z`,
//! space and `$%*+-./:`). A QR code holds 5,5 bits per such character against 8 per byte in byte
//! mode, so two bytes in three characters cost 16,5 bits, about what byte mode costs, while the
//! text survives every decoder: `BarcodeDetector` hands a byte-mode code back as a string, and
//! bytes that are not UTF-8 come back changed. Written by hand, as `base64` is.

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(2) * 3);
    let mut push = |n: u32, digits: usize| {
        let mut n = n;
        for _ in 0..digits {
            out.push(char::from(ALPHABET[(n % 45) as usize]));
            n /= 45;
        }
    };
    for pair in bytes.chunks(2) {
        match *pair {
            [a, b] => push(u32::from(a) * 256 + u32::from(b), 3),
            [a] => push(u32::from(a), 2),
            _ => {}
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)
}

/// The bytes of a Base45 text; `None` for a character out of the alphabet, a length that leaves
/// one character over, or a group worth more than its bytes can hold.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let chars = text.as_bytes();
    let mut out = Vec::with_capacity(chars.len() / 3 * 2 + 1);
    for group in chars.chunks(3) {
        let mut n = 0_u32;
        for (k, c) in group.iter().enumerate() {
            n += value(*c)? * 45_u32.pow(k as u32);
        }
        match group.len() {
            3 if n <= 0xffff => out.extend([(n >> 8) as u8, n as u8]),
            2 if n <= 0xff => out.push(n as u8),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfcs_examples_encode_and_decode() {
        // RFC 9285, section 4.3.
        for (bytes, text) in [
            (&b"AB"[..], "BB8"),
            (b"Hello!!", "%69 VD92EX0"),
            (b"base-45", "UJCLQE7W581"),
            (b"ietf!", "QED8WEX0"),
            (b"", ""),
        ] {
            assert_eq!(encode(bytes), text);
            assert_eq!(decode(text).as_deref(), Some(bytes));
        }
    }

    #[test]
    fn every_byte_round_trips_and_bad_text_is_refused() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        assert_eq!(decode(&encode(&bytes)), Some(bytes.clone()));
        assert_eq!(decode(&encode(&bytes[..3])), Some(bytes[..3].to_vec()));
        // RFC 9285's invalid examples: a lowercase letter, one character over, a group above 65535.
        for bad in ["GGW", "ZZZ", "A", "abc", "BB8A"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
