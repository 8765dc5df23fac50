//! What a received file is, once unpacked: a member's file, a sealed file to open first, a chi
//! bộ's roll-up, or a file that cannot be read. The one step the workspace
//! (`workspace::Workspace::sort_received`) and the command line (`tusoi-cli rollup`) take for every
//! file they receive, before the inbox reads the members' files: a ZIP archive stands for the files
//! it holds (`archive`), a sealed file is told by its format field and opened by the caller
//! (WebCrypto on the page, RustCrypto natively), then sorted again, and a roll-up is told by its
//! format field, whatever its name or size.

use crate::chibo::archive;
use crate::chibo::rollup::looks_like_rollup;
use crate::workflow::sealed::is_sealed;

/// A received file, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// A member's file, or anything else that is not one of the kinds below: for the import to
    /// read or to refuse with its own reason.
    Member(Vec<u8>),
    /// A sealed file ("Xuất có mật khẩu"): to open with the passphrase, then to [`sort`] again.
    Sealed(Vec<u8>),
    /// A roll-up file of a chi bộ (`tusoi-rollup`).
    Rollup(Vec<u8>),
    /// A damaged archive, or an entry of one that cannot be read, with why.
    Refused(String),
}

/// The files a received file stands for (itself, or a ZIP archive's entries without the system's
/// clutter), each under the name the file list shows and sorted.
pub fn arrivals(file_name: &str, bytes: Vec<u8>) -> Vec<(String, Arrival)> {
    archive::unpack(file_name, bytes)
        .into_iter()
        .map(|(name, read)| {
            let arrival = match read {
                Ok(bytes) => sort(bytes),
                Err(why) => Arrival::Refused(why),
            };
            (name, arrival)
        })
        .collect()
}

/// What one file's bytes are (an archive's entry, or a sealed file once opened).
pub fn sort(bytes: Vec<u8>) -> Arrival {
    if is_sealed(&bytes) {
        Arrival::Sealed(bytes)
    } else if looks_like_rollup(&bytes) {
        Arrival::Rollup(bytes)
    } else {
        Arrival::Member(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::zip::Zip;

    #[test]
    fn an_archive_s_entries_are_each_sorted_and_a_plain_file_stands_for_itself() {
        let member = br#"{"format":"tusoi-export","documents":[]}"#.to_vec();
        let sealed = br#"{"format":"tusoi-sealed","v":1}"#.to_vec();
        let rollup = br#"{"format":"tusoi-rollup","schema_version":1}"#.to_vec();
        let mut zip = Zip::default();
        zip.add("an.json", &member);
        zip.add("binh.tusoi", &sealed);
        zip.add("chi-bo-2.json", &rollup);
        zip.add("__MACOSX/._an.json", b"clutter");
        let sorted = arrivals("nop.zip", zip.finish());
        let inside = |n: &str| format!("nop.zip{}{n}", archive::INSIDE);
        assert_eq!(
            sorted,
            [
                (inside("an.json"), Arrival::Member(member.clone())),
                (inside("binh.tusoi"), Arrival::Sealed(sealed.clone())),
                (inside("chi-bo-2.json"), Arrival::Rollup(rollup)),
            ]
        );
        assert_eq!(
            arrivals("an.json", member.clone()),
            [("an.json".to_owned(), Arrival::Member(member))]
        );
        assert!(matches!(
            &arrivals("hong.zip", b"PK\x03\x04 broken".to_vec())[..],
            [(name, Arrival::Refused(why))] if name == "hong.zip" && !why.is_empty()
        ));
    }
}
