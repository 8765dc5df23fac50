//! One roll-up ("kỳ tổng hợp") as the secretary keeps it: the period, the roster as typed and as
//! read, every file received with what became of it, and the documents filed. It is stored on its
//! own (never among the secretary's own drafts), saved with a compare-and-set on its revision like
//! a draft, and exported only through the roll-up file and the CSV.

use serde::{Deserialize, Serialize};

use crate::chibo::arrival::{arrivals, sort, Arrival};
use crate::chibo::counts::{DEFAULT_QUOTA_CAP, QUOTA_CAPS};
use crate::chibo::intake::{FileResult, Inbox, Period};
use crate::chibo::messages::{ct, ChiBoMsg};
use crate::chibo::roster::{parse_roster, Member, RosterProblem};
use crate::chibo::stages::MemberStages;
use crate::workflow::store::{Version, Versioned};

/// A roll-up of one chi bộ for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: String,
    pub period: Period,
    /// The roster as the secretary typed or pasted it.
    #[serde(default)]
    pub roster_text: String,
    /// The roster as read from it.
    #[serde(default)]
    pub roster: Vec<Member>,
    #[serde(default)]
    pub inbox: Inbox,
    /// What became of each file, in the order received.
    #[serde(default)]
    pub files: Vec<FileLog>,
    /// What the secretary entered after the members' own proposals, by roster member: reviews
    /// from paper, the vote, the chi bộ's proposal, the decision, a re-rating (`chibo::stages`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<MemberStages>,
    /// The quota's cap in percent ([`QUOTA_CAPS`]): chosen on the page, read by every output
    /// (the page, the A4 summary and its Word file).
    #[serde(default = "default_quota_cap")]
    pub quota_cap: u64,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub revision: u64,
}

fn default_quota_cap() -> u64 {
    DEFAULT_QUOTA_CAP
}

/// A roll-up is saved as a draft is: a compare-and-set on its version, through the same stores'
/// half (`workflow::store::Records`) and held to the same contract.
impl Versioned for Workspace {
    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> Version {
        Version {
            revision: self.revision,
            updated_at: self.updated_at.clone(),
        }
    }

    fn conflict_message() -> String {
        ct(ChiBoMsg::WorkspaceNewerElsewhere).to_owned()
    }
}

/// A file received and its result, as the workspace lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileLog {
    pub file_name: String,
    pub received_at: String,
    pub refused: bool,
    pub lines: Vec<String>,
    /// How many of `lines` (the first ones) only say what was accepted.
    #[serde(default)]
    pub accepted: usize,
}

impl FileLog {
    /// A file that was not read at all (too large, unreadable), said as a refused file is.
    pub fn refused(file_name: &str, received_at: &str, reason: &str) -> FileLog {
        FileLog {
            file_name: file_name.to_owned(),
            received_at: received_at.to_owned(),
            refused: true,
            lines: vec![crate::chibo::messages::ctf(
                crate::chibo::messages::ChiBoMsg::FileRefused,
                &[("file", file_name), ("reason", reason)],
            )],
            accepted: 0,
        }
    }

    /// Whether the file needs the secretary's eye: refused, or something set aside or noted.
    pub fn needs_attention(&self) -> bool {
        self.refused || self.lines.len() > self.accepted
    }
}

impl From<FileResult> for FileLog {
    fn from(r: FileResult) -> FileLog {
        FileLog {
            file_name: r.file_name,
            received_at: String::new(),
            refused: r.refused.is_some(),
            lines: r.lines,
            accepted: r.accepted,
        }
    }
}

/// What a list of roll-ups shows, without the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: String,
    pub period: Period,
    pub documents: usize,
    pub updated_at: String,
    #[serde(default)]
    pub revision: u64,
    #[serde(default)]
    pub deleted_at: Option<String>,
}

/// A batch of received files once sorted: the members' files to receive, and the sealed files to
/// open first (with the passphrase typed for the batch).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sorted {
    pub members: Vec<(String, Vec<u8>)>,
    pub sealed: Vec<(String, Vec<u8>)>,
}

impl Workspace {
    pub fn new(id: String, period: Period, now: &str) -> Workspace {
        Workspace {
            id,
            period,
            roster_text: String::new(),
            roster: Vec::new(),
            inbox: Inbox::default(),
            files: Vec::new(),
            stages: Vec::new(),
            quota_cap: DEFAULT_QUOTA_CAP,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            revision: 0,
        }
    }

    /// Sets the quota's cap; a cap not among [`QUOTA_CAPS`] changes nothing and gives `false`.
    pub fn set_quota_cap(&mut self, cap: u64) -> bool {
        let allowed = QUOTA_CAPS.contains(&cap);
        if allowed {
            self.quota_cap = cap;
        }
        allowed
    }

    /// The table's rows: the roster's members with their documents and stages, then the persons
    /// no member is (`table::rows_with`). Every view and output of the workspace reads these.
    pub fn rows(&self) -> Vec<crate::chibo::table::Row<'_>> {
        crate::chibo::table::rows_with(&self.roster, &self.inbox, &self.stages)
    }

    /// Reads the roster from its text; returns the lines that could not be used.
    pub fn set_roster(&mut self, text: &str) -> Vec<RosterProblem> {
        let (members, problems) = parse_roster(text);
        self.roster_text = text.to_owned();
        self.roster = members;
        problems
    }

    /// The files as read, sorted (`chibo::arrival`): each ZIP archive among them replaced by the
    /// files it holds, an archive or a file in it that cannot be read and a chi bộ's roll-up file
    /// (which is merged, not received) logged as refused at `now`. Returns the members' files to
    /// receive and the sealed files to open first.
    pub fn sort_received(&mut self, read: Vec<(String, Vec<u8>)>, now: &str) -> Sorted {
        let mut sorted = Sorted::default();
        for (name, bytes) in read {
            for (name, arrival) in arrivals(&name, bytes) {
                self.sort_one(name, arrival, now, &mut sorted);
            }
        }
        sorted
    }

    /// The sealed files of a batch, opened (or why not), sorted as [`Workspace::sort_received`]
    /// sorts the others; a sealed file inside a sealed one is refused.
    pub fn sort_opened(
        &mut self,
        opened: Vec<(String, Result<Vec<u8>, String>)>,
        now: &str,
    ) -> Sorted {
        let mut sorted = Sorted::default();
        for (name, opened) in opened {
            let arrival = match opened.map(sort) {
                Ok(Arrival::Sealed(_)) => {
                    Arrival::Refused(ct(ChiBoMsg::WsSealedInSealed).to_owned())
                }
                Ok(arrival) => arrival,
                Err(why) => Arrival::Refused(why),
            };
            self.sort_one(name, arrival, now, &mut sorted);
        }
        sorted
    }

    fn sort_one(&mut self, name: String, arrival: Arrival, now: &str, sorted: &mut Sorted) {
        match arrival {
            Arrival::Member(bytes) => sorted.members.push((name, bytes)),
            Arrival::Sealed(bytes) => sorted.sealed.push((name, bytes)),
            Arrival::Rollup(_) => self.files.push(FileLog::refused(
                &name,
                now,
                ct(ChiBoMsg::WsRollupNotMember),
            )),
            Arrival::Refused(why) => self.files.push(FileLog::refused(&name, now, &why)),
        }
    }

    /// Receives many files at `now`, as one batch.
    pub fn receive_many<'f>(
        &mut self,
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
        now: &str,
    ) {
        let results = self
            .inbox
            .receive_many(&self.period, &self.roster, files, now);
        for result in results {
            let mut log = FileLog::from(result);
            log.received_at = now.to_owned();
            self.files.push(log);
        }
    }

    /// Marks the workspace as saved at `now`: a new revision.
    pub fn touch(&mut self, now: &str) {
        self.updated_at = now.to_owned();
        self.revision += 1;
    }

    pub fn summary(&self) -> WorkspaceSummary {
        WorkspaceSummary {
            id: self.id.clone(),
            period: self.period.clone(),
            documents: self.inbox.documents.len(),
            updated_at: self.updated_at.clone(),
            revision: self.revision,
            deleted_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::store::{ready, MemoryRecords};

    fn sample(id: &str) -> Workspace {
        let period = Period {
            dang_bo: "Đảng bộ phường Bến Nghé".into(),
            chi_bo: "Chi bộ khu phố 3".into(),
            year: 2026,
        };
        Workspace::new(id.into(), period, "2026-12-01T00:00:00.000Z")
    }

    fn edited(w: &Workspace, at: &str) -> Workspace {
        let mut w = w.clone();
        w.set_roster(&format!(
            "Nguyễn Văn An,02/09/1980\nSửa lúc {at},01/01/1990"
        ));
        w.touch(at);
        w
    }

    #[test]
    fn roll_ups_in_memory_pass_the_records_contract_with_a_typed_conflict() {
        ready(crate::workflow::contract::records(
            || async { MemoryRecords::<Workspace>::default() },
            sample,
            edited,
        ));
    }
}
