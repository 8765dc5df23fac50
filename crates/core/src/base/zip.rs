//! ZIP archives: writing one of stored (uncompressed) entries, enough for an Office Open XML file,
//! and reading the archives people make of the files they received (Windows' "compressed folder",
//! Gmail's "download all", macOS, 7-Zip, Info-ZIP).
//!
//! Writing: Word, LibreOffice and every unzip tool read stored entries; compressing would need a
//! deflate encoder (the `zip` crate costs at least 52 kB brotli and pulls `wasm-bindgen` in:
//! docs/size.md, "Measured and left out"), and the site's server compresses the download anyway.
//!
//! Reading ([`read`]): stored and deflated entries (the two methods those tools write), the
//! central directory trusted for names and sizes, every entry's CRC-32 checked. An archive is
//! untrusted input: nothing is inflated beyond the size its directory declares, and the declared
//! sizes are held to [`Limits`] before anything is inflated, so a "zip bomb" is refused unread.

/// CRC-32 (IEEE 802.3, reflected, as ZIP uses), from a table built at compile time.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// An archive being written: entries in order, then [`Zip::finish`] for the central directory.
#[derive(Debug, Default)]
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

/// 1 January 2026, 00:00, in MS-DOS form: a fixed time, so the same document gives the same file.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;

impl Zip {
    pub fn new() -> Zip {
        Zip::default()
    }

    /// Adds a file. Names are ASCII paths such as `word/document.xml`.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        // Office files are far below the 4 GB of ZIP without its 64-bit extension.
        let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            v.extend_from_slice(&DOS_TIME.to_le_bytes());
            v.extend_from_slice(&DOS_DATE.to_le_bytes());
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes()); // compressed
            v.extend_from_slice(&size.to_le_bytes()); // uncompressed
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0, MS-DOS
        common(&mut self.central);
        self.central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        self.central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        self.central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.count += 1;
    }

    /// The archive's bytes, with its central directory and end record.
    pub fn finish(mut self) -> Vec<u8> {
        let offset = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // this disk
        self.out.extend_from_slice(&0u16.to_le_bytes()); // disk of the directory
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        self.out
    }
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;

/// Whether bytes are a ZIP archive: a first entry's header, or the end record of an empty archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(&LOCAL.to_le_bytes()) || bytes.starts_with(&END.to_le_bytes())
}

/// How much an archive may hold once inflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most one entry may hold.
    pub entry_bytes: u64,
    /// The most all the entries read may hold together.
    pub total_bytes: u64,
}

/// Why an archive cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// No end record, or a directory that points outside the archive: cut short or not a ZIP.
    Damaged,
    /// The 64-bit extension (over 65.535 entries or 4 GB), which this reader does not follow.
    Zip64,
    /// The entries would hold more than [`Limits::total_bytes`] once inflated.
    TooLarge { bytes: u64 },
}

/// Why one entry of a readable archive cannot be read; the others still are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    /// Encrypted with the archive's own password (ZipCrypto or AES).
    Encrypted,
    /// Compressed by a method other than stored (0) or deflate (8).
    Method(u16),
    /// Holds more than [`Limits::entry_bytes`].
    TooLarge { bytes: u64 },
    /// Its data does not inflate to its declared size, or fails its CRC-32.
    Damaged,
}

/// One file of an archive, by its path inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub data: Result<Vec<u8>, EntryError>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What the operating system adds to an archive or a folder beside the files: macOS's `__MACOSX/`
/// forks and `.DS_Store`, Windows' `Thumbs.db` and `desktop.ini`, and folders themselves. Not a
/// member's file. `name` is a `/`-separated path.
pub fn is_system_clutter(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.ends_with('/')
        || name.starts_with("__MACOSX/")
        || base.starts_with("._")
        || [".DS_Store", "Thumbs.db", "desktop.ini"].contains(&base)
}

/// An entry's name: UTF-8 when flagged so or valid as such; otherwise Info-ZIP's Unicode path
/// field when present; otherwise the bytes read as Latin-1 (the name is only shown, never used
/// as a path).
fn entry_name(raw: &[u8], flags: u16, extra: &[u8]) -> String {
    if flags & 0x0800 != 0 || std::str::from_utf8(raw).is_ok() {
        return String::from_utf8_lossy(raw).into_owned();
    }
    let mut at = 0;
    while let (Some(id), Some(len)) = (u16_at(extra, at), u16_at(extra, at + 2)) {
        let field = extra.get(at + 4..at + 4 + usize::from(len)).unwrap_or(&[]);
        if id == 0x7075 && field.len() > 5 && field[0] == 1 {
            if let Ok(name) = std::str::from_utf8(&field[5..]) {
                return name.to_owned();
            }
        }
        at += 4 + usize::from(len);
    }
    raw.iter().map(|&b| char::from(b)).collect()
}

/// The files of an archive, in the order of its directory, without the system's clutter. Never
/// panics, whatever the bytes.
pub fn read(bytes: &[u8], limits: Limits) -> Result<Vec<Entry>, ArchiveError> {
    // The end record is the last 22 bytes, or sits before a comment of at most 65.535 bytes.
    let lowest = bytes.len().saturating_sub(22 + usize::from(u16::MAX));
    let end = (lowest..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(END))
        .ok_or(ArchiveError::Damaged)?;
    let count = u16_at(bytes, end + 10).ok_or(ArchiveError::Damaged)?;
    let directory = u32_at(bytes, end + 16).ok_or(ArchiveError::Damaged)?;
    if count == u16::MAX || directory == u32::MAX {
        return Err(ArchiveError::Zip64);
    }
    // First the directory, sizes checked against the limits; then the data.
    struct Listed {
        name: String,
        flags: u16,
        method: u16,
        crc: u32,
        packed: u32,
        size: u32,
        local: u32,
    }
    let mut listed = Vec::with_capacity(usize::from(count));
    let mut at = directory as usize;
    for _ in 0..count {
        if u32_at(bytes, at) != Some(CENTRAL) {
            return Err(ArchiveError::Damaged);
        }
        let field = |offset: usize| u16_at(bytes, at + offset).ok_or(ArchiveError::Damaged);
        let word = |offset: usize| u32_at(bytes, at + offset).ok_or(ArchiveError::Damaged);
        let (name_len, extra_len, comment_len) = (
            usize::from(field(28)?),
            usize::from(field(30)?),
            usize::from(field(32)?),
        );
        let raw = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or(ArchiveError::Damaged)?;
        let extra = bytes
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or(ArchiveError::Damaged)?;
        let flags = field(8)?;
        let entry = Listed {
            name: entry_name(raw, flags, extra),
            flags,
            method: field(10)?,
            crc: word(16)?,
            packed: word(20)?,
            size: word(24)?,
            local: word(42)?,
        };
        if [entry.packed, entry.size, entry.local].contains(&u32::MAX) {
            return Err(ArchiveError::Zip64);
        }
        at += 46 + name_len + extra_len + comment_len;
        if !is_system_clutter(&entry.name) {
            listed.push(entry);
        }
    }
    let total: u64 = listed
        .iter()
        .filter(|e| u64::from(e.size) <= limits.entry_bytes)
        .map(|e| u64::from(e.size))
        .sum();
    if total > limits.total_bytes {
        return Err(ArchiveError::TooLarge { bytes: total });
    }
    Ok(listed
        .into_iter()
        .map(|e| {
            let data = if e.flags & 1 != 0 {
                Err(EntryError::Encrypted)
            } else if e.method != 0 && e.method != 8 {
                Err(EntryError::Method(e.method))
            } else if u64::from(e.size) > limits.entry_bytes {
                Err(EntryError::TooLarge {
                    bytes: u64::from(e.size),
                })
            } else {
                entry_data(bytes, e.local as usize, e.method, e.packed, e.size)
                    .filter(|data| crc32(data) == e.crc)
                    .ok_or(EntryError::Damaged)
            };
            Entry { name: e.name, data }
        })
        .collect())
}

/// An entry's bytes, found through its local header and inflated to exactly its declared size.
fn entry_data(bytes: &[u8], local: usize, method: u16, packed: u32, size: u32) -> Option<Vec<u8>> {
    if u32_at(bytes, local)? != LOCAL {
        return None;
    }
    let start = local
        + 30
        + usize::from(u16_at(bytes, local + 26)?)
        + usize::from(u16_at(bytes, local + 28)?);
    let packed = bytes.get(start..start.checked_add(packed as usize)?)?;
    let data = if method == 0 {
        packed.to_vec()
    } else {
        miniz_oxide::inflate::decompress_to_vec_with_limit(packed, size as usize).ok()?
    };
    (data.len() == size as usize).then_some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(b: &[u8], at: usize) -> u16 {
        super::u16_at(b, at).unwrap()
    }
    fn u32_at(b: &[u8], at: usize) -> u32 {
        super::u32_at(b, at).unwrap()
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn an_archive_lists_its_entries_where_the_end_record_says() {
        let mut zip = Zip::new();
        zip.add("[Content_Types].xml", b"<Types/>");
        zip.add("word/document.xml", "Tiếng Việt".as_bytes());
        let bytes = zip.finish();
        let end = bytes.len() - 22;
        assert_eq!(u32_at(&bytes, end), 0x0605_4b50);
        assert_eq!(u16_at(&bytes, end + 10), 2, "two entries");
        let directory = u32_at(&bytes, end + 16) as usize;
        assert_eq!(u32_at(&bytes, directory), 0x0201_4b50);
        // The second entry's local header, found through the directory, holds its data intact.
        let second = directory + 46 + "[Content_Types].xml".len();
        let local = u32_at(&bytes, second + 42) as usize;
        assert_eq!(u32_at(&bytes, local), 0x0403_4b50);
        let name_len = u16_at(&bytes, local + 26) as usize;
        let size = u32_at(&bytes, local + 18) as usize;
        let data = &bytes[local + 30 + name_len..local + 30 + name_len + size];
        assert_eq!(data, "Tiếng Việt".as_bytes());
        assert_eq!(u32_at(&bytes, local + 14), crc32(data));
    }

    const ROOMY: Limits = Limits {
        entry_bytes: 1 << 20,
        total_bytes: 1 << 22,
    };

    fn two_entries() -> Vec<u8> {
        let mut zip = Zip::new();
        zip.add("a.json", b"{\"format\":\"tusoi-export\"}");
        zip.add("thu-muc/b.txt", "Tiếng Việt".as_bytes());
        zip.finish()
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads_back() {
        let entries = read(&two_entries(), ROOMY).unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.json", "thu-muc/b.txt"]);
        assert_eq!(entries[1].data.as_deref(), Ok("Tiếng Việt".as_bytes()));
        assert!(is_zip(&two_entries()));
        assert!(!is_zip(b"{\"format\":\"tusoi-export\"}"));
    }

    #[test]
    fn an_archive_cut_short_anywhere_is_damaged_or_loses_only_its_broken_entries() {
        let whole = two_entries();
        for cut in 0..whole.len() {
            match read(&whole[..cut], ROOMY) {
                Err(ArchiveError::Damaged) => {}
                Ok(entries) => assert!(
                    entries
                        .iter()
                        .all(|e| e.data.is_err() || e.data.as_ref().is_ok_and(|d| !d.is_empty())),
                    "cut at {cut}"
                ),
                Err(other) => panic!("cut at {cut}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_changed_byte_of_an_entry_fails_its_crc_and_spares_the_other() {
        let mut bytes = two_entries();
        // The first entry's data starts after its 30-byte header and its name.
        bytes[30 + "a.json".len()] ^= 0x20;
        let entries = read(&bytes, ROOMY).unwrap();
        assert_eq!(entries[0].data, Err(EntryError::Damaged));
        assert!(entries[1].data.is_ok());
    }

    /// Sets a 16-bit field of the first central directory entry.
    fn set_central(bytes: &mut [u8], offset: usize, value: &[u8]) {
        let end = bytes.len() - 22;
        let directory = u32_at(bytes, end + 16) as usize;
        bytes[directory + offset..directory + offset + value.len()].copy_from_slice(value);
    }

    #[test]
    fn an_encrypted_or_unknown_method_entry_is_named_and_the_other_still_read() {
        let mut bytes = two_entries();
        set_central(&mut bytes, 8, &1u16.to_le_bytes());
        let entries = read(&bytes, ROOMY).unwrap();
        assert_eq!(entries[0].data, Err(EntryError::Encrypted));
        assert!(entries[1].data.is_ok());
        let mut bytes = two_entries();
        set_central(&mut bytes, 10, &14u16.to_le_bytes());
        assert_eq!(
            read(&bytes, ROOMY).unwrap()[0].data,
            Err(EntryError::Method(14))
        );
    }

    #[test]
    fn declared_sizes_over_the_limits_are_refused_before_anything_is_inflated() {
        // A "zip bomb" declares what it will inflate to; the directory is believed, and the data
        // never inflated beyond it.
        let mut bytes = two_entries();
        set_central(&mut bytes, 24, &(2u32 << 20).to_le_bytes());
        let entries = read(&bytes, ROOMY).unwrap();
        assert_eq!(
            entries[0].data,
            Err(EntryError::TooLarge { bytes: 2 << 20 })
        );
        let tight = Limits {
            entry_bytes: 1 << 20,
            total_bytes: 30,
        };
        assert_eq!(
            read(&two_entries(), tight),
            Err(ArchiveError::TooLarge {
                bytes: (b"{\"format\":\"tusoi-export\"}".len() + "Tiếng Việt".len()) as u64
            })
        );
    }

    #[test]
    fn a_size_declared_smaller_than_the_data_inflates_no_further_and_is_damaged() {
        let mut bytes = two_entries();
        set_central(&mut bytes, 24, &3u32.to_le_bytes());
        assert_eq!(
            read(&bytes, ROOMY).unwrap()[0].data,
            Err(EntryError::Damaged)
        );
    }

    #[test]
    fn the_64_bit_extension_is_refused_as_such() {
        let mut bytes = two_entries();
        let end = bytes.len() - 22;
        bytes[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(read(&bytes, ROOMY), Err(ArchiveError::Zip64));
    }

    #[test]
    fn folders_and_the_systems_clutter_are_not_files_to_receive() {
        let mut zip = Zip::new();
        for name in [
            "thu-muc/",
            "__MACOSX/._a.json",
            "thu-muc/.DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "thu-muc/a.json",
        ] {
            zip.add(name, b"x");
        }
        let entries = read(&zip.finish(), ROOMY).unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["thu-muc/a.json"]);
    }

    #[test]
    fn a_name_not_in_utf8_is_shown_from_the_unicode_path_field_or_byte_by_byte() {
        assert_eq!(entry_name(b"caf\xe9.json", 0, &[]), "café.json");
        let mut extra = vec![0x75, 0x70];
        let utf8 = "Hòa.json".as_bytes();
        extra.extend_from_slice(&(5 + utf8.len() as u16).to_le_bytes());
        extra.push(1);
        extra.extend_from_slice(&crc32(b"H\xf2a.json").to_le_bytes());
        extra.extend_from_slice(utf8);
        assert_eq!(entry_name(b"H\xf2a.json", 0, &extra), "Hòa.json");
    }

    #[test]
    fn random_bytes_after_a_zip_signature_never_panic() {
        let mut state = 0x2026_1203u32;
        for len in [0, 4, 22, 50, 300] {
            for _ in 0..200 {
                let mut bytes = LOCAL.to_le_bytes().to_vec();
                for _ in 0..len {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    bytes.push(state as u8);
                }
                bytes.extend_from_slice(&END.to_le_bytes());
                bytes.extend_from_slice(&[0xff; 18]);
                let _ = read(&bytes, ROOMY);
            }
        }
        assert!(read(&[], ROOMY).is_err());
    }
}
