//! The chi bộ's list of members: who they are (full name and birth date, the only identity a
//! member's file carries), their group "có vị trí, vai trò, chức năng, nhiệm vụ tương đồng" for
//! the quota, and the statuses that take a member out of the review (QĐ 366 Điều 5: exempt from
//! party work and activity, suspended, admitted less than six months ago; `docs/domain.md`).
//!
//! Documents have no member id, so a member is matched by [`MemberKey`]: the name folded as the
//! linter folds text (case, composed letters, spaces) and the birth date. Two members with one
//! name are told apart by their birth dates; a file without a birth date is matched by name only
//! when the name is unique in the roster.

use serde::{Deserialize, Serialize};

use crate::base::text::words;
use crate::base::time::parse_date;
use crate::chibo::messages::{ct, ctf, ChiBoMsg};

/// The group of members of comparable position, among whom the quota is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Giữ chức vụ lãnh đạo, quản lý (Mẫu 2A).
    Leader,
    /// Không giữ chức vụ lãnh đạo, quản lý (Mẫu 2B).
    Member,
    /// Không làm việc trong hệ thống chính trị (Mẫu 2C).
    Outside,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Leader, Group::Member, Group::Outside];

    pub fn label(self) -> &'static str {
        ct(match self {
            Group::Leader => ChiBoMsg::GroupLeader,
            Group::Member => ChiBoMsg::GroupMember,
            Group::Outside => ChiBoMsg::GroupOutside,
        })
    }

    /// The group a typed word names: `lãnh đạo quản lý`, `không giữ chức vụ`, `ngoài hệ thống…`
    /// (any case, with or without diacritics), or the form's letter `2A`, `2B`, `2C`.
    pub fn parse(text: &str) -> Option<Group> {
        let folded = fold_ascii_lower(text);
        let has = |w: &str| folded.contains(w);
        if folded.is_empty() {
            None
        } else if has("ngoai") || folded.ends_with("2c") {
            Some(Group::Outside)
        } else if has("khong") || folded.ends_with("2b") {
            Some(Group::Member)
        } else if has("lanh dao") || has("quan ly") || folded.ends_with("2a") {
            Some(Group::Leader)
        } else {
            None
        }
    }

    /// The group of the form a document follows, from its template's audience.
    pub fn of_template(template: &crate::forms::template::Template) -> Option<Group> {
        use crate::forms::template::Audience;
        match template.audience {
            Audience::Leader => Some(Group::Leader),
            Audience::Member => Some(Group::Member),
            Audience::Outside => Some(Group::Outside),
            Audience::Collective => None,
        }
    }
}

/// Why a member is not reviewed this year (QĐ 366 Điều 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exemption {
    /// Được miễn công tác và sinh hoạt đảng.
    WorkAndActivity,
    /// Bị đình chỉ sinh hoạt đảng.
    Suspended,
    /// Mới kết nạp chưa đủ 6 tháng.
    NewMember,
}

impl Exemption {
    pub const ALL: [Exemption; 3] = [
        Exemption::WorkAndActivity,
        Exemption::Suspended,
        Exemption::NewMember,
    ];

    pub fn label(self) -> &'static str {
        ct(match self {
            Exemption::WorkAndActivity => ChiBoMsg::ExemptWork,
            Exemption::Suspended => ChiBoMsg::ExemptSuspended,
            Exemption::NewMember => ChiBoMsg::ExemptNewMember,
        })
    }

    fn parse(text: &str) -> Option<Exemption> {
        let folded = fold_ascii_lower(text);
        if folded.contains("mien") {
            Some(Exemption::WorkAndActivity)
        } else if folded.contains("dinh chi") {
            Some(Exemption::Suspended)
        } else if folded.contains("6 thang") || folded.contains("ket nap") {
            Some(Exemption::NewMember)
        } else {
            None
        }
    }
}

/// How a member is found among the files: folded name and birth date (`YYYY-MM-DD` or empty).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MemberKey {
    pub name: String,
    pub birth_date: String,
}

impl MemberKey {
    pub fn new(full_name: &str, birth_date: &str) -> MemberKey {
        MemberKey {
            name: words(full_name).join(" "),
            birth_date: birth_date.trim().to_owned(),
        }
    }
}

/// A member of the chi bộ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The name as the roster writes it.
    pub full_name: String,
    /// `YYYY-MM-DD`, or empty when not given.
    #[serde(default)]
    pub birth_date: String,
    /// `None` when the roster does not say; the member's form then tells.
    #[serde(default)]
    pub group: Option<Group>,
    #[serde(default)]
    pub exemption: Option<Exemption>,
    /// The reason or decision behind an exemption, as the secretary typed it.
    #[serde(default)]
    pub note: String,
}

impl Member {
    pub fn key(&self) -> MemberKey {
        MemberKey::new(&self.full_name, &self.birth_date)
    }
}

/// A line of the roster that could not be used, with the sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterProblem {
    pub line: usize,
    pub message: String,
}

/// Reads a roster typed or pasted one member per line, or a CSV exported from a spreadsheet:
/// `họ và tên[, ngày sinh][, nhóm][, miễn / đình chỉ / kết nạp chưa đủ 6 tháng[, ghi chú]]`,
/// separated by commas, semicolons or tabs. A first line of column names (`Họ và tên`, …) is
/// skipped; quotes around a cell are removed. Every line that cannot be used is reported; the
/// others are kept.
pub fn parse_roster(text: &str) -> (Vec<Member>, Vec<RosterProblem>) {
    let (lines, problems) = read_roster(text);
    (lines.into_iter().map(|(_, m)| m).collect(), problems)
}

/// [`parse_roster`], each member with the number of the line it was read from.
fn read_roster(text: &str) -> (Vec<(usize, Member)>, Vec<RosterProblem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut members: Vec<(usize, Member)> = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let cells: Vec<String> = split_cells(raw);
        let Some(name) = cells.first().filter(|c| !c.is_empty()) else {
            continue;
        };
        if n == 0 && fold_ascii_lower(name).contains("ho") && fold_ascii_lower(name).contains("ten")
        {
            continue;
        }
        if !name.chars().any(char::is_alphabetic) {
            problems.push(RosterProblem {
                line,
                message: ctf(
                    ChiBoMsg::RosterLineUnread,
                    &[("line", &line.to_string()), ("text", raw.trim())],
                ),
            });
            continue;
        }
        let birth = cells.get(1).map_or("", String::as_str);
        let birth_date = if birth.is_empty() {
            String::new()
        } else if let Some(date) = parse_day(birth) {
            date
        } else {
            problems.push(RosterProblem {
                line,
                message: ctf(
                    ChiBoMsg::RosterBadDate,
                    &[("line", &line.to_string()), ("text", birth)],
                ),
            });
            continue;
        };
        let group_cell = cells.get(2).map_or("", String::as_str);
        let group = Group::parse(group_cell);
        if group.is_none() && !group_cell.is_empty() {
            problems.push(RosterProblem {
                line,
                message: ctf(
                    ChiBoMsg::RosterBadGroup,
                    &[("line", &line.to_string()), ("text", group_cell)],
                ),
            });
            continue;
        }
        let member = Member {
            full_name: words_as_typed(name),
            birth_date,
            group,
            exemption: cells.get(3).and_then(|c| Exemption::parse(c)),
            note: cells.get(4).cloned().unwrap_or_default(),
        };
        if let Some((first, _)) = members.iter().find(|(_, m)| m.key() == member.key()) {
            // Two lines of one name without a birth date may be two members (a list of names
            // only): both are kept, and the secretary is told how to tell them apart. With a
            // birth date, the same line twice is one member.
            let no_date = member.birth_date.is_empty();
            problems.push(RosterProblem {
                line,
                message: ctf(
                    if no_date {
                        ChiBoMsg::RosterSameNameNoDate
                    } else {
                        ChiBoMsg::RosterTwice
                    },
                    &[
                        ("line", &line.to_string()),
                        ("first", &first.to_string()),
                        ("member", &member.full_name),
                    ],
                ),
            });
            if !no_date {
                continue;
            }
        }
        members.push((line, member));
    }
    (members, problems)
}

/// The roster's text with the birth date `date` (`YYYY-MM-DD`) written on the line of its
/// `member`-th member (0-based, in the order [`parse_roster`] reads them): how a secretary pairs
/// by hand a member whose name the roster shares or has no birth date for. The line's other cells
/// are kept; `None` when there is no such member.
pub fn with_birth_date(text: &str, member: usize, date: &str) -> Option<String> {
    let (members, _) = read_roster(text);
    let line = members.get(member)?.0;
    let lines: Vec<&str> = text.lines().collect();
    let raw = lines.get(line - 1)?;
    let separator = ['\t', ';', ',']
        .into_iter()
        .find(|s| raw.contains(*s))
        .unwrap_or(',');
    let mut cells = split_cells(raw);
    let day = display_day(date);
    match cells.get_mut(1) {
        Some(cell) => *cell = day,
        None => cells.push(day),
    }
    let rewritten = cells
        .iter()
        .map(|c| {
            if c.contains(separator) || c.contains('"') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(&format!("{separator} "));
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    out[line - 1] = rewritten;
    let mut text_out = out.join("\n");
    if text.ends_with('\n') {
        text_out.push('\n');
    }
    Some(text_out)
}

/// Whose a person who sent files is, among the roster's members ([`pair`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// The roster's member at this index.
    Member(usize),
    /// Nobody on the roster can be this person: counted nowhere until the roster has them.
    NotOnRoster,
    /// Several members of the roster could be this person, or this member several persons (one
    /// name, no birth date to tell them apart): the secretary pairs them by hand; counted once,
    /// as the roster's members.
    ByHand,
}

/// Pairs the persons who sent files (their folded name and birth date, each once) with the
/// roster's members. Per name: a birth date on both sides pairs only when equal; a person
/// without one is the roster's only member of that name; otherwise a person and a member pair
/// when each is the other's only candidate (a member without a birth date may be any person of
/// the name; a person without one, any member of it). One person never counts twice: what
/// cannot be told apart waits for the secretary ([`Pairing::ByHand`]).
pub fn pair(roster: &[Member], people: &[MemberKey]) -> Vec<Pairing> {
    let keys: Vec<MemberKey> = roster.iter().map(Member::key).collect();
    let mut pairing = vec![Pairing::NotOnRoster; people.len()];
    // A roster member taken by a person of the same birth date is nobody else's.
    let mut taken = vec![false; roster.len()];
    let mut done = vec![false; people.len()];
    for (p, person) in people.iter().enumerate() {
        if person.birth_date.is_empty() {
            continue;
        }
        if let Some(m) = keys.iter().position(|k| k == person) {
            pairing[p] = Pairing::Member(m);
            taken[m] = true;
            done[p] = true;
        }
    }
    let of_name =
        |name: &str| -> Vec<usize> { (0..keys.len()).filter(|&m| keys[m].name == name).collect() };
    for (p, person) in people.iter().enumerate() {
        if done[p] || !person.birth_date.is_empty() {
            continue;
        }
        if let [only] = of_name(&person.name).as_slice() {
            pairing[p] = Pairing::Member(*only);
            done[p] = true;
        }
    }
    let candidates_of_person = |p: usize| -> Vec<usize> {
        of_name(&people[p].name)
            .into_iter()
            .filter(|&m| {
                !taken[m] && (people[p].birth_date.is_empty() || keys[m].birth_date.is_empty())
            })
            .collect()
    };
    let candidates_of_member = |m: usize| -> Vec<usize> {
        (0..people.len())
            .filter(|&p| {
                !done[p]
                    && people[p].name == keys[m].name
                    && (people[p].birth_date.is_empty() || keys[m].birth_date.is_empty())
            })
            .collect()
    };
    let mut result = pairing.clone();
    for p in (0..people.len()).filter(|&p| !done[p]) {
        result[p] = match candidates_of_person(p).as_slice() {
            [] => Pairing::NotOnRoster,
            [m] if candidates_of_member(*m) == [p] => Pairing::Member(*m),
            _ => Pairing::ByHand,
        };
    }
    result
}

/// The cells of a roster line: split at tabs, semicolons or commas (the first of them that the
/// line has), each trimmed and unquoted.
fn split_cells(line: &str) -> Vec<String> {
    let separator = ['\t', ';', ',']
        .into_iter()
        .find(|s| line.contains(*s))
        .unwrap_or('\t');
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// A day as a roster writes it, `dd/mm/yyyy` (or `d/m/yyyy`, with `/`, `-` or `.`), or already
/// `YYYY-MM-DD`; `None` for anything else.
pub fn parse_day(text: &str) -> Option<String> {
    let text = text.trim();
    if parse_date(text).is_some() {
        return Some(text.to_owned());
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    (y >= 1900 && parse_date(&iso).is_some()).then_some(iso)
}

/// A `YYYY-MM-DD` day as `dd/mm/yyyy`; anything else as it is.
pub fn display_day(date: &str) -> String {
    match parse_date(date) {
        Some((y, m, d)) => format!("{d:02}/{m:02}/{y:04}"),
        None => date.to_owned(),
    }
}

/// A name with its spaces tidied, as typed otherwise.
fn words_as_typed(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics, for reading what a secretary typed in a column.
fn fold_ascii_lower(text: &str) -> String {
    crate::base::text::fold_ascii(&words(text).join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str, birth: &str) -> MemberKey {
        MemberKey::new(name, birth)
    }

    fn names(list: &[(&str, &str)]) -> Vec<Member> {
        list.iter()
            .map(|(name, birth)| Member {
                full_name: (*name).into(),
                birth_date: (*birth).into(),
                group: None,
                exemption: None,
                note: String::new(),
            })
            .collect()
    }

    #[test]
    fn a_roster_line_without_a_birth_date_pairs_with_the_only_person_of_that_name() {
        let roster = names(&[("Nguyễn Văn An", ""), ("Trần Thị Bình", "")]);
        let people = [
            key("nguyễn văn  an", "1980-03-12"),
            key("Trần Thị Bình", ""),
        ];
        assert_eq!(
            pair(&roster, &people),
            vec![Pairing::Member(0), Pairing::Member(1)]
        );
    }

    #[test]
    fn two_persons_of_one_name_and_a_roster_line_without_a_birth_date_wait_to_be_paired_by_hand() {
        let roster = names(&[("Nguyễn Văn An", ""), ("Trần Thị Bình", "")]);
        let people = [
            key("Nguyễn Văn An", "1980-03-12"),
            key("Nguyễn Văn An", "1975-01-02"),
        ];
        assert_eq!(pair(&roster, &people), vec![Pairing::ByHand; 2]);
        // Two lines of the name, two persons: still nothing tells them apart.
        let two = names(&[("Nguyễn Văn An", ""), ("Nguyễn Văn An", "")]);
        assert_eq!(pair(&two, &people), vec![Pairing::ByHand; 2]);
        // The secretary writes one birth date: that pair is exact, the other follows.
        let one_dated = names(&[("Nguyễn Văn An", "1975-01-02"), ("Nguyễn Văn An", "")]);
        assert_eq!(
            pair(&one_dated, &people),
            vec![Pairing::Member(1), Pairing::Member(0)]
        );
    }

    #[test]
    fn birth_dates_on_both_sides_pair_only_when_equal() {
        let roster = names(&[("Nguyễn Văn An", "1980-03-12")]);
        assert_eq!(
            pair(&roster, &[key("Nguyễn Văn An", "1980-03-12")]),
            vec![Pairing::Member(0)]
        );
        // Another man of the same name: not the roster's An.
        assert_eq!(
            pair(&roster, &[key("Nguyễn Văn An", "1991-07-30")]),
            vec![Pairing::NotOnRoster]
        );
        assert_eq!(
            pair(&roster, &[key("Lê Văn Cường", "")]),
            vec![Pairing::NotOnRoster]
        );
    }

    #[test]
    fn a_file_without_a_birth_date_is_the_rosters_only_member_of_that_name_even_beside_a_dated_one()
    {
        // A pledge without the birth date and a review with it: one member, twice.
        let roster = names(&[("Nguyễn Văn An", "")]);
        let people = [key("Nguyễn Văn An", ""), key("Nguyễn Văn An", "1980-03-12")];
        assert_eq!(
            pair(&roster, &people),
            vec![Pairing::Member(0), Pairing::Member(0)]
        );
        // Two members of the name on the roster: a file without a date could be either.
        let two = names(&[
            ("Nguyễn Văn An", "1980-03-12"),
            ("Nguyễn Văn An", "1975-01-02"),
        ]);
        assert_eq!(
            pair(&two, &[key("Nguyễn Văn An", "")]),
            vec![Pairing::ByHand]
        );
    }

    #[test]
    fn two_lines_of_one_name_without_a_birth_date_are_two_members_and_the_secretary_is_told() {
        let (members, problems) = parse_roster("Nguyễn Văn An\nTrần Thị Bình\nNguyễn Văn An\n");
        assert_eq!(members.len(), 3);
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .starts_with("Dòng 3: Nguyễn Văn An trùng tên với dòng 1"));
        // With the birth date, the same line twice is one member.
        let (members, problems) =
            parse_roster("Nguyễn Văn An, 12/03/1980\nNguyễn Văn An, 12/03/1980");
        assert_eq!((members.len(), problems.len()), (1, 1));
    }

    #[test]
    fn pairing_by_hand_writes_the_birth_date_on_the_members_line_and_keeps_its_other_cells() {
        let text = "Họ và tên; Ngày sinh; Nhóm\nNguyễn Văn An;;Lãnh đạo\n123\nNguyễn Văn An\n";
        let (before, _) = parse_roster(text);
        assert_eq!(before.len(), 2);
        let paired = with_birth_date(text, 1, "1975-01-02").expect("a second member");
        assert_eq!(
            paired,
            "Họ và tên; Ngày sinh; Nhóm\nNguyễn Văn An;;Lãnh đạo\n123\nNguyễn Văn An, 02/01/1975\n"
        );
        let paired = with_birth_date(&paired, 0, "1980-03-12").expect("the first member");
        let (after, _) = parse_roster(&paired);
        assert_eq!(
            after
                .iter()
                .map(|m| (m.birth_date.as_str(), m.group))
                .collect::<Vec<_>>(),
            vec![("1980-03-12", Some(Group::Leader)), ("1975-01-02", None)]
        );
        assert_eq!(with_birth_date(text, 2, "1975-01-02"), None);
    }

    #[test]
    fn a_roster_reads_from_lines_or_a_spreadsheets_csv_and_reports_each_bad_line() {
        let text = "\u{feff}Họ và tên,Ngày sinh,Nhóm,Tình trạng,Ghi chú\n\
            Nguyễn Văn An,02/09/1980,lãnh đạo quản lý\n\
            \"Trần Thị Bình\",1985-03-15,Không giữ chức vụ\n\
            Lê  Văn   Cường;15-7-1950;ngoai he thong chinh tri;Miễn công tác và sinh hoạt;tuổi cao\n\
            Phạm Thị Dung,31/02/1990,\n\
            Võ Văn Em,,nhóm lạ\n\
            Nguyễn Văn An,2/9/1980\n\
            Đỗ Văn Giang\n\
            12345\n";
        let (members, problems) = parse_roster(text);
        let names: Vec<&str> = members.iter().map(|m| m.full_name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Nguyễn Văn An",
                "Trần Thị Bình",
                "Lê Văn Cường",
                "Đỗ Văn Giang"
            ]
        );
        assert_eq!(members[0].birth_date, "1980-09-02");
        assert_eq!(members[0].group, Some(Group::Leader));
        assert_eq!(members[1].group, Some(Group::Member));
        assert_eq!(members[2].group, Some(Group::Outside));
        assert_eq!(members[2].exemption, Some(Exemption::WorkAndActivity));
        assert_eq!(members[2].note, "tuổi cao");
        assert_eq!(
            (members[3].birth_date.as_str(), members[3].group),
            ("", None)
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [5, 6, 7, 9]);
        assert!(problems[0].message.contains("31/02/1990"));
        assert!(problems[2].message.contains("đã có trong danh sách"));
    }

    #[test]
    fn members_are_matched_by_folded_name_and_birth_date() {
        assert_eq!(
            MemberKey::new("  NGUYỄN  văn an ", "1980-09-02"),
            MemberKey::new("Nguyễn Văn An", "1980-09-02")
        );
        // Decomposed input from another keyboard is the same name.
        assert_eq!(
            MemberKey::new("Nguye\u{302}\u{303}n Văn An", ""),
            MemberKey::new("Nguyễn Văn An", "")
        );
        assert_ne!(
            MemberKey::new("Nguyễn Văn An", "1980-09-02"),
            MemberKey::new("Nguyễn Văn An", "1991-01-01")
        );
    }

    #[test]
    fn groups_and_exemptions_read_as_a_secretary_types_them() {
        assert_eq!(Group::parse("Lãnh đạo, quản lý"), Some(Group::Leader));
        assert_eq!(Group::parse("KHÔNG GIỮ CHỨC VỤ"), Some(Group::Member));
        assert_eq!(Group::parse("2C"), Some(Group::Outside));
        assert_eq!(Group::parse(""), None);
        assert_eq!(
            Exemption::parse("đình chỉ sinh hoạt"),
            Some(Exemption::Suspended)
        );
        assert_eq!(
            Exemption::parse("Kết nạp chưa đủ 6 tháng"),
            Some(Exemption::NewMember)
        );
        assert_eq!(Exemption::parse(""), None);
        assert_eq!(parse_day("2/9/1980").as_deref(), Some("1980-09-02"));
        assert_eq!(parse_day("1980-09-02").as_deref(), Some("1980-09-02"));
        assert_eq!(parse_day("30/02/1980"), None);
        assert_eq!(parse_day("hôm qua"), None);
    }
}
