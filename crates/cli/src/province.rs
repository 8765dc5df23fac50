//! A generated province, seeded, to measure and test the command on: members in chi bộ of uneven
//! size under grassroots đảng bộ, each chi bộ a folder with its roster (`danh-sach.csv`) and one
//! export file per member who submitted (a review and a pledge, written by the core exactly as the
//! member's app writes them). The same seed gives the same members every year, so two years make
//! two bundles to compare (a member failing two years running); the ratings, points and texts
//! change with the year.
//!
//! What it plants, so the figures are worth checking: exempt members and members who did not
//! submit; proposals above what the points allow; last year's shortcomings without a status;
//! pledges without a measurable commitment; units over the 20% quota; members whose review is a
//! copy of a text many others use, or a near copy of a colleague's pledge.
//!
//! With `rollups`, a share of the chi bộ hand in the roll-up file their workspace writes after the
//! meeting instead of their members' files (in the đảng bộ's folder): the same members' files
//! received through the core, each member's tally entered, the chi bộ's proposal from the most
//! votes, the cấp ủy's decision, re-ratings (mostly down), reviews entered from paper for half of
//! those who sent no file, and the cap the chi bộ chose. [`decided`] is the truth to check against.

use std::fs;
use std::path::{Path, PathBuf};

use tusoi_core::chibo::intake::{Inbox, Period};
use tusoi_core::chibo::rollup::RollupFile;
use tusoi_core::chibo::roster::{parse_roster, MemberKey};
use tusoi_core::chibo::stages::{MemberStages, Stages};
use tusoi_core::chibo::table::rows_with;
use tusoi_core::forms::field::HeaderField;
use tusoi_core::forms::rating::Rating;
use tusoi_core::forms::template::{Audience, Forms, Template};
use tusoi_core::model::carried::{CarriedEdit, CarryStatus};
use tusoi_core::model::condition::Question;
use tusoi_core::model::document::{Document, Edit};
use tusoi_core::model::pledge::{Commitment, CommitmentEdit, Target};
use tusoi_core::workflow::carry::review_from_previous;
use tusoi_core::workflow::export::ExportEnvelope;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub members: usize,
    pub units: usize,
    /// Grassroots đảng bộ the chi bộ are spread over.
    pub orgs: usize,
    pub year: u16,
    pub seed: u64,
    /// Each file as the year-end review writes it: the review of `year` and the pledge for the
    /// next year ("Tạo bản cam kết năm N+1"), instead of the pledge of `year`.
    pub year_end: bool,
    /// The share of chi bộ, in percent, that hand in their roll-up file after the meeting (the
    /// chi bộ's vote and proposal, the cấp ủy's decision, re-ratings, reviews entered from paper)
    /// instead of their members' files: what the đảng ủy receives once the chi bộ use the
    /// workspace (`--rollups`).
    pub rollups: u8,
}

impl Options {
    /// The province of seed 004: 64,089 members in 3,317 chi bộ under 1,148 đảng bộ.
    pub fn province(year: u16, seed: u64) -> Options {
        Options {
            members: 64_089,
            units: 3_317,
            orgs: 1_148,
            year,
            seed,
            year_end: false,
            rollups: 0,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub members: usize,
}

/// SplitMix64: small, seeded, the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator for one thing of the province (a member, a year), independent of the order
    /// things are generated in.
    pub fn of(seed: u64, parts: &[u64]) -> Rng {
        let mut rng = Rng(seed ^ 0x5851_f42d_4c95_7f2d);
        for &p in parts {
            rng.0 ^= p.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            rng.next_u64();
        }
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 for 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with a chance of `per_mille` in a thousand.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Thu", "Hồng", "Kim",
    "Quang", "Anh", "Bảo", "Gia",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phúc", "Phương", "Quân",
    "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến",
];
const PLACES: &[&str] = &[
    "Tân Phú",
    "Hòa Bình",
    "Thạnh Lợi",
    "Phước Long",
    "An Khánh",
    "Vĩnh Hưng",
    "Đông Hải",
    "Tây Sơn",
    "Bình Minh",
    "Long Hòa",
    "Mỹ Xuyên",
    "Quảng Điền",
];
const DUTIES: &[&str] = &[
    "tiếp nhận hồ sơ một cửa",
    "số hoá tài liệu lưu trữ",
    "hướng dẫn thủ tục cho người dân",
    "kiểm tra hồ sơ đất đai",
    "tổng hợp báo cáo tuần của cơ quan",
    "quản lý hộ tịch",
    "theo dõi công tác dân số",
    "giảng dạy môn Toán lớp 9",
    "khám chữa bệnh tại trạm y tế",
    "quản lý quỹ đầu tư phát triển",
    "vận động người dân tham gia bảo hiểm y tế",
    "thu ngân sách trên địa bàn",
];
const UNITS_OF: &[&str] = &["hồ sơ", "buổi", "báo cáo", "lượt", "hộ", "giờ", "văn bản"];

/// A text many members use word for word: what seed 001 calls "sao chép giống nhau".
const BOILERPLATE: &str = "Luôn chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, \
    pháp luật của Nhà nước, quy định của địa phương nơi cư trú; giữ gìn phẩm chất đạo đức, lối \
    sống giản dị, đoàn kết, thực hiện tốt nhiệm vụ được giao.";
const BOILERPLATE_PLEDGE: &str = "Tiếp tục học tập và làm theo tư tưởng, đạo đức, phong cách Hồ \
    Chí Minh, nâng cao tinh thần trách nhiệm, hoàn thành tốt nhiệm vụ được giao trong năm.";

/// One member of the province: who and where, the same every year.
#[derive(Debug, Clone)]
pub struct Member {
    pub index: usize,
    pub org: usize,
    pub unit: usize,
    pub full_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub audience: Audience,
    /// 0: reviewed; else the roster's exemption word.
    pub exemption: Option<&'static str>,
    /// Weak members fail more often, and so can fail two years running.
    pub weak: bool,
    pub duty: &'static str,
}

/// The chi bộ sizes: uneven (for the province, from 5 to 45 members; a chi bộ has at least 3),
/// adding up to the members.
fn unit_sizes(options: &Options) -> Vec<usize> {
    let mut rng = Rng::of(options.seed, &[1]);
    let units = options.units.max(1);
    let weights: Vec<u64> = (0..units)
        .map(|_| {
            let w = 1 + rng.below(30) as u64;
            w * w / 4 + 30
        })
        .collect();
    let total: u64 = weights.iter().sum();
    let mut sizes: Vec<usize> = weights
        .iter()
        .map(|w| (options.members as u64 * w / total) as usize)
        .collect();
    let mut left = options.members.saturating_sub(sizes.iter().sum());
    let mut at = 0;
    while left > 0 {
        sizes[at % units] += 1;
        left -= 1;
        at += 1;
    }
    sizes
}

/// The names of the province's đảng bộ and chi bộ folders.
pub fn org_name(org: usize) -> String {
    format!("Đảng bộ xã {} {:04}", PLACES[org % PLACES.len()], org + 1)
}

pub fn unit_name(unit: usize) -> String {
    format!("Chi bộ {:04}", unit + 1)
}

/// Every member, unit by unit.
pub fn members(options: &Options) -> Vec<Member> {
    let sizes = unit_sizes(options);
    let orgs = options.orgs.clamp(1, options.units.max(1));
    let mut out = Vec::with_capacity(options.members);
    for (unit, &size) in sizes.iter().enumerate() {
        let org = unit * orgs / sizes.len();
        for _ in 0..size {
            let index = out.len();
            let mut rng = Rng::of(options.seed, &[2, index as u64]);
            let full_name = format!(
                "{} {} {}",
                rng.pick(FAMILY),
                rng.pick(MIDDLE),
                rng.pick(GIVEN)
            );
            let birth_date = format!(
                "{}-{:02}-{:02}",
                1958 + rng.below(45),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let audience = match rng.below(100) {
                0..=14 => Audience::Leader,
                15..=89 => Audience::Member,
                _ => Audience::Outside,
            };
            let exemption = match rng.below(1000) {
                0..=19 => Some("miễn công tác và sinh hoạt"),
                20..=24 => Some("đình chỉ sinh hoạt"),
                25..=34 => Some("kết nạp chưa đủ 6 tháng"),
                _ => None,
            };
            out.push(Member {
                index,
                org,
                unit,
                full_name,
                birth_date,
                audience,
                exemption,
                weak: rng.chance(15),
                duty: rng.pick(DUTIES),
            });
        }
    }
    out
}

/// The level a member proposes in a year, and whether the points are set a level lower than the
/// proposal (a proposal above what the points allow).
fn rating(options: &Options, member: &Member, year: u16, unit_generous: bool) -> (Rating, bool) {
    let mut rng = Rng::of(options.seed, &[3, member.index as u64, u64::from(year)]);
    if member.weak && rng.chance(600) {
        return (Rating::KhongHoanThanh, false);
    }
    let excellent = if unit_generous { 320 } else { 130 };
    let level = match rng.below(1000) as u64 {
        n if n < 5 => Rating::KhongHoanThanh,
        n if n < 75 => Rating::HoanThanh,
        n if n < 75 + excellent => Rating::HoanThanhXuatSac,
        _ => Rating::HoanThanhTot,
    };
    (level, level != Rating::KhongHoanThanh && rng.chance(30))
}

/// Points for a level (30 + 70), a level lower when `above`.
fn points(rng: &mut Rng, level: Rating, above: bool) -> (f64, f64) {
    let band = match (level, above) {
        (Rating::HoanThanhXuatSac, false) => (90, 100),
        (Rating::HoanThanhXuatSac, true) | (Rating::HoanThanhTot, false) => (70, 89),
        (Rating::HoanThanhTot, true) | (Rating::HoanThanh, false) => (50, 69),
        _ => (30, 49),
    };
    let total = band.0 + rng.below(band.1 - band.0 + 1);
    let general = (total * 30 / 100).min(30);
    let halves = rng.below(2) as f64 * 0.5;
    (
        general as f64 - halves.min(general as f64),
        (total - general) as f64 + halves.min(general as f64),
    )
}

/// Ids that differ across the province and stay the same for a seed.
struct Ids(Rng);

impl tusoi_core::workflow::carry::Ids for Ids {
    fn next_id(&mut self) -> String {
        let (a, b) = (self.0.next_u64(), self.0.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 52) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }
}

fn template(audience: Audience, year: u16) -> &'static Template {
    Template::propose(audience, year)
}

fn fill_header(document: &mut Document, member: &Member, year: u16) {
    let edits = [
        (HeaderField::DangBo, org_name(member.org)),
        (HeaderField::ChiBo, unit_name(member.unit)),
        (
            HeaderField::Place,
            PLACES[member.org % PLACES.len()].to_owned(),
        ),
        (
            HeaderField::Date,
            format!("{year}-12-{:02}", 1 + member.index % 20),
        ),
        (HeaderField::FullName, member.full_name.clone()),
        (HeaderField::BirthDate, member.birth_date.clone()),
        (
            HeaderField::WorkUnit,
            format!("UBND xã {}", PLACES[member.org % PLACES.len()]),
        ),
    ];
    for (field, value) in edits {
        document.apply(Edit::Field(field, value));
    }
    if member.audience == Audience::Leader {
        let position = if member.index.is_multiple_of(7) {
            "Bí thư chi bộ"
        } else {
            "Chi ủy viên"
        };
        document.apply(Edit::Field(HeaderField::PartyPosition, position.to_owned()));
    }
}

/// The review's own texts, by role of section, specific to the member and the year.
fn review_texts(options: &Options, member: &Member, year: u16) -> Vec<(&'static str, String)> {
    let mut rng = Rng::of(options.seed, &[4, member.index as u64, u64::from(year)]);
    let count = 20 + rng.below(400);
    let unit = rng.pick(UNITS_OF);
    let general = if rng.chance(120) {
        BOILERPLATE.to_owned()
    } else {
        format!(
            "Năm {year}, đồng chí {} giữ vững lập trường tư tưởng, dự đủ {} buổi sinh hoạt chi bộ, \
             đóng đảng phí đúng hạn, tham gia {} buổi sinh hoạt tại nơi cư trú và góp ý {} lần cho \
             nghị quyết của chi bộ về công tác {}.",
            member.full_name,
            9 + rng.below(4),
            2 + rng.below(6),
            1 + rng.below(5),
            member.duty
        )
    };
    let tasks = format!(
        "Phụ trách {}: hoàn thành {count} {unit} trong năm {year}, trong đó {} {unit} trước hạn, \
         {} {unit} phải làm lại; tỷ lệ đúng hạn đạt {}%.",
        member.duty,
        count / (2 + rng.below(4)),
        rng.below(6),
        85 + rng.below(16)
    );
    let shortcomings = format!(
        "Còn {} {unit} trễ hạn so với kế hoạch {} của năm {year}; {}.\n{} mới đạt {} buổi trên kế \
         hoạch {} buổi.",
        1 + rng.below(40),
        1 + rng.below(12),
        rng.pick(&[
            "chưa chủ động đề xuất cải tiến quy trình",
            "phối hợp với bộ phận khác có lúc chưa kịp thời",
            "có việc còn để người dân phải đi lại nhiều lần",
            "chưa dành đủ thời gian nghiên cứu văn bản mới",
        ]),
        rng.pick(&[
            "Việc tự học ngoại ngữ chưa đều,",
            "Việc học tin học chưa đều,",
            "Việc tham gia sinh hoạt nơi cư trú chưa đều,"
        ]),
        4 + rng.below(30),
        24 + rng.below(24)
    );
    let remedies = format!(
        "Lập kế hoạch theo tuần cho công tác {}, giảm số {unit} trễ hạn xuống dưới {} trong năm \
         {}, báo cáo tiến độ với chi ủy vào ngày {} mỗi tháng.\nHọc ngoại ngữ {} buổi mỗi tuần, đạt \
         chứng chỉ B1 trước tháng {} năm {}.",
        member.duty,
        1 + rng.below(5),
        year + 1,
        20 + rng.below(9),
        1 + rng.below(3),
        3 + rng.below(9),
        year + 1
    );
    vec![
        ("general", general),
        ("tasks", tasks),
        ("shortcomings", shortcomings),
        ("remedies", remedies),
    ]
}

/// The section of a form for a purpose: the self-check's section for the general part, A.I.2 (I.2
/// on the older forms) for the tasks, the shortcomings and remedies by their roles.
fn section_for(template: &Template, purpose: &str) -> Option<&'static str> {
    use tusoi_core::forms::template::SectionRole;
    let by_role = |role: SectionRole| {
        template
            .sections
            .iter()
            .find(|s| s.role == Some(role))
            .map(|s| s.id)
    };
    match purpose {
        "shortcomings" => by_role(SectionRole::Shortcomings),
        "remedies" => by_role(SectionRole::Remedies),
        "general" => by_role(SectionRole::SelfCheck),
        "tasks" => template
            .sections
            .iter()
            .find(|s| s.id == "A.I.2" || s.id == "I.2")
            .map(|s| s.id),
        _ => None,
    }
}

/// A member's review of a year, made from last year's when there was one (carry-over).
fn review(
    options: &Options,
    member: &Member,
    year: u16,
    unit_generous: bool,
    carry: bool,
) -> Document {
    let template = template(member.audience, year);
    let mut ids = Ids(Rng::of(
        options.seed,
        &[5, member.index as u64, u64::from(year)],
    ));
    let mut document = if carry {
        let previous = review(options, member, year - 1, unit_generous, false);
        review_from_previous(
            &Forms::default(),
            &previous,
            None,
            template,
            year,
            "2026-11-02T08:00:00.000Z",
            &mut ids,
        )
    } else {
        use tusoi_core::workflow::carry::Ids as _;
        Document::new(ids.next_id(), template, year, "2026-11-02T08:00:00.000Z")
    };
    fill_header(&mut document, member, year);
    for (purpose, text) in review_texts(options, member, year) {
        if let Some(section) = section_for(template, purpose) {
            document.apply(Edit::Section(section.to_owned(), text));
        }
    }
    let mut rng = Rng::of(options.seed, &[6, member.index as u64, u64::from(year)]);
    let (level, above) = rating(options, member, year, unit_generous);
    if !template.score_groups.is_empty() {
        let (general, tasks) = points(&mut rng, level, above);
        document.apply(Edit::Score("general".into(), Some(general)));
        document.apply(Edit::Score("tasks".into(), Some(tasks)));
    }
    document.apply(Edit::Rating(Some(level)));
    for question in [Question::AllTasksOnTime, Question::AllTasksDone] {
        document.apply(Edit::Condition(
            question,
            Some(level != Rating::KhongHoanThanh),
        ));
    }
    document.apply(Edit::Condition(
        Question::Disciplined,
        Some(level == Rating::KhongHoanThanh && rng.chance(300)),
    ));
    let carried: Vec<String> = document.carried.iter().map(|c| c.id.clone()).collect();
    // Most members follow every shortcoming up; a few leave the last one without a status.
    let skip_last = rng.chance(60);
    let count = carried.len();
    for (k, id) in carried.into_iter().enumerate() {
        if !(skip_last && k + 1 == count) {
            let status = CarryStatus::ALL[rng.below(3)];
            document.apply(Edit::Carried(id.clone(), CarriedEdit::Status(Some(status))));
            document.apply(Edit::Carried(
                id,
                CarriedEdit::Note(format!("Đã khắc phục được {}%.", 40 + rng.below(61))),
            ));
        }
    }
    document.updated_at = format!(
        "{year}-12-{:02}T0{}:15:00.000Z",
        1 + member.index % 20,
        rng.below(10)
    );
    document
}

/// A member's pledge of a year: commitments of their own with targets and deadlines, or the
/// boilerplate, or a near copy of a colleague's.
fn pledge(options: &Options, member: &Member, year: u16) -> Document {
    let template = Template::pledge_for(year);
    let mut ids = Ids(Rng::of(
        options.seed,
        &[7, member.index as u64, u64::from(year)],
    ));
    use tusoi_core::workflow::carry::Ids as _;
    let mut document = Document::new(ids.next_id(), template, year, "2026-01-05T08:00:00.000Z");
    fill_header(&mut document, member, year);
    let mut rng = Rng::of(options.seed, &[8, member.index as u64, u64::from(year)]);
    let vague = rng.chance(100);
    // A near copy of the chi bộ's first member's pledge: the same sentences, one word changed.
    let copied_from = (rng.chance(60)).then_some(member.unit);
    let sections = ["tu-tuong", "dao-duc", "ky-luat", "nhiem-vu", "khac-phuc"];
    let n = 3 + rng.below(4);
    for k in 0..n {
        let id = ids.next_id();
        let section = sections[k % sections.len()];
        document.apply(Edit::AddCommitment(Commitment::new(id.clone(), section)));
        let content = if vague {
            BOILERPLATE_PLEDGE.to_owned()
        } else if let Some(unit) = copied_from {
            format!(
                "Thực hiện công tác của chi bộ {:04} theo kế hoạch số {}, mỗi tháng báo cáo tiến độ \
                 với chi ủy, hoàn thành các chỉ tiêu được giao trong năm {year} đúng thời hạn {}.",
                unit + 1,
                k + 1,
                if rng.chance(500) { "đã đăng ký" } else { "đã cam kết" }
            )
        } else {
            format!(
                "Trong công tác {} năm {year}: hoàn thành {} {} trước ngày {}/{}, mỗi quý báo cáo kết \
                 quả với chi bộ (cam kết số {}).",
                member.duty,
                10 + rng.below(300),
                rng.pick(UNITS_OF),
                10 + rng.below(18),
                3 * (1 + k % 4),
                k + 1
            )
        };
        document.apply(Edit::Commitment(
            id.clone(),
            CommitmentEdit::Content(content),
        ));
        if !vague {
            document.apply(Edit::Commitment(
                id.clone(),
                CommitmentEdit::Target(Some(Target::Number {
                    value: Some((5 + rng.below(200)) as f64),
                    unit: rng.pick(UNITS_OF).to_owned(),
                })),
            ));
            document.apply(Edit::Commitment(
                id,
                CommitmentEdit::Deadline(format!("Q{}", 1 + k % 4)),
            ));
        }
    }
    document.updated_at = format!("{year}-01-{:02}T09:00:00.000Z", 5 + member.index % 20);
    document
}

/// A unit whose members propose generously, for the quota to be exceeded somewhere.
fn generous(options: &Options, unit: usize) -> bool {
    Rng::of(options.seed, &[9, unit as u64]).chance(120)
}

/// What the generator planted for a member in a year, to check a roll-up against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planted {
    Exempt,
    /// On the roster, no file.
    Missing,
    /// Proposed a level; `above` when the points allow only the level below.
    Rated {
        level: Rating,
        above: bool,
    },
}

/// The truth of a member's year, without writing anything.
pub fn planted(options: &Options, member: &Member, year: u16) -> Planted {
    if member.exemption.is_some() {
        return Planted::Exempt;
    }
    if Rng::of(options.seed, &[10, member.index as u64, u64::from(year)]).chance(15) {
        return Planted::Missing;
    }
    let (level, above) = rating(options, member, year, generous(options, member.unit));
    Planted::Rated { level, above }
}

/// The export file of a member of a year: their review and pledge, as the member's app writes
/// it; `None` for a member exempt or who did not submit.
pub fn member_file(options: &Options, member: &Member, year: u16) -> Option<(String, String)> {
    let documents = member_documents(options, member, year)?;
    let name = file_name(member, year);
    let json = ExportEnvelope::new(documents, &format!("{year}-12-20T10:00:00.000Z")).to_json();
    Some((name, json))
}

/// The name of a member's export file of a year.
fn file_name(member: &Member, year: u16) -> String {
    format!(
        "{}-{}-{year}.tusoi.json",
        tusoi_core::base::text::slug(&member.full_name),
        member.index
    )
}

/// The documents a member hands in for a year (their review and pledge); `None` for a member
/// exempt or who did not submit.
fn member_documents(options: &Options, member: &Member, year: u16) -> Option<Vec<Document>> {
    if matches!(
        planted(options, member, year),
        Planted::Exempt | Planted::Missing
    ) {
        return None;
    }
    let review = review(options, member, year, generous(options, member.unit), true);
    let pledge = pledge(options, member, year + u16::from(options.year_end));
    Some(vec![review, pledge])
}

/// Whether a chi bộ hands in its roll-up file after the meeting rather than its members' files.
pub fn hands_in_rollup(options: &Options, unit: usize) -> bool {
    Rng::of(options.seed, &[11, unit as u64]).below(100) < usize::from(options.rollups)
}

/// The quota's cap a chi bộ chose in its workspace: 25 % for about one in eight (where the
/// competent level allows it), else 20 %.
pub fn unit_cap(options: &Options, unit: usize) -> u64 {
    if Rng::of(options.seed, &[12, unit as u64]).chance(125) {
        25
    } else {
        20
    }
}

/// One level lower, `None` below KHTNV.
fn lower(level: Rating) -> Option<Rating> {
    let at = Rating::ALL.iter().position(|r| *r == level)?;
    Rating::ALL.get(at + 1).copied()
}

fn higher(level: Rating) -> Option<Rating> {
    let at = Rating::ALL.iter().position(|r| *r == level)?;
    at.checked_sub(1).map(|at| Rating::ALL[at])
}

/// What the meeting and the cấp ủy decided for a member of a chi bộ that hands in its roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    /// The member handed in paper, entered by the secretary (one who sent no file).
    pub from_paper: bool,
    /// The member's own proposal, in the file or on paper.
    pub own: Rating,
    /// The level the chi bộ proposed after its vote: the points' level for a proposal above
    /// them, now and then a level stricter.
    pub chi_bo: Rating,
    /// The cấp ủy's decision: the chi bộ's proposal, now and then a level lower.
    pub decision: Rating,
    /// A re-rating (Mẫu 03): mostly down (seed 004: 2.941 of 64.089), rarely up on appeal.
    pub rerated: Option<Rating>,
}

/// The truth of a member's stages in a chi bộ that hands in its roll-up; `None` for the exempt
/// and for those who handed in nothing, not even paper.
pub fn decided(options: &Options, member: &Member, year: u16) -> Option<Decided> {
    let mut rng = Rng::of(options.seed, &[13, member.index as u64, u64::from(year)]);
    let (own, above, from_paper) = match planted(options, member, year) {
        Planted::Exempt => return None,
        // Half of those without a file hand in paper.
        Planted::Missing => {
            if !rng.chance(500) {
                return None;
            }
            (Rating::HoanThanhTot, false, true)
        }
        Planted::Rated { level, above } => (level, above, false),
    };
    let by_points = if above {
        lower(own).unwrap_or(own)
    } else {
        own
    };
    let chi_bo = if rng.chance(30) {
        lower(by_points).unwrap_or(by_points)
    } else {
        by_points
    };
    let decision = if rng.chance(10) {
        lower(chi_bo).unwrap_or(chi_bo)
    } else {
        chi_bo
    };
    let rerated = match rng.below(1000) {
        0..=45 => lower(decision),
        46..=48 => higher(decision),
        _ => None,
    };
    Some(Decided {
        from_paper,
        own,
        chi_bo,
        decision,
        rerated,
    })
}

/// A member's stages as the secretary enters them in the workspace: the paper review, the tally
/// (ballots of the members present; the chi bộ's level has most votes), the proposal from the
/// most votes ("Đề xuất theo kết quả biểu quyết"), the decision and a re-rating.
fn stages_of(options: &Options, member: &Member, voters: u32, year: u16) -> Option<Stages> {
    use tusoi_core::chibo::stages::{Appeal, StageEdit};
    let d = decided(options, member, year)?;
    let mut rng = Rng::of(options.seed, &[14, member.index as u64, u64::from(year)]);
    let mut s = Stages::default();
    let mut edits = Vec::new();
    if d.from_paper {
        let (general, tasks) = points(&mut rng, d.own, false);
        edits.extend([
            StageEdit::PaperRating(Some(d.own)),
            StageEdit::PaperGeneral(Some(general)),
            StageEdit::PaperTasks(Some(tasks)),
        ]);
    }
    let returned = voters - u32::from(voters > 3 && rng.chance(200));
    let invalid = u32::from(returned > 3 && rng.chance(50));
    let valid = returned - invalid;
    let spill = (rng.below(valid as usize / 3 + 1) as u32).min(valid / 3);
    let at = |r: Rating| Rating::ALL.iter().position(|x| *x == r).unwrap_or(3);
    let mut votes = [0_u32; 5];
    votes[at(d.chi_bo)] = valid - spill;
    votes[at(lower(d.chi_bo).or(higher(d.chi_bo)).unwrap_or(d.chi_bo))] += spill;
    edits.extend([
        StageEdit::Issued(voters),
        StageEdit::Returned(returned),
        StageEdit::Valid(valid),
        StageEdit::Invalid(invalid),
    ]);
    edits.extend(
        votes
            .iter()
            .enumerate()
            .map(|(k, v)| StageEdit::Votes(k, *v)),
    );
    edits.push(StageEdit::ProposeMostVoted);
    edits.extend([
        StageEdit::DecisionRating(Some(d.decision)),
        StageEdit::DecisionBody(org_name(member.org).replacen("Đảng bộ", "Đảng ủy", 1)),
        StageEdit::DecisionNumber(format!("{}-QĐ/ĐU", 100 + member.unit % 800)),
        StageEdit::DecisionDate(format!("{year}-12-28")),
    ]);
    if let Some(level) = d.rerated {
        let up = Some(level) == higher(d.decision);
        edits.extend([
            StageEdit::ReratingRating(Some(level)),
            StageEdit::ReratingReason(
                if up {
                    "Kết quả giải quyết khiếu nại của đảng viên"
                } else {
                    "Phát hiện vi phạm sau khi đã xếp loại"
                }
                .to_owned(),
            ),
            StageEdit::ReratingNumber(format!("{}-QĐ/ĐU", 300 + member.index % 600)),
            StageEdit::ReratingDate(format!("{}-03-16", year + 1)),
        ]);
        if up {
            edits.push(StageEdit::Appeal(Some(Appeal::Changed)));
        }
    }
    for e in edits {
        s.apply(e);
    }
    Some(s)
}

/// The roll-up file a chi bộ's workspace writes after the meeting ("Tải tệp tổng hợp"): its
/// members' files and roster received as the workspace receives them, the stages entered, the cap
/// it chose. `unit` is the chi bộ's members.
pub fn chi_bo_rollup(options: &Options, unit: &[Member], year: u16) -> RollupFile {
    let (roster, _) = parse_roster(&roster_csv(unit));
    let period = Period {
        dang_bo: org_name(unit[0].org),
        chi_bo: unit_name(unit[0].unit),
        year,
    };
    let now = format!("{}-01-10T08:00:00.000Z", year + 1);
    let mut inbox = Inbox::default();
    let (names, documents): (Vec<String>, Vec<Vec<Document>>) = unit
        .iter()
        .filter_map(|m| member_documents(options, m, year).map(|d| (file_name(m, year), d)))
        .unzip();
    inbox.receive_parsed_many(
        &period,
        &roster,
        names
            .iter()
            .map(String::as_str)
            .zip(documents.into_iter().map(Ok)),
        &now,
    );
    let voters = unit.iter().filter(|m| m.exemption.is_none()).count() as u32;
    let stages: Vec<MemberStages> = unit
        .iter()
        .filter_map(|m| {
            stages_of(options, m, voters, year).map(|stages| MemberStages {
                member: MemberKey::new(&m.full_name, &m.birth_date),
                stages,
            })
        })
        .collect();
    let rows = rows_with(&roster, &inbox, &stages);
    RollupFile::of(&period, &rows, unit_cap(options, unit[0].unit), &now)
}

/// Where a chi bộ's roll-up file lies: in its đảng bộ's folder, as the đảng ủy files what its chi
/// bộ send (`tong-hop-chi-bo-0003-2026.json`, the workspace's name).
pub fn rollup_path(root: &Path, member: &Member, year: u16) -> PathBuf {
    root.join(org_name(member.org))
        .join(tusoi_core::chibo::intake::file_name(
            &unit_name(member.unit),
            year,
            "json",
        ))
}

/// The roster of a chi bộ as a CSV, as a secretary types it.
pub fn roster_csv(members: &[Member]) -> String {
    let mut text = String::from("Họ và tên,Ngày sinh,Nhóm,Miễn\n");
    for m in members {
        let (y, rest) = m.birth_date.split_at(4);
        let (mo, d) = (&rest[1..3], &rest[4..6]);
        let group = match m.audience {
            Audience::Leader => "lãnh đạo quản lý",
            Audience::Outside => "ngoài hệ thống chính trị",
            _ => "không giữ chức vụ",
        };
        text.push_str(&format!(
            "{},{d}/{mo}/{y},{group},{}\n",
            m.full_name,
            m.exemption.unwrap_or("")
        ));
    }
    text
}

/// The folder of a chi bộ under the province's root.
pub fn unit_dir(root: &Path, member: &Member) -> PathBuf {
    root.join(org_name(member.org)).join(unit_name(member.unit))
}

/// Writes the province of a year under `root`, on `threads` threads.
pub fn generate(root: &Path, options: &Options, threads: usize) -> std::io::Result<Written> {
    let members = members(options);
    let mut by_unit: Vec<&[Member]> = Vec::new();
    let mut start = 0;
    while start < members.len() {
        let unit = members[start].unit;
        let end = start
            + members[start..]
                .iter()
                .take_while(|m| m.unit == unit)
                .count();
        by_unit.push(&members[start..end]);
        start = end;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::io::Result<Written>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut written = Written::default();
                    loop {
                        let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(unit) = by_unit.get(at) else {
                            return Ok(written);
                        };
                        if hands_in_rollup(options, unit[0].unit) {
                            let path = rollup_path(root, &unit[0], options.year);
                            if let Some(dir) = path.parent() {
                                fs::create_dir_all(dir)?;
                            }
                            let json = chi_bo_rollup(options, unit, options.year).to_json();
                            written.members += unit.len();
                            written.bytes += json.len() as u64;
                            written.files += 1;
                            fs::write(path, json)?;
                            continue;
                        }
                        let dir = unit_dir(root, &unit[0]);
                        fs::create_dir_all(&dir)?;
                        fs::write(dir.join("danh-sach.csv"), roster_csv(unit))?;
                        for member in unit.iter() {
                            written.members += 1;
                            if let Some((name, json)) = member_file(options, member, options.year) {
                                written.bytes += json.len() as u64;
                                written.files += 1;
                                fs::write(dir.join(name), json)?;
                            }
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a worker stopped")))
            })
            .collect()
    });
    let mut total = Written::default();
    for r in results {
        let w = r?;
        total.files += w.files;
        total.bytes += w.bytes;
        total.members += w.members;
    }
    Ok(total)
}
