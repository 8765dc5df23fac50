//! The linter: findings on vague or copied text, each with a reason and a suggestion.
//!
//! - a commitment with no measurable target or no deadline;
//! - text identical or nearly identical (word-shingle Jaccard similarity at least
//!   `similarity`, 90% by default) to the template's examples, to common sample pledges, to another
//!   commitment or section of the same document, to another document of the member, or to a
//!   colleague's exported file loaded to compare;
//! - text too short to be specific (`min_chars`, overridable per template section);
//! - generic phrases ("chấp hành tốt") in a sentence that has no number.
//!
//! The thresholds, the phrases and the samples are data (`reference/lint.json`).
//!
//! Text is compared as words ([`crate::base::text::words`]): case folded, Vietnamese letters composed,
//! diacritics kept.

use crate::base::messages::{et, etf, EditorMsg};
pub use crate::base::text::words;
use crate::forms::field::{CommitmentPart, FieldId, QuestionPart};
use crate::forms::template::{SectionKind, Template};
use crate::model::document::Document;
use crate::model::pledge::Deadline;

/// The linter's settings and word lists, from `reference/lint.json` (turned into this static by
/// `build.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct LintConfig {
    /// Words per shingle.
    pub shingle_words: usize,
    /// The similarity from which two texts count as copies (0..=1).
    pub similarity: f64,
    /// The length under which a filled section or commitment is too short to be specific.
    pub min_chars: usize,
    /// Answers that mean "none", never too short and never copies.
    pub none_answers: &'static [&'static str],
    pub generic_phrases: &'static [GenericPhrase],
    /// Sentences of sample pledges that circulate and get copied.
    pub samples: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq)]
pub struct GenericPhrase {
    pub phrase: &'static str,
    pub suggestion: &'static str,
}

impl LintConfig {
    /// The built-in settings.
    pub fn get() -> &'static LintConfig {
        static CONFIG: LintConfig = include!(concat!(env!("OUT_DIR"), "/lint.rs"));
        &CONFIG
    }
}

/// The generic phrases as folded words between spaces (`" chấp hành tốt "`), folded once.
fn phrase_words() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        LintConfig::get()
            .generic_phrases
            .iter()
            .map(|p| format!(" {} ", words(p.phrase).join(" ")))
            .collect()
    })
}

/// Whether a text just says "none" ("Không có.").
pub fn is_none_answer(text: &str) -> bool {
    // "Không có gì." and the like are short; a long text is never one of them.
    if text.len() > 60 {
        return false;
    }
    let words = words(text).join(" ");
    LintConfig::get().none_answers.contains(&words.as_str())
}

/// The word shingles of a text, hashed, sorted and without repeats. A text shorter than a shingle
/// is one shingle.
pub fn shingles(text: &str, size: usize) -> Shingles {
    shingles_of_words(&words(text), size)
}

/// [`shingles`] of a text already split into folded words (`base::text::words`).
pub fn shingles_of_words(words: &[String], size: usize) -> Shingles {
    let size = size.max(1);
    // FNV-1a over the words of the window, with a separator: small and stable across builds.
    let hash = |ws: &[String]| {
        ws.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, w| {
            w.bytes()
                .chain(std::iter::once(0xff))
                .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        })
    };
    let windows: Vec<&[String]> = if words.len() < size {
        vec![words]
    } else {
        words.windows(size).collect()
    };
    // Kept sorted by inserting in place: texts have at most a few hundred shingles, and a sort
    // routine would cost the bundle more than it saves in time.
    let mut hashes: Vec<u64> = Vec::with_capacity(windows.len());
    for window in windows.into_iter().filter(|w| !w.is_empty()) {
        let h = hash(window);
        if let Err(at) = hashes.binary_search(&h) {
            hashes.insert(at, h);
        }
    }
    Shingles(hashes)
}

/// A set of shingle hashes (sorted, no repeats).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles(Vec<u64>);

impl Shingles {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The hashes, sorted.
    pub fn as_slice(&self) -> &[u64] {
        &self.0
    }
}

/// The Jaccard similarity of two shingle sets (0 when either is empty).
pub fn similarity(a: &Shingles, b: &Shingles) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0_usize);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].cmp(&b.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// How many of a set's shingles (of `len`, rarest first) must be looked up to meet one of every set
/// at `threshold` or above: a set at the threshold shares at least `⌈t·len⌉` of them, so any
/// `len − ⌈t·len⌉ + 1` include one (at least 1, at most `len`).
fn probe_prefix(len: usize, threshold: f64) -> usize {
    let need = ((threshold * len as f64) - 1e-9).ceil().max(1.0) as usize;
    (len + 1).saturating_sub(need).clamp(1, len.max(1))
}

/// Shingle sets indexed so that every set whose Jaccard similarity to a query reaches a threshold
/// is found without comparing the query with every set: prefix filtering (Chaudhuri, Ganti and
/// Kaushik 2006; Bayardo, Ma and Srikant 2007). If `J(Q, E) ≥ t` then `|Q ∩ E| ≥ t·|Q|`, so any
/// `|Q| − ⌈t·|Q|⌉ + 1` shingles of `Q` include one of `E`'s: only the sets listed under those
/// shingles are candidates, and the query takes the ones listed under the fewest sets. Candidates
/// are then measured exactly. Nothing at or above the threshold is missed and nothing below it is
/// reported (`the_index_finds_every_pair_that_comparing_every_pair_finds`).
#[derive(Debug, Clone, Default)]
pub struct SimilarIndex {
    sets: Vec<Shingles>,
    postings: std::collections::HashMap<u64, Vec<u32>>,
}

impl SimilarIndex {
    /// Adds a set; returns its position.
    pub fn push(&mut self, set: Shingles) -> usize {
        let at = self.sets.len();
        let id = u32::try_from(at).unwrap_or(u32::MAX);
        for &s in set.as_slice() {
            self.postings.entry(s).or_default().push(id);
        }
        self.sets.push(set);
        at
    }

    pub fn len(&self) -> usize {
        self.sets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The set at a position.
    pub fn get(&self, at: usize) -> Option<&Shingles> {
        self.sets.get(at)
    }

    /// Every set whose similarity to `query` is at least `threshold` (above 0), with it, in the
    /// order the sets were added.
    pub fn similar(&self, query: &Shingles, threshold: f64) -> Vec<(usize, f64)> {
        let q = query.len();
        if q == 0 || threshold <= 0.0 {
            return Vec::new();
        }
        let prefix = probe_prefix(q, threshold);
        let mut lists: Vec<&[u32]> = query
            .as_slice()
            .iter()
            .map(|s| self.postings.get(s).map_or(&[][..], Vec::as_slice))
            .collect();
        crate::base::util::sort_small(&mut lists, |a, b| a.len() < b.len());
        let mut seen = vec![false; self.sets.len()];
        let mut out = Vec::new();
        for &id in lists.iter().take(prefix).flat_map(|l| l.iter()) {
            let at = id as usize;
            if std::mem::replace(&mut seen[at], true) {
                continue;
            }
            let set = &self.sets[at];
            // A set too much smaller or larger cannot reach the threshold.
            let (small, large) = (q.min(set.len()) as f64, q.max(set.len()) as f64);
            if small < threshold * large - 1e-9 {
                continue;
            }
            let s = similarity(query, set);
            if s >= threshold {
                out.push((at, s));
            }
        }
        crate::base::util::sort_small(&mut out, |a, b| a.0 < b.0);
        out
    }
}

/// A set listed under one of its prefix shingles: its place among the sets by size, the shingle's
/// position in it, and its size.
#[derive(Debug, Clone, Copy)]
struct Posting {
    set: u32,
    at: u32,
    len: u32,
}

/// The number of values two sorted lists share, if it is at least `needed`; `None` as soon as
/// the values left cannot make it up.
fn overlap_at_least(a: &[u32], b: &[u32], needed: usize) -> Option<usize> {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if common + (a.len() - i).min(b.len() - j) < needed {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (common >= needed).then_some(common)
}

/// Every pair of `sets` whose similarity is at least `threshold` (above 0), given to `pair` as
/// `(a, b, similarity)` with `a < b`, found without
/// comparing every pair: the PPJoin self-join (Xiao, Wang, Lin and Yu 2008, after AllPairs by
/// Bayardo, Ma and Srikant 2007). Shingles are ranked rarest first across the sets and the sets
/// taken smallest first. A pair at the threshold, `y` before `x`, shares at least
/// `α = ⌈t/(1+t)·(|x|+|y|)⌉` shingles, so it shares one among the first `|x| − ⌈t·|x|⌉ + 1` of `x`
/// and the first `|y| − ⌈2t/(1+t)·|y|⌉ + 1` of `y`: only those prefixes are indexed and looked
/// up. A candidate is dropped when its size cannot reach the threshold, or when the shingles
/// found so far plus those left after the match positions cannot reach `α`; the rest are measured
/// exactly. So it is exact like [`SimilarIndex`] (`the_self_join_finds_every_pair_that_comparing_
/// every_pair_finds`), and its cost grows with the pairs that share rare shingles early, not with
/// the square of the sets: a shingle shared by thousands of texts is ranked late and rarely looked
/// up, and texts that share only such shingles are pruned by position.
pub fn similar_pairs(sets: &[&Shingles], threshold: f64, mut pair: impl FnMut(usize, usize, f64)) {
    if threshold <= 0.0 || sets.len() < 2 {
        return;
    }
    // Rank each shingle by how many sets have it, rarest first (ties by hash: deterministic).
    let mut frequency: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for set in sets {
        for &s in set.as_slice() {
            *frequency.entry(s).or_default() += 1;
        }
    }
    let mut order: Vec<(u32, u64)> = frequency.iter().map(|(&s, &n)| (n, s)).collect();
    drop(frequency);
    order.sort_unstable();
    let rank: std::collections::HashMap<u64, u32> = order
        .iter()
        .enumerate()
        .map(|(r, &(_, s))| (s, r as u32))
        .collect();
    drop(order);
    // The sets smallest first, as ranks in one block: `tokens[start[k]..start[k + 1]]` is the
    // `k`-th, which is `sets[original[k]]`.
    let mut original: Vec<usize> = (0..sets.len()).filter(|&i| !sets[i].is_empty()).collect();
    original.sort_unstable_by_key(|&i| (sets[i].len(), i));
    let mut tokens: Vec<u32> = Vec::with_capacity(original.iter().map(|&i| sets[i].len()).sum());
    let mut start: Vec<usize> = Vec::with_capacity(original.len() + 1);
    for &i in &original {
        start.push(tokens.len());
        let from = tokens.len();
        tokens.extend(sets[i].as_slice().iter().map(|s| rank[s]));
        tokens[from..].sort_unstable();
    }
    start.push(tokens.len());
    drop(rank);
    let set_of = |k: usize| &tokens[start[k]..start[k + 1]];
    let at_least = |share: f64| (share - 1e-9).ceil().max(1.0) as usize;
    let largest = original.last().map_or(0, |&i| sets[i].len());
    // The overlap a pair needs, by the sum of its sizes: ⌈t/(1+t)·(|x|+|y|)⌉.
    let needed: Vec<usize> = (0..=2 * largest)
        .map(|sum| at_least(threshold / (1.0 + threshold) * sum as f64))
        .collect();
    let index_prefix = |len: usize| {
        (len + 1).saturating_sub(at_least(2.0 * threshold / (1.0 + threshold) * len as f64))
    };
    // An entry carries the set's size, so the scan reads no other memory but the overlaps. Each
    // list keeps the start of the sets still large enough (the ones before it never are again).
    let mut postings: std::collections::HashMap<u32, (usize, Vec<Posting>)> =
        std::collections::HashMap::new();
    // The overlap found so far with each candidate of the set being probed; `PRUNED` once the
    // positions show it cannot reach the threshold.
    const PRUNED: u32 = u32::MAX;
    let mut overlap = vec![0_u32; original.len()];
    let mut candidates: Vec<u32> = Vec::new();
    for k in 0..original.len() {
        let set = set_of(k);
        let len = set.len();
        let smallest = threshold * len as f64 - 1e-9;
        for (i, token) in set[..probe_prefix(len, threshold)].iter().enumerate() {
            let Some((first, list)) = postings.get_mut(token) else {
                continue;
            };
            // Sets come smallest first: those too small for this one are too small for every
            // later one, so they are passed over for good.
            while *first < list.len() && (list[*first].len as f64) < smallest {
                *first += 1;
            }
            for &Posting {
                set: y,
                at: j,
                len: other,
            } in &list[*first..]
            {
                let found = &mut overlap[y as usize];
                if *found == PRUNED {
                    continue;
                }
                let other = other as usize;
                let left = 1 + (len - i - 1).min(other - j as usize - 1);
                if *found == 0 {
                    candidates.push(y);
                }
                if *found as usize + left >= needed[len + other] {
                    *found += 1;
                } else {
                    *found = PRUNED;
                }
            }
        }
        for &y in &candidates {
            let found = std::mem::replace(&mut overlap[y as usize], 0);
            if found == PRUNED {
                continue;
            }
            // Measured on the ranks, rarest first: sets that differ do so early, and the merge
            // stops as soon as the shingles left cannot make up the overlap needed.
            let other = set_of(y as usize);
            let Some(common) = overlap_at_least(set, other, needed[len + other.len()]) else {
                continue;
            };
            let (a, b) = {
                let (p, q) = (original[k], original[y as usize]);
                (p.min(q), p.max(q))
            };
            let s = common as f64 / (len + other.len() - common) as f64;
            if s >= threshold {
                pair(a, b, s);
            }
        }
        candidates.clear();
        for (j, &token) in set[..index_prefix(len).clamp(1, len)].iter().enumerate() {
            postings.entry(token).or_default().1.push(Posting {
                set: k as u32,
                at: j as u32,
                len: len as u32,
            });
        }
    }
}

/// Where a text compared against comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// An example of the template or a common sample pledge.
    Example,
    /// Another document of the member (its title).
    Mine(String),
    /// A colleague's file loaded to compare (its name).
    Colleague(String),
}

#[derive(Debug, Clone)]
struct Entry {
    source: Source,
    /// The document the text belongs to, so a document is not compared with itself.
    document: Option<String>,
}

/// The texts a document is compared against: built once per opened document, searched through
/// an index on every keystroke, so a keystroke's cost does not grow with the documents on the
/// device. A text found several times (copied, carried over) is indexed once, with every place it
/// comes from. The open document's own texts are compared among themselves, not indexed.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Where each set of the index comes from, by its position there.
    entries: Vec<Vec<Entry>>,
    index: SimilarIndex,
    /// The positions of the sets with a given hash of their shingles, to find a repeated text
    /// (the same map type as the index's postings, so the bundle carries one).
    by_hash: std::collections::HashMap<u64, Vec<u32>>,
}

/// The texts of a document worth comparing: its sections and commitments.
fn texts(document: &Document) -> impl Iterator<Item = &str> {
    document
        .answers
        .iter()
        .map(|a| a.text.as_str())
        .chain(document.commitments.iter().map(|c| c.content.as_str()))
}

impl Corpus {
    /// The samples of the settings and the examples of every template.
    pub fn with_examples() -> Corpus {
        let mut corpus = Corpus::default();
        let config = LintConfig::get();
        let examples = Template::all()
            .iter()
            .flat_map(|t| t.sections.iter().map(move |s| t.examples(s)))
            .flat_map(|e| e.iter().copied());
        for text in config.samples.iter().copied().chain(examples) {
            corpus.push(Source::Example, None, text);
        }
        corpus
    }

    fn push(&mut self, source: Source, document: Option<&str>, text: &str) {
        if is_none_answer(text) {
            return;
        }
        let shingles = shingles(text, LintConfig::get().shingle_words);
        // Too few words to say two texts were copied: "Không có vướng mắc" is written by everyone.
        if shingles.len() < 3 {
            return;
        }
        let entry = Entry {
            source,
            document: document.map(str::to_owned),
        };
        let key = shingles
            .as_slice()
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, s| {
                (h ^ s).wrapping_mul(0x0100_0000_01b3)
            });
        let same = self.by_hash.entry(key).or_default();
        match same
            .iter()
            .find(|&&at| self.index.get(at as usize) == Some(&shingles))
        {
            Some(&at) => self.entries[at as usize].push(entry),
            None => {
                let at = self.index.push(shingles);
                same.push(u32::try_from(at).unwrap_or(u32::MAX));
                self.entries.push(vec![entry]);
            }
        }
    }

    /// Adds the member's other documents.
    pub fn add_mine(&mut self, document: &Document) {
        for text in texts(document) {
            self.push(
                Source::Mine(document.title.clone()),
                Some(&document.id),
                text,
            );
        }
    }

    /// Adds the documents of a colleague's file.
    pub fn add_colleague(&mut self, file_name: &str, documents: &[Document]) {
        for document in documents {
            for text in texts(document) {
                self.push(Source::Colleague(file_name.to_owned()), None, text);
            }
        }
    }

    /// The most similar text at or above the threshold, skipping the document `skip` and the
    /// documents in `carried_from`.
    fn closest(
        &self,
        text: &Shingles,
        skip: &str,
        carried_from: Option<&str>,
    ) -> Option<(&Source, f64)> {
        let threshold = LintConfig::get().similarity;
        self.index
            .similar(text, threshold)
            .into_iter()
            .flat_map(|(at, s)| self.entries[at].iter().map(move |e| (e, s)))
            .filter(|(e, _)| e.document.as_deref() != Some(skip))
            .filter(|(e, _)| carried_from.is_none() || e.document.as_deref() != carried_from)
            .map(|(e, s)| (&e.source, s))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    NoTarget,
    NoDeadline,
    CopiedExample,
    CopiedMine,
    CopiedColleague,
    Repeated,
    TooShort,
    Generic,
}

/// One finding: where, why, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The field the finding is about.
    pub field: FieldId,
    pub kind: FindingKind,
    pub reason: String,
    pub suggestion: String,
}

/// Every finding of a document, in form order.
pub fn lint(document: &Document, template: &Template, corpus: &Corpus) -> Vec<Finding> {
    let config = LintConfig::get();
    let mut findings = Vec::new();
    // Each text is cut into shingles once, then compared with every other.
    let answers: Vec<(&str, Shingles)> = document
        .answers
        .iter()
        .map(|a| (a.section.as_str(), shingles(&a.text, config.shingle_words)))
        .collect();
    let commitments: Vec<(&str, Shingles)> = document
        .commitments
        .iter()
        .map(|c| (c.id.as_str(), shingles(&c.content, config.shingle_words)))
        .collect();
    for section in template.sections {
        let min = section.min_chars.unwrap_or(config.min_chars);
        match section.kind {
            SectionKind::Text => {
                let field = FieldId::Section(section.id.to_owned());
                let text = document.answer(section.id);
                let (own, others) = own_and_others(&answers, section.id);
                check_text(
                    &field,
                    text,
                    own,
                    min,
                    document,
                    others,
                    corpus,
                    None,
                    &mut findings,
                );
            }
            SectionKind::Commitments => {
                for c in document
                    .commitments
                    .iter()
                    .filter(|c| c.section == section.id)
                {
                    let field = FieldId::Commitment(c.id.clone(), CommitmentPart::Content);
                    let (own, others) = own_and_others(&commitments, &c.id);
                    let carried = c.origin.as_ref().map(|o| o.document.as_str());
                    check_text(
                        &field,
                        &c.content,
                        own,
                        min,
                        document,
                        others,
                        corpus,
                        carried,
                        &mut findings,
                    );
                    if c.content.trim().is_empty() {
                        continue;
                    }
                    if !c.target.as_ref().is_some_and(|t| t.is_measurable()) {
                        findings.push(Finding {
                            field: FieldId::Commitment(c.id.clone(), CommitmentPart::TargetKind),
                            kind: FindingKind::NoTarget,
                            reason: et(EditorMsg::LintNoTarget).to_owned(),
                            suggestion: et(EditorMsg::LintNoTargetHint).to_owned(),
                        });
                    }
                    if Deadline::parse(&c.deadline).is_none() {
                        findings.push(Finding {
                            field: FieldId::Commitment(c.id.clone(), CommitmentPart::Deadline),
                            kind: FindingKind::NoDeadline,
                            reason: et(EditorMsg::LintNoDeadline).to_owned(),
                            suggestion: et(EditorMsg::LintNoDeadlineHint).to_owned(),
                        });
                    }
                }
            }
            // Each answer of a "bài thu hoạch", like a section's text: too short, a generic
            // phrase, copied from another answer or from a colleague's file.
            SectionKind::Questions => {
                let answers: Vec<(&str, Shingles)> = document
                    .questions
                    .iter()
                    .map(|q| (q.id.as_str(), shingles(&q.answer, config.shingle_words)))
                    .collect();
                for q in &document.questions {
                    let field = FieldId::Question(q.id.clone(), QuestionPart::Answer);
                    let (own, others) = own_and_others(&answers, &q.id);
                    check_text(
                        &field,
                        &q.answer,
                        own,
                        min,
                        document,
                        others,
                        corpus,
                        None,
                        &mut findings,
                    );
                }
            }
            SectionKind::Heading | SectionKind::Scores | SectionKind::Rating => {}
        }
    }
    findings
}

/// A text's shingles, and those of every other text of the same kind in the document.
fn own_and_others<'a>(
    texts: &'a [(&str, Shingles)],
    key: &'a str,
) -> (Option<&'a Shingles>, impl Iterator<Item = &'a Shingles>) {
    let own = texts.iter().find(|(id, _)| *id == key).map(|(_, s)| s);
    let others = texts
        .iter()
        .filter(move |(id, _)| *id != key)
        .map(|(_, s)| s);
    (own, others)
}

#[allow(clippy::too_many_arguments)]
fn check_text<'a>(
    field: &FieldId,
    text: &str,
    own: Option<&Shingles>,
    min_chars: usize,
    document: &Document,
    siblings: impl Iterator<Item = &'a Shingles>,
    corpus: &Corpus,
    carried_from: Option<&str>,
    findings: &mut Vec<Finding>,
) {
    let config = LintConfig::get();
    let trimmed = text.trim();
    if trimmed.is_empty() || is_none_answer(trimmed) {
        return;
    }
    let length = trimmed.chars().count();
    if length < min_chars {
        findings.push(Finding {
            field: field.clone(),
            kind: FindingKind::TooShort,
            reason: etf(
                EditorMsg::LintTooShort,
                &[
                    ("length", &length.to_string()),
                    ("min", &min_chars.to_string()),
                ],
            ),
            suggestion: et(EditorMsg::LintTooShortHint).to_owned(),
        });
    }
    let Some(own) = own else { return };
    let percent = |s: f64| crate::base::number::format_decimal((s * 100.0).floor(), 0);
    let copied = if own.len() < 3 {
        None
    } else if let Some(s) = siblings
        .map(|o| similarity(own, o))
        .filter(|s| *s >= config.similarity)
        .max_by(f64::total_cmp)
    {
        Some((
            FindingKind::Repeated,
            etf(EditorMsg::LintRepeated, &[("percent", &percent(s))]),
        ))
    } else {
        corpus
            .closest(own, &document.id, carried_from)
            .map(|(source, s)| match source {
                Source::Example => (
                    FindingKind::CopiedExample,
                    etf(EditorMsg::LintCopiedExample, &[("percent", &percent(s))]),
                ),
                Source::Mine(title) => (
                    FindingKind::CopiedMine,
                    etf(
                        EditorMsg::LintCopiedMine,
                        &[("percent", &percent(s)), ("title", title)],
                    ),
                ),
                Source::Colleague(file) => (
                    FindingKind::CopiedColleague,
                    etf(
                        EditorMsg::LintCopiedColleague,
                        &[("percent", &percent(s)), ("file", file)],
                    ),
                ),
            })
    };
    if let Some((kind, reason)) = copied {
        findings.push(Finding {
            field: field.clone(),
            kind,
            reason,
            suggestion: et(EditorMsg::LintCopiedHint).to_owned(),
        });
    }
    // Generic phrases, sentence by sentence: a sentence with a number has a measure.
    for sentence in trimmed.split(['.', ';', '!', '?', '\n']) {
        if sentence.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let sentence_words = format!(" {} ", words(sentence).join(" "));
        if let Some(phrase) = config
            .generic_phrases
            .iter()
            .zip(phrase_words())
            .find(|(_, w)| sentence_words.contains(w.as_str()))
            .map(|(p, _)| p)
        {
            findings.push(Finding {
                field: field.clone(),
                kind: FindingKind::Generic,
                reason: etf(EditorMsg::LintGeneric, &[("phrase", phrase.phrase)]),
                suggestion: phrase.suggestion.to_owned(),
            });
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded generator for the index's test: xorshift, good enough to make texts differ.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as usize
        }
    }

    /// 1,000 generated texts of 20 to 60 words, with 60 near copies planted: one word changed,
    /// added or dropped, or copied as it is.
    fn planted_texts() -> Vec<String> {
        const VOCABULARY: &str = "hoàn thành nhiệm vụ chi bộ đảng viên sinh hoạt hồ sơ tiếp nhận \
            số hoá lưu trữ kiểm tra giám sát báo cáo tuần tháng quý năm đúng hạn chất lượng phường \
            xã người dân thủ tục hướng dẫn cán bộ mới tham gia đầy đủ ý kiến xây dựng học tập nghị \
            quyết tư tưởng đạo đức phong cách rèn luyện tu dưỡng phấn đấu cam kết thực hiện";
        let words: Vec<&str> = VOCABULARY.split_whitespace().collect();
        let mut rng = Rng(20261202);
        let mut texts: Vec<String> = (0..1000)
            .map(|_| {
                let n = 20 + rng.next() % 40;
                (0..n)
                    .map(|_| words[rng.next() % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        // Planted near copies: 60 texts copied from earlier ones with one word changed, added or
        // dropped, or copied as they are.
        for k in 0..60 {
            let from = rng.next() % 900;
            let mut copy: Vec<&str> = texts[from].split(' ').collect();
            match k % 4 {
                0 => {
                    let at = rng.next() % copy.len();
                    copy[at] = "khác";
                }
                1 => copy.push("thêm"),
                2 => {
                    copy.pop();
                }
                _ => {}
            }
            let to = 900 + (k % 100);
            texts[to] = copy.join(" ");
        }
        texts
    }

    /// Every pair at or above `threshold`, by comparing every pair: what the indexes must find.
    fn all_pairs(sets: &[Shingles], threshold: f64) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in 0..i {
                if similarity(&sets[i], &sets[j]) >= threshold {
                    out.push((j, i));
                }
            }
        }
        out
    }

    #[test]
    fn the_index_finds_every_pair_that_comparing_every_pair_finds() {
        let texts = planted_texts();
        let sets: Vec<Shingles> = texts.iter().map(|t| shingles(t, 3)).collect();
        let threshold = 0.9;
        let all_pairs = all_pairs(&sets, threshold);
        let mut index = SimilarIndex::default();
        let mut found = Vec::new();
        let mut reported = Vec::new();
        for (i, set) in sets.iter().enumerate() {
            for (j, s) in index.similar(set, threshold) {
                found.push((j, i));
                reported.push(s);
            }
            index.push(set.clone());
        }
        assert!(
            all_pairs.len() >= 40,
            "the planted copies make pairs: {}",
            all_pairs.len()
        );
        let recalled = all_pairs.iter().filter(|p| found.contains(p)).count();
        assert!(
            recalled * 100 >= all_pairs.len() * 99,
            "recall {recalled}/{}",
            all_pairs.len()
        );
        assert_eq!(
            found, all_pairs,
            "prefix filtering is exact: the same pairs, in order"
        );
        assert!(
            reported.iter().all(|s| *s >= 0.8),
            "no pair reported below 0.8"
        );
    }

    /// The pairs a self-join reports.
    fn join(sets: &[&Shingles], threshold: f64) -> Vec<(usize, usize, f64)> {
        let mut found = Vec::new();
        similar_pairs(sets, threshold, |a, b, s| found.push((a, b, s)));
        found
    }

    #[test]
    fn the_self_join_finds_every_pair_that_comparing_every_pair_finds() {
        let texts = planted_texts();
        let sets: Vec<Shingles> = texts.iter().map(|t| shingles(t, 3)).collect();
        let refs: Vec<&Shingles> = sets.iter().collect();
        for threshold in [0.9, 0.7, 0.5] {
            let expected = all_pairs(&sets, threshold);
            let reported = join(&refs, threshold);
            let mut found: Vec<(usize, usize)> = reported.iter().map(|&(a, b, _)| (a, b)).collect();
            found.sort_unstable();
            let mut expected_sorted = expected.clone();
            expected_sorted.sort_unstable();
            assert_eq!(found, expected_sorted, "exact at {threshold}");
            assert!(reported.iter().all(|&(a, b, s)| a < b && s >= threshold));
            assert!(reported
                .iter()
                .all(|&(a, b, s)| (s - similarity(&sets[a], &sets[b])).abs() < 1e-12));
            if threshold == 0.9 {
                assert!(expected.len() >= 40, "the planted copies make pairs");
            }
        }
    }

    #[test]
    fn the_self_join_is_exact_at_the_threshold_and_on_tiny_or_empty_sets() {
        let set = |hashes: &[u64]| Shingles(hashes.to_vec());
        let sets = [
            set(&[1, 2, 3, 4, 5, 6, 7, 8, 9]),
            set(&[1]),
            set(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            Shingles::default(),
            set(&[1]),
        ];
        let refs: Vec<&Shingles> = sets.iter().collect();
        let mut found = join(&refs, 0.9);
        found.sort_by(|x, y| x.partial_cmp(y).expect("numbers"));
        assert_eq!(found, [(0, 2, 0.9), (1, 4, 1.0)]);
        assert_eq!(join(&refs, 0.91), [(1, 4, 1.0)]);
        assert!(join(&refs[..1], 0.5).is_empty());
    }

    #[test]
    fn the_index_is_exact_at_the_threshold_and_on_tiny_sets() {
        let set = |hashes: &[u64]| Shingles(hashes.to_vec());
        let mut index = SimilarIndex::default();
        index.push(set(&[1, 2, 3, 4, 5, 6, 7, 8, 9]));
        index.push(set(&[1]));
        index.push(set(&[20, 21, 22]));
        // 9 shared of 10: exactly 0.9.
        let query = set(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(index.similar(&query, 0.9), [(0, 0.9)]);
        assert!(index.similar(&query, 0.91).is_empty());
        assert_eq!(index.similar(&set(&[1]), 1.0), [(1, 1.0)]);
        assert!(index.similar(&Shingles::default(), 0.5).is_empty());
        assert_eq!(index.len(), 3);
    }
    use crate::model::document::Edit;
    use crate::model::pledge::{CommitmentEdit, Target};

    fn kinds(findings: &[Finding], field: &str) -> Vec<FindingKind> {
        findings
            .iter()
            .filter(|f| f.field.dom_id() == field)
            .map(|f| f.kind)
            .collect()
    }

    fn pledge() -> Document {
        let template = Template::pledge_for(2026);
        Document::new("p".into(), template, 2026, "2026-01-05T08:00:00.000Z")
    }

    fn add(d: &mut Document, id: &str, section: &str, content: &str) {
        d.apply(Edit::AddCommitment(crate::model::pledge::Commitment::new(
            id.into(),
            section,
        )));
        d.apply(Edit::Commitment(
            id.into(),
            CommitmentEdit::Content(content.into()),
        ));
    }

    #[test]
    fn similarity_is_one_for_the_same_words_and_low_for_different_ones() {
        let a = shingles("Dự đủ 12 buổi sinh hoạt chi bộ trong năm 2026", 3);
        let b = shingles("dự đủ 12 buổi sinh hoạt chi bộ trong năm 2026.", 3);
        assert_eq!(similarity(&a, &b), 1.0);
        let c = shingles("Số hoá 1.200 hồ sơ lưu trữ của phòng trước quý III", 3);
        assert!(similarity(&a, &c) < 0.1);
        assert_eq!(similarity(&a, &Shingles::default()), 0.0);
        let half = shingles("một hai ba bốn", 3); // 2 shingles, 1 shared with the next
        let other = shingles("hai ba bốn năm", 3);
        assert!((similarity(&half, &other) - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_specific_commitment_has_no_finding() {
        let mut d = pledge();
        add(
            &mut d,
            "c1",
            "nhiem-vu",
            "Số hoá toàn bộ hồ sơ lưu trữ năm 2020–2024 của phòng Hành chính.",
        );
        d.apply(Edit::Commitment(
            "c1".into(),
            CommitmentEdit::Target(Some(Target::Number {
                value: Some(1200.0),
                unit: "hồ sơ".into(),
            })),
        ));
        d.apply(Edit::Commitment(
            "c1".into(),
            CommitmentEdit::Deadline("Q3".into()),
        ));
        let findings = lint(&d, Template::pledge_for(2026), &Corpus::with_examples());
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn a_vague_commitment_is_flagged_for_target_deadline_length_and_phrase() {
        let mut d = pledge();
        add(&mut d, "c1", "dao-duc", "Luôn luôn gương mẫu.");
        let findings = lint(&d, Template::pledge_for(2026), &Corpus::with_examples());
        assert_eq!(
            kinds(&findings, "commitment-c1-content"),
            [FindingKind::TooShort, FindingKind::Generic]
        );
        assert_eq!(
            kinds(&findings, "commitment-c1-target"),
            [FindingKind::NoTarget]
        );
        assert_eq!(
            kinds(&findings, "commitment-c1-deadline"),
            [FindingKind::NoDeadline]
        );
        let generic = findings
            .iter()
            .find(|f| f.kind == FindingKind::Generic)
            .unwrap();
        assert!(
            generic.reason.contains("“luôn luôn gương mẫu”"),
            "{}",
            generic.reason
        );
        assert!(!generic.suggestion.is_empty());
    }

    #[test]
    fn a_generic_phrase_with_a_number_in_its_sentence_is_not_flagged() {
        let mut d = pledge();
        add(
            &mut d,
            "c1",
            "ky-luat",
            "Chấp hành tốt lịch sinh hoạt: dự đủ 12/12 buổi họp chi bộ trong năm.",
        );
        let findings = lint(&d, Template::pledge_for(2026), &Corpus::with_examples());
        assert!(!kinds(&findings, "commitment-c1-content").contains(&FindingKind::Generic));
    }

    #[test]
    fn copies_of_a_sample_another_commitment_my_other_document_or_a_colleague_are_flagged() {
        let sample = "Luôn trung thành với lý tưởng cách mạng, kiên định mục tiêu độc lập dân tộc và chủ nghĩa xã hội.";
        let mut d = pledge();
        // A sample typed with different case and decomposed diacritics is still a copy.
        add(
            &mut d,
            "c1",
            "tu-tuong",
            &crate::base::text::fold(sample).replace('ộ', "o\u{323}\u{302}"),
        );
        let template = Template::pledge_for(2026);
        let findings = lint(&d, template, &Corpus::with_examples());
        assert_eq!(
            kinds(&findings, "commitment-c1-content"),
            [FindingKind::CopiedExample]
        );

        let own =
            "Hướng dẫn 3 đảng viên mới viết bản cam kết có chỉ tiêu đo được, xong trước quý II.";
        add(&mut d, "c2", "nhiem-vu", own);
        add(&mut d, "c3", "nhiem-vu", &format!("{own} "));
        let findings = lint(&d, template, &Corpus::with_examples());
        assert_eq!(
            kinds(&findings, "commitment-c3-content"),
            [FindingKind::Repeated]
        );

        let mut last_year = pledge();
        last_year.id = "p-2025".into();
        last_year.title = "Bản cam kết năm 2025".into();
        add(
            &mut last_year,
            "x",
            "nhiem-vu",
            "Tham gia đủ 4 lớp bồi dưỡng nghiệp vụ kế toán do Sở Tài chính tổ chức trong năm.",
        );
        let mut colleague = pledge();
        add(
            &mut colleague,
            "y",
            "nhiem-vu",
            "Viết 2 bài tham luận về cải cách thủ tục hành chính cho hội nghị của ngành.",
        );
        let mut corpus = Corpus::with_examples();
        corpus.add_mine(&last_year);
        corpus.add_mine(&d); // the document itself is never its own copy
        corpus.add_colleague("ban-cua-dong-chi-A.json", &[colleague]);
        let mut mine = pledge();
        add(
            &mut mine,
            "m1",
            "nhiem-vu",
            "Tham gia đủ 4 lớp bồi dưỡng nghiệp vụ kế toán do Sở Tài chính tổ chức trong năm",
        );
        add(
            &mut mine,
            "m2",
            "nhiem-vu",
            "Viết 2 bài tham luận về cải cách thủ tục hành chính cho hội nghị của ngành!",
        );
        add(
            &mut mine,
            "m3",
            "nhiem-vu",
            "Viết 2 bài tham luận về chuyển đổi số trong lưu trữ cho hội nghị của ngành.",
        );
        let findings = lint(&mine, template, &corpus);
        let copied = findings
            .iter()
            .find(|f| f.field.dom_id() == "commitment-m1-content")
            .unwrap();
        assert_eq!(copied.kind, FindingKind::CopiedMine);
        assert!(
            copied.reason.contains("Bản cam kết năm 2025"),
            "{}",
            copied.reason
        );
        assert_eq!(
            kinds(&findings, "commitment-m2-content"),
            [FindingKind::CopiedColleague]
        );
        assert!(
            kinds(&findings, "commitment-m3-content").is_empty(),
            "similar topic, own words"
        );
    }

    #[test]
    fn review_sections_are_checked_for_length_and_phrases_but_none_answers_pass() {
        let template = Template::get("HD43-2025/2B").unwrap();
        let mut d = Document::new("r".into(), template, 2026, "2026-12-01T08:00:00.000Z");
        d.apply(Edit::Section(
            "A.I.1".into(),
            "Chấp hành tốt mọi quy định.".into(),
        ));
        d.apply(Edit::Section("A.IV".into(), "Không có.".into()));
        d.apply(Edit::Section(
            "A.I.2".into(),
            "Chủ trì 14 hồ sơ thẩm định, 12 hồ sơ xong đúng hạn, 2 hồ sơ xong trước hạn 5 ngày."
                .into(),
        ));
        let findings = lint(&d, template, &Corpus::with_examples());
        assert_eq!(
            kinds(&findings, "section-A.I.1"),
            [FindingKind::TooShort, FindingKind::Generic]
        );
        assert!(kinds(&findings, "section-A.IV").is_empty());
        assert!(kinds(&findings, "section-A.I.2").is_empty());
    }

    #[test]
    fn a_commitment_carried_from_a_review_is_not_a_copy_of_that_review() {
        let mut review = Document::new(
            "r".into(),
            Template::get("HD43-2025/2B").unwrap(),
            2025,
            "2025-12-01T08:00:00.000Z",
        );
        review.apply(Edit::Section(
            "A.VI".into(),
            "Nộp báo cáo tháng trước ngày 25 hằng tháng, không để chậm lần nào.".into(),
        ));
        let mut ids = {
            let mut n = 0;
            move || {
                n += 1;
                format!("i{n}")
            }
        };
        let next = crate::workflow::carry::pledge_from_review(
            &crate::forms::template::Forms::default(),
            &review,
            Template::pledge_for(2026),
            "2025-12-20T08:00:00.000Z",
            &mut ids,
        );
        let mut corpus = Corpus::with_examples();
        corpus.add_mine(&review);
        let findings = lint(&next, Template::pledge_for(2026), &corpus);
        assert!(
            !findings.iter().any(|f| f.kind == FindingKind::CopiedMine),
            "{findings:?}"
        );
        assert!(findings.iter().any(|f| f.kind == FindingKind::NoTarget));
    }
}
