//! A file's bytes as a loop of numbered QR codes, and back: how a member's phone hands a document
//! to the secretary's with nothing between them (a commune hall without signal).
//!
//! The bytes are what a file hand-over carries (an export, plain or sealed), compressed (raw
//! DEFLATE), cut into pieces of [`FRAME_BYTES`] and written each as one text in the QR code's
//! alphanumeric set:
//!
//! ```text
//! TS1:<transfer>:<n>:<of>:<check>:<piece>
//! TS1:9C2D01AF:3:12:5E0F33A1:<Base45 of the piece>
//! ```
//!
//! `transfer` is a hash of all the compressed bytes (8 hex digits): which file the frame belongs
//! to; `n` of `of` which piece; `check` a hash of the frame's other fields, so a damaged frame is
//! dropped on its own and read again on the next turn of the loop. Frames are read in any order,
//! each once; when all are in, the whole is checked against `transfer` and inflated (at most
//! [`MAX_BYTES`]) before anything is handed on, so nothing is ever received half.
//!
//! The size and the rate: [`FRAME_BYTES`] of data is about 500 characters, a QR code of version
//! 13 or 14 at error correction M (69–73 modules a side): on a phone's 360 px wide screen a module
//! is about 5 px, which a phone camera resolves at arm's length; practitioners find 5 frames a
//! second the most a hand-held camera reads without blur (`../shared/stack.md` §11.5.2), so the
//! loop shows [`FRAMES_PER_SECOND`].

use crate::base::base45;
use crate::base::messages::{catalogue, fill};

catalogue! {
    FrameMsg, ft;
    FrameForeign => "Mã QR này không phải của Tự soi (không có dấu “TS1”). Hãy hướng máy ảnh vào màn hình “Hiện mã QR” của đảng viên.",
    FrameDamaged => "Một mã QR đọc bị lỗi nên bỏ qua; máy sẽ đọc lại ở vòng sau. Giữ máy ảnh yên, cách màn hình khoảng một gang tay.",
    FrameOtherTransfer => "Mã QR của một tệp khác, trong khi tệp trước mới nhận {have}/{total} phần. Hãy đưa lại máy trước cho đủ, hoặc bấm “Bỏ tệp đang nhận” để nhận tệp mới.",
    FrameAlreadyReceived => "Tệp này đã nhận rồi (trong lần quét này). Mời đồng chí tiếp theo. Cần nhận lại (chẳng hạn tệp có mật khẩu khi chưa gõ mật khẩu): bấm “Đóng máy ảnh” rồi quét lại.",
    FrameBroken => "Đã đọc đủ {total} phần nhưng ghép lại không đúng (có phần bị đọc sai). Chưa nhận gì; hãy quét lại từ đầu.",
    FrameTooLarge => "Tệp trong mã QR quá lớn (hơn {limit}). Chưa nhận gì; hãy gửi tệp bằng cách khác.",
    ScanTitle => "Nhận tệp qua mã QR",
    ScanExplain => "Đảng viên mở bản của mình trong Tự soi, bấm “Gửi” → “Hiện mã QR” và đưa màn hình về phía máy này. Máy sẽ xin phép dùng máy ảnh (máy ảnh sau) để đọc các mã; hình ảnh chỉ được đọc trên máy này, không lưu và không gửi đi đâu. Không cần mạng.",
    ScanStart => "Mở máy ảnh",
    ScanOpening => "Đang mở máy ảnh…",
    ScanAim => "Hướng máy ảnh vào mã QR trên điện thoại của đảng viên, cách khoảng một gang tay.",
    ScanProgress => "Đã đọc {have}/{total} mã của tệp này; giữ yên máy…",
    ScanReceived => "Đã nhận {count} tệp qua mã QR. Mời đồng chí tiếp theo.",
    ScanDrop => "Bỏ tệp đang nhận",
    ScanClose => "Đóng máy ảnh",
    ScanFileName => "mã QR số {n}, lúc {time}",
    ScanCameraRefused => "Máy ảnh chưa được cho phép dùng. Hãy cho phép trang này dùng máy ảnh (trong cài đặt của trình duyệt, hoặc biểu tượng cạnh địa chỉ trang) rồi bấm “Mở máy ảnh” lại; hoặc nhận tệp bằng “Chọn tệp”.",
    ScanNoCamera => "Không tìm thấy máy ảnh nào dùng được trên máy này. Hãy nhận tệp bằng “Chọn tệp” hoặc “Dán nội dung tệp”.",
    ScanCameraBusy => "Máy ảnh đang bị ứng dụng khác dùng (một cuộc gọi, Zalo…). Hãy tắt ứng dụng đó rồi bấm “Mở máy ảnh” lại.",
    ScanNoCameraApi => "Trình duyệt này không cho trang dùng máy ảnh (trình duyệt trong Zalo, hoặc trang không mở qua https). Hãy mở trang bằng Chrome hoặc Safari, hoặc nhận tệp bằng “Chọn tệp”.",
    ScanCameraFailed => "Không mở được máy ảnh ({detail}). Hãy bấm “Mở máy ảnh” lại, hoặc nhận tệp bằng “Chọn tệp”.",
}

/// The data bytes of one frame.
pub const FRAME_BYTES: usize = 330;

/// How many frames a second the loop shows.
pub const FRAMES_PER_SECOND: u32 = 5;

/// The most a transfer may inflate to: far above a member's year (a sealed review with its pledge
/// is some 15 kB), far below what would hang a phone.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

const MAGIC: &str = "TS1";

/// FNV-1a, 32 bits: not a defence against anyone, a check against a misread.
fn fnv(parts: &[&[u8]]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for part in parts {
        for b in *part {
            hash ^= u32::from(*b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

fn frame_check(transfer: &str, n: usize, of: usize, piece: &str) -> u32 {
    fnv(&[
        transfer.as_bytes(),
        n.to_string().as_bytes(),
        of.to_string().as_bytes(),
        piece.as_bytes(),
    ])
}

/// The frames of a file's bytes, in order; each is the text of one QR code.
pub fn encode(bytes: &[u8]) -> Vec<String> {
    let packed = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    let transfer = format!("{:08X}", fnv(&[&packed]));
    let pieces: Vec<&[u8]> = if packed.is_empty() {
        vec![&[]]
    } else {
        packed.chunks(FRAME_BYTES).collect()
    };
    let of = pieces.len();
    pieces
        .iter()
        .enumerate()
        .map(|(k, piece)| {
            let piece = base45::encode(piece);
            let check = frame_check(&transfer, k + 1, of, &piece);
            format!("{MAGIC}:{transfer}:{}:{of}:{check:08X}:{piece}", k + 1)
        })
        .collect()
}

/// A frame drawn: the modules of its QR code (error correction M, or higher where it fits in the
/// same size), row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Modules a side.
    pub size: usize,
    /// The QR version (1–40).
    pub version: u8,
    dark: Vec<bool>,
}

impl Symbol {
    /// The QR code of a frame's text; `None` for a text too long for any QR code.
    pub fn of(text: &str) -> Option<Symbol> {
        let code = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium).ok()?;
        let size = usize::try_from(code.size()).ok()?;
        let dark = (0..size * size)
            .map(|k| code.get_module((k % size) as i32, (k / size) as i32))
            .collect();
        Some(Symbol {
            size,
            version: code.version().value(),
            dark,
        })
    }

    /// Whether the module at column `x`, row `y` is dark.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// An SVG path of the dark modules, one rectangle per run in a row (`M3 0h2v1h-2z`): the page
    /// draws it in a `viewBox` of `-4 -4 size+8 size+8`, the quiet zone of four modules a reader
    /// needs around it.
    pub fn svg_path(&self) -> String {
        let mut d = String::with_capacity(self.size * self.size);
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            }
        }
        d
    }
}

/// One frame read.
struct Frame<'t> {
    transfer: &'t str,
    n: usize,
    of: usize,
    piece: Vec<u8>,
}

/// The frame a text holds: `Err(true)` when it is ours but damaged, `Err(false)` when it is not ours.
fn parse(text: &str) -> Result<Frame<'_>, bool> {
    let text = text.trim();
    let Some(rest) = text.strip_prefix(MAGIC).and_then(|r| r.strip_prefix(':')) else {
        return Err(false);
    };
    let mut fields = rest.splitn(5, ':');
    let (Some(transfer), Some(n), Some(of), Some(check), Some(piece)) = (
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
        fields.next(),
    ) else {
        return Err(true);
    };
    let (Ok(n), Ok(of), Ok(check)) = (
        n.parse::<usize>(),
        of.parse::<usize>(),
        u32::from_str_radix(check, 16),
    ) else {
        return Err(true);
    };
    if transfer.len() != 8
        || n == 0
        || n > of
        || of > MAX_BYTES / FRAME_BYTES + 1
        || check != frame_check(transfer, n, of, piece)
    {
        return Err(true);
    }
    let piece = base45::decode(piece).ok_or(true)?;
    if piece.len() > FRAME_BYTES {
        return Err(true);
    }
    Ok(Frame {
        transfer,
        n,
        of,
        piece,
    })
}

/// What a frame read did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// A piece not seen before: how many of how many are in.
    New { have: usize, total: usize },
    /// A piece already in (the loop turns).
    Again { have: usize, total: usize },
    /// The last piece: the file's bytes, checked and inflated. The receiver is ready for the next.
    Done(Vec<u8>),
    /// Something to tell the secretary; nothing received changed unless it says so.
    Said(FrameProblem),
}

/// Why a frame was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameProblem {
    /// Not a frame of ours: another app's QR code.
    Foreign,
    /// Ours, but misread: dropped, read again on the next turn.
    Damaged,
    /// A frame of another file while one is half in.
    OtherTransfer { have: usize, total: usize },
    /// A frame of a file received since the scanner opened (its loop still turning, or the phone
    /// shown again after another's).
    AlreadyReceived,
    /// Every piece in, but the whole does not check: everything dropped, to scan again.
    Broken { total: usize },
    /// The whole inflates beyond [`MAX_BYTES`]: dropped.
    TooLarge,
}

impl FrameProblem {
    /// What happened and what to do, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            FrameProblem::Foreign => ft(FrameMsg::FrameForeign).to_owned(),
            FrameProblem::Damaged => ft(FrameMsg::FrameDamaged).to_owned(),
            FrameProblem::OtherTransfer { have, total } => fill(
                ft(FrameMsg::FrameOtherTransfer),
                &[("have", &have.to_string()), ("total", &total.to_string())],
            ),
            FrameProblem::AlreadyReceived => ft(FrameMsg::FrameAlreadyReceived).to_owned(),
            FrameProblem::Broken { total } => {
                fill(ft(FrameMsg::FrameBroken), &[("total", &total.to_string())])
            }
            FrameProblem::TooLarge => fill(
                ft(FrameMsg::FrameTooLarge),
                &[("limit", &format!("{} MB", MAX_BYTES / (1024 * 1024)))],
            ),
        }
    }
}

/// The scanner's line while it reads: `have` of `total` codes of a file, or where to aim.
pub fn scan_progress(progress: Option<(usize, usize)>) -> String {
    match progress {
        Some((have, total)) => fill(
            ft(FrameMsg::ScanProgress),
            &[("have", &have.to_string()), ("total", &total.to_string())],
        ),
        None => ft(FrameMsg::ScanAim).to_owned(),
    }
}

/// The name a file read from QR codes is received under: the `n`-th of the scanner, at `time`.
pub fn scan_file_name(n: usize, time: &str) -> String {
    fill(
        ft(FrameMsg::ScanFileName),
        &[("n", &n.to_string()), ("time", time)],
    )
}

/// "Đã nhận n tệp qua mã QR…".
pub fn scan_received(count: usize) -> String {
    fill(ft(FrameMsg::ScanReceived), &[("count", &count.to_string())])
}

/// Why the camera did not open, from the browser's error name (`getUserMedia`'s `DOMException`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CameraProblem {
    /// The secretary, or the browser's settings, refused the camera.
    Refused,
    /// No camera, or none that fits.
    NoCamera,
    /// Another app holds the camera.
    Busy,
    /// The browser gives pages no camera (an in-app browser, a page not on https).
    NoApi,
    /// Anything else, with the browser's words.
    Other(String),
}

impl CameraProblem {
    /// The problem a `DOMException` of `getUserMedia` names.
    pub fn of_error(name: &str, detail: &str) -> CameraProblem {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraProblem::Refused,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraProblem::NoCamera
            }
            "NotReadableError" | "AbortError" | "TrackStartError" => CameraProblem::Busy,
            _ => CameraProblem::Other(if detail.is_empty() {
                name.to_owned()
            } else {
                detail.to_owned()
            }),
        }
    }

    /// What happened and what to do, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            CameraProblem::Refused => ft(FrameMsg::ScanCameraRefused).to_owned(),
            CameraProblem::NoCamera => ft(FrameMsg::ScanNoCamera).to_owned(),
            CameraProblem::Busy => ft(FrameMsg::ScanCameraBusy).to_owned(),
            CameraProblem::NoApi => ft(FrameMsg::ScanNoCameraApi).to_owned(),
            CameraProblem::Other(detail) => {
                fill(ft(FrameMsg::ScanCameraFailed), &[("detail", detail)])
            }
        }
    }
}

/// The scanner's side: frames in, in any order, a whole file out. One receiver takes file after
/// file (thirty members across a table) without being made again.
#[derive(Debug, Default, Clone)]
pub struct Receiver {
    transfer: Option<String>,
    pieces: Vec<Option<Vec<u8>>>,
    have: usize,
    /// The files received since the receiver was made (their transfers): a loop still on the
    /// screen, or a phone shown again after another's, is said, not received twice.
    done: std::collections::BTreeSet<String>,
}

impl Receiver {
    pub fn new() -> Receiver {
        Receiver::default()
    }

    /// How many pieces of how many of the file being received; `None` between files.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.transfer
            .as_ref()
            .map(|_| (self.have, self.pieces.len()))
    }

    /// "Bỏ tệp đang nhận": drops the file half in.
    pub fn drop_partial(&mut self) {
        self.transfer = None;
        self.pieces.clear();
        self.have = 0;
    }

    /// Takes the text of one QR code read.
    pub fn hear(&mut self, text: &str) -> Heard {
        let frame = match parse(text) {
            Ok(frame) => frame,
            Err(ours) => {
                return Heard::Said(if ours {
                    FrameProblem::Damaged
                } else {
                    FrameProblem::Foreign
                })
            }
        };
        if self.done.contains(frame.transfer) {
            return Heard::Said(FrameProblem::AlreadyReceived);
        }
        match &self.transfer {
            Some(t) if t != frame.transfer => {
                return Heard::Said(FrameProblem::OtherTransfer {
                    have: self.have,
                    total: self.pieces.len(),
                })
            }
            Some(_) if frame.of != self.pieces.len() => return Heard::Said(FrameProblem::Damaged),
            Some(_) => {}
            None => {
                self.transfer = Some(frame.transfer.to_owned());
                self.pieces = vec![None; frame.of];
                self.have = 0;
            }
        }
        let total = self.pieces.len();
        let slot = &mut self.pieces[frame.n - 1];
        if slot.is_some() {
            return Heard::Again {
                have: self.have,
                total,
            };
        }
        *slot = Some(frame.piece);
        self.have += 1;
        if self.have < total {
            return Heard::New {
                have: self.have,
                total,
            };
        }
        self.finish()
    }

    /// All pieces are in: the whole, checked and inflated, or why not (and the receiver empty).
    fn finish(&mut self) -> Heard {
        let transfer = self.transfer.take().unwrap_or_default();
        let total = self.pieces.len();
        let packed: Vec<u8> = self.pieces.drain(..).flatten().flatten().collect();
        self.have = 0;
        if format!("{:08X}", fnv(&[&packed])) != transfer {
            return Heard::Said(FrameProblem::Broken { total });
        }
        match miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_BYTES) {
            Ok(bytes) => {
                self.done.insert(transfer);
                Heard::Done(bytes)
            }
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                Heard::Said(FrameProblem::TooLarge)
            }
            Err(_) => Heard::Said(FrameProblem::Broken { total }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::tests::check_catalogue;

    #[test]
    fn every_key_of_the_frames_has_vietnamese_text_with_balanced_placeholders() {
        check_catalogue(FrameMsg::ALL, ft);
    }

    /// Bytes that compress about as a sealed file does (base64 of noise in JSON).
    fn file(len: usize) -> Vec<u8> {
        let mut x: u32 = 2_463_534_242;
        let noise: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let mut out = br#"{"format":"tusoi-sealed","ciphertext":""#.to_vec();
        out.extend(crate::base::base64::encode(&noise).bytes());
        out.extend(br#""}"#);
        out
    }

    #[test]
    fn a_camera_refused_missing_or_busy_says_so_and_what_to_do() {
        let refused = CameraProblem::of_error("NotAllowedError", "Permission denied");
        assert_eq!(refused, CameraProblem::Refused);
        assert!(refused.message().contains("cho phép"));
        assert_eq!(
            CameraProblem::of_error("NotFoundError", ""),
            CameraProblem::NoCamera
        );
        assert_eq!(
            CameraProblem::of_error("NotReadableError", "Could not start video source"),
            CameraProblem::Busy
        );
        let other = CameraProblem::of_error("TypeError", "bad constraints").message();
        assert!(other.contains("bad constraints"), "{other}");
        assert!(CameraProblem::NoApi.message().contains("https"));
    }

    fn receive(frames: impl IntoIterator<Item = String>) -> (Receiver, Vec<Heard>) {
        let mut r = Receiver::new();
        let heard = frames.into_iter().map(|f| r.hear(&f)).collect();
        (r, heard)
    }

    #[test]
    fn frames_are_qr_alphanumeric_text_numbered_and_of_one_transfer() {
        let bytes = file(12_000);
        let frames = encode(&bytes);
        assert!(frames.len() > 10, "{} frames", frames.len());
        let alphanumeric =
            |c: char| c.is_ascii_digit() || c.is_ascii_uppercase() || " $%*+-./:".contains(c);
        for (k, f) in frames.iter().enumerate() {
            assert!(f.chars().all(alphanumeric), "{f}");
            let fields: Vec<&str> = f.splitn(6, ':').collect();
            assert_eq!(fields[0], "TS1");
            assert_eq!(fields[1], frames[0].split(':').nth(1).unwrap());
            assert_eq!(
                (fields[2], fields[3]),
                (&*(k + 1).to_string(), &*frames.len().to_string())
            );
            assert!(f.len() <= 30 + FRAME_BYTES.div_ceil(2) * 3, "{}", f.len());
        }
        // The same bytes give the same frames; other bytes another transfer.
        assert_eq!(encode(&bytes), frames);
        assert_ne!(
            encode(&file(11_999))[0].split(':').nth(1),
            frames[0].split(':').nth(1)
        );
    }

    #[test]
    fn frames_in_any_order_with_repeats_give_the_bytes_once() {
        let bytes = file(9_000);
        let frames = encode(&bytes);
        let n = frames.len();
        // The loop started in the middle, turned twice, every third frame missed the first time.
        let mut order: Vec<String> = Vec::new();
        for turn in 0..2 {
            for k in (n / 2..n).chain(0..n / 2) {
                if turn == 1 || k % 3 != 0 {
                    order.push(frames[k].clone());
                }
            }
        }
        let (r, heard) = receive(order);
        let done: Vec<&Vec<u8>> = heard
            .iter()
            .filter_map(|h| match h {
                Heard::Done(b) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(done, vec![&bytes], "received once, whole");
        assert!(heard.iter().any(|h| matches!(h, Heard::Again { .. })));
        assert!(heard.contains(&Heard::New { have: 1, total: n }));
        // The loop still turning after the file is in: said, not received again.
        assert!(heard.contains(&Heard::Said(FrameProblem::AlreadyReceived)));
        assert_eq!(r.progress(), None);
    }

    #[test]
    fn a_phone_shown_again_after_anothers_is_not_received_twice() {
        let (a, b) = (encode(&file(3_000)), encode(&file(2_000)));
        let mut r = Receiver::new();
        let first: Vec<Heard> = a.iter().map(|f| r.hear(f)).collect();
        assert_eq!(first.last(), Some(&Heard::Done(file(3_000))));
        let second: Vec<Heard> = b.iter().map(|f| r.hear(f)).collect();
        assert_eq!(second.last(), Some(&Heard::Done(file(2_000))));
        // The first member's phone comes round the table again.
        for f in &a {
            assert_eq!(r.hear(f), Heard::Said(FrameProblem::AlreadyReceived));
        }
        assert_eq!(r.progress(), None);
    }

    #[test]
    fn a_frame_of_another_file_or_app_or_a_misread_changes_nothing_received() {
        let (a, b) = (encode(&file(3_000)), encode(&file(2_000)));
        let mut r = Receiver::new();
        assert!(matches!(r.hear(&a[0]), Heard::New { have: 1, .. }));
        assert_eq!(
            r.hear(&b[0]),
            Heard::Said(FrameProblem::OtherTransfer {
                have: 1,
                total: a.len()
            })
        );
        assert_eq!(
            r.hear("https://zalo.me/g/abc"),
            Heard::Said(FrameProblem::Foreign)
        );
        assert_eq!(
            r.hear("WIFI:S:Hoi truong;T:WPA;P:123;;"),
            Heard::Said(FrameProblem::Foreign)
        );
        // One character changed in the piece, in the count, a frame cut short: dropped alone.
        let damaged = "TS1:not a frame".to_owned();
        let mut flipped = a[1].clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        for bad in [
            String::from_utf8(flipped).unwrap(),
            a[1].replacen(&format!(":{}:", a.len()), &format!(":{}:", a.len() + 1), 1),
            a[1][..a[1].len() / 2].to_owned(),
            damaged,
        ] {
            let heard = r.hear(&bad);
            assert!(
                matches!(
                    heard,
                    Heard::Said(FrameProblem::Damaged | FrameProblem::Foreign)
                ),
                "{bad}: {heard:?}"
            );
        }
        assert_eq!(r.progress(), Some((1, a.len())), "what was in is still in");
        // "Bỏ tệp đang nhận": the other file is then taken.
        r.drop_partial();
        let heard: Vec<Heard> = b.iter().map(|f| r.hear(f)).collect();
        assert_eq!(heard.last(), Some(&Heard::Done(file(2_000))));
    }

    /// A symbol as a camera would see it on a screen: `scale` pixels a module, with the quiet zone.
    fn read_back(symbol: &Symbol, scale: usize) -> Option<String> {
        let side = (symbol.size + 8) * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale).checked_sub(4), (y / scale).checked_sub(4));
            match (mx, my) {
                (Some(mx), Some(my)) if symbol.dark(mx, my) => 0,
                _ => 255,
            }
        });
        let grids = image.detect_grids();
        grids.first()?.decode().ok().map(|(_, text)| text)
    }

    #[test]
    fn every_frame_draws_as_a_qr_code_a_decoder_reads_back_into_the_file() {
        let bytes = file(6_000);
        let frames = encode(&bytes);
        let mut r = Receiver::new();
        let mut got = None;
        for f in &frames {
            let symbol = Symbol::of(f).expect("fits a QR code");
            // A full frame is a code of 69–73 modules: about 5 px a module on a 360 px screen.
            assert!(
                (13..=14).contains(&symbol.version) || f == frames.last().unwrap(),
                "version {}",
                symbol.version
            );
            let text = read_back(&symbol, 3).expect("read back");
            assert_eq!(&text, f);
            if let Heard::Done(b) = r.hear(&text) {
                got = Some(b);
            }
        }
        assert_eq!(got, Some(bytes));
        // The path covers exactly the dark modules.
        let symbol = Symbol::of(&frames[0]).unwrap();
        let dark = (0..symbol.size * symbol.size)
            .filter(|k| symbol.dark(k % symbol.size, k / symbol.size))
            .count();
        let covered: usize = symbol
            .svg_path()
            .split('h')
            .skip(1)
            .step_by(2)
            .map(|run| run.split('v').next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(covered, dark);
    }

    #[test]
    fn thirty_files_in_a_row_are_received_by_one_receiver() {
        let mut r = Receiver::new();
        for member in 0..30 {
            let bytes = file(4_000 + member * 37);
            let mut got = None;
            for f in encode(&bytes).iter().rev() {
                if let Heard::Done(b) = r.hear(f) {
                    got = Some(b);
                }
            }
            assert_eq!(got, Some(bytes), "member {member}");
        }
    }

    #[test]
    fn a_whole_that_does_not_check_or_inflates_too_far_is_dropped() {
        // Frames well formed one by one, but of a transfer whose hash is not its pieces'.
        let frames = encode(&file(1_000));
        let forged: Vec<String> = frames
            .iter()
            .map(|f| {
                let fields: Vec<&str> = f.splitn(6, ':').collect();
                let transfer = "00000000";
                let (n, of) = (fields[2].parse().unwrap(), fields[3].parse().unwrap());
                format!(
                    "TS1:{transfer}:{n}:{of}:{:08X}:{}",
                    frame_check(transfer, n, of, fields[5]),
                    fields[5]
                )
            })
            .collect();
        let (r, heard) = receive(forged.clone());
        assert_eq!(
            heard.last(),
            Some(&Heard::Said(FrameProblem::Broken {
                total: forged.len()
            }))
        );
        assert_eq!(r.progress(), None, "nothing kept half");
        // A bomb: 5 MB of zeros deflate to a few kilobytes.
        let (_, heard) = receive(encode(&vec![b'0'; MAX_BYTES + 1]));
        assert_eq!(heard.last(), Some(&Heard::Said(FrameProblem::TooLarge)));
        // Every message says what to do, in Vietnamese.
        for p in [
            FrameProblem::OtherTransfer { have: 3, total: 12 },
            FrameProblem::Broken { total: 12 },
            FrameProblem::TooLarge,
        ] {
            assert!(!p.message().contains('{'), "{}", p.message());
        }
        assert!(FrameProblem::OtherTransfer { have: 3, total: 12 }
            .message()
            .contains("3/12"));
    }
}
