//! A ZIP archive received in place of members' files: Gmail's "download all", a folder a phone or
//! Windows compressed, a đảng bộ's collection of its chi bộ's files. It stands for the files it
//! holds, each named `archive.zip › path` and received as if picked on its own; what cannot be
//! read (the archive, or one file in it) is refused with what to do, and the rest still counts.
//!
//! Reading one archive is also the fast way in for thousands of files: a browser reads a picked
//! file in one call, where 10.000 loose files cost 10.000 calls to its file system
//! (docs/performance.md).

use crate::base::zip::{self, ArchiveError, EntryError, Limits};
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::workflow::export::{ImportError, MAX_IMPORT_BYTES};

/// The most an archive may hold once inflated: a đảng bộ's 10.000 files are about 20–200 MB. A
/// larger collection goes in several archives, or to `tusoi-cli` (docs/analysis.md).
pub const MAX_ARCHIVE_BYTES: u64 = 512 * 1024 * 1024;

/// Between an archive's name and the path of a file in it, as the file list shows them.
pub const INSIDE: &str = " › ";

/// A file to receive: its name and its bytes, or why it cannot be read.
pub type Unpacked = (String, Result<Vec<u8>, String>);

/// The files a received file stands for: itself when it is not a ZIP archive; the files inside
/// when it is (by its bytes, whatever its name); or the archive refused with the reason.
pub fn unpack(file_name: &str, bytes: Vec<u8>) -> Vec<Unpacked> {
    if !zip::is_zip(&bytes) {
        return vec![(file_name.to_owned(), Ok(bytes))];
    }
    let limits = Limits {
        entry_bytes: MAX_IMPORT_BYTES,
        total_bytes: MAX_ARCHIVE_BYTES,
    };
    let entries = match zip::read(&bytes, limits) {
        Ok(entries) if entries.is_empty() => {
            return vec![(
                file_name.to_owned(),
                Err(ct(ChiBoMsg::ArchiveEmpty).to_owned()),
            )]
        }
        Ok(entries) => entries,
        Err(e) => return vec![(file_name.to_owned(), Err(archive_error(&e)))],
    };
    drop(bytes);
    entries
        .into_iter()
        .map(|entry| {
            let name = format!("{file_name}{INSIDE}{}", entry.name);
            let data = match entry.data {
                Ok(data) if zip::is_zip(&data) => Err(ct(ChiBoMsg::ArchiveNested).to_owned()),
                Ok(data) => Ok(data),
                Err(e) => Err(entry_error(&e)),
            };
            (name, data)
        })
        .collect()
}

fn mb(bytes: u64) -> String {
    crate::base::number::format_fixed(bytes as f64 / 1_048_576.0, 1)
}

fn archive_error(e: &ArchiveError) -> String {
    match e {
        ArchiveError::Damaged => ct(ChiBoMsg::ArchiveDamaged).to_owned(),
        ArchiveError::Zip64 => ct(ChiBoMsg::ArchiveZip64).to_owned(),
        ArchiveError::TooLarge { bytes } => ctf(
            ChiBoMsg::ArchiveTooLarge,
            &[
                ("size", &mb(*bytes)),
                ("max", &(MAX_ARCHIVE_BYTES / 1_048_576).to_string()),
            ],
        ),
    }
}

fn entry_error(e: &EntryError) -> String {
    match e {
        EntryError::Encrypted => ct(ChiBoMsg::ArchiveEntryEncrypted).to_owned(),
        EntryError::Method(method) => ctf(
            ChiBoMsg::ArchiveEntryMethod,
            &[("method", &method.to_string())],
        ),
        EntryError::TooLarge { bytes } => ImportError::TooLarge { bytes: *bytes }.message(),
        EntryError::Damaged => ct(ChiBoMsg::ArchiveEntryDamaged).to_owned(),
    }
}
