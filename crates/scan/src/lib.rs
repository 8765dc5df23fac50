//! The chi bộ workspace's QR scanner (issue #32): the camera, a QR decoder and the frames'
//! receiver (`tusoi_core::base::frames::Receiver`), in a wasm of its own. `cargo xtask dist`
//! binds it into `chibo/qr/`; the workspace fetches it only when the secretary opens "Quét mã
//! QR", so the workspace's first load carries no decoder, and the service worker keeps it for
//! offline use with the workspace's other files (docs/qr.md).
//!
//! Where the browser has a `BarcodeDetector` that reads QR codes (Chrome on Android), it reads
//! the camera's frames; elsewhere [`read_codes`] does, with `rqrr`. The scanner draws its own
//! panel, every word of it from the core's catalogue; the workspace gives it a slot and takes the
//! files it hands over.

#[cfg(target_arch = "wasm32")]
mod camera;

/// The longest side, in pixels, a camera frame is scaled to before the decoder reads it: a full
/// frame of the loop (73 modules and the quiet zone) filling a third of it still has about 3 px a
/// module, and the decoder's time grows with the pixels.
pub const READ_SIDE: u32 = 800;

/// The grey level of each pixel of an RGBA image (ITU-R BT.601 weights, in integers).
pub fn luma_of_rgba(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| {
            let (r, g, b) = (u32::from(p[0]), u32::from(p[1]), u32::from(p[2]));
            ((r * 299 + g * 587 + b * 114) / 1000) as u8
        })
        .collect()
}

/// The texts of the QR codes in a grey image of `width` × `height`, each code read once; codes
/// found but not read (blurred, cut by the frame's edge) are left out.
pub fn read_codes(luma: &[u8], width: usize, height: usize) -> Vec<String> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return Vec::new();
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    let mut texts: Vec<String> = image
        .detect_grids()
        .iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect();
    texts.dedup();
    texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use tusoi_core::base::frames::{encode, Heard, Receiver, Symbol};

    /// A frame of the loop as a camera sees a phone's screen: grey, not black and white, off
    /// centre in a larger picture, `scale` pixels a module.
    fn photographed(symbol: &Symbol, scale: usize, width: usize, height: usize) -> Vec<u8> {
        let (left, top) = (width / 5, height / 7);
        let mut rgba = vec![0_u8; width * height * 4];
        for y in 0..height {
            for x in 0..width {
                // The room around the screen: a grey that drifts across the picture.
                let mut level = 90 + ((x + y) % 40) as u8;
                let (sx, sy) = (x.checked_sub(left), y.checked_sub(top));
                if let (Some(sx), Some(sy)) = (sx, sy) {
                    let side = (symbol.size + 8) * scale;
                    if sx < side && sy < side {
                        let (mx, my) = ((sx / scale).checked_sub(4), (sy / scale).checked_sub(4));
                        level = match (mx, my) {
                            (Some(mx), Some(my)) if symbol.dark(mx, my) => 35,
                            _ => 215,
                        };
                    }
                }
                let at = (y * width + x) * 4;
                rgba[at..at + 4].copy_from_slice(&[level, level, level.saturating_add(6), 255]);
            }
        }
        rgba
    }

    #[test]
    fn grey_follows_the_eyes_weights_of_red_green_and_blue() {
        assert_eq!(
            luma_of_rgba(&[255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255]),
            vec![255, 0, 76, 149]
        );
    }

    #[test]
    fn the_loops_frames_photographed_off_centre_in_grey_are_read_into_the_file() {
        let file: Vec<u8> = (0..2_000_u32)
            .flat_map(|k| format!("{{\"dòng\":{k},\"x\":\"{}\"}}", k * 7919 % 1000).into_bytes())
            .collect();
        let frames = encode(&file);
        assert!(frames.len() >= 3, "{} frames", frames.len());
        let mut receiver = Receiver::new();
        let mut last = None;
        // Backwards, as a loop caught half-way round would be read.
        for text in frames.iter().rev() {
            let symbol = Symbol::of(text).expect("a frame fits a QR code");
            let (width, height) = (640, 480);
            let rgba = photographed(&symbol, 4, width, height);
            let codes = read_codes(&luma_of_rgba(&rgba), width, height);
            assert_eq!(codes, vec![text.clone()], "the frame read as drawn");
            last = Some(receiver.hear(&codes[0]));
        }
        assert_eq!(last, Some(Heard::Done(file)));
    }

    #[test]
    fn a_picture_without_a_code_or_of_the_wrong_size_reads_nothing() {
        let (width, height) = (320, 240);
        let plain: Vec<u8> = (0..width * height).map(|k| (k % 251) as u8).collect();
        assert!(read_codes(&plain, width, height).is_empty());
        assert!(read_codes(&plain[..100], width, height).is_empty());
        assert!(read_codes(&[], 0, 0).is_empty());
    }
}
