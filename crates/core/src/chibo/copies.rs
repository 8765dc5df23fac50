//! Copied pledges and reviews across members ("sao chép giống nhau", seed 001): groups of texts
//! (commitments, review sections) from different members that are identical or nearly so, with the
//! linter's measure (Jaccard similarity of 3-word shingles of the folded text, at the linter's
//! threshold).
//!
//! Identical texts are grouped first by their shingles; near copies are found among the distinct
//! texts by the linter's exact self-join (`analysis::lint::similar_pairs`, prefix filtering with
//! the rarest shingles first), so no pair is compared that shares no rare shingle, and none at the
//! threshold is missed: the same check serves a chi bộ's 155 files and a province's 64,089.

use std::collections::HashMap;

use crate::analysis::lint::{shingles_of_words, similar_pairs, similarity, LintConfig, Shingles};
use crate::base::number::format_decimal;
use crate::base::text::words;
use crate::chibo::messages::{ctf, ChiBoMsg};

/// One text of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The member's name as shown.
    pub member: String,
    /// Where the text is: "Cam kết 3" or the section's id.
    pub place: String,
    pub text: String,
}

/// A group of texts from at least two members that are copies of each other.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyGroup {
    /// Indices into the texts given, in their order.
    pub texts: Vec<usize>,
    /// The members, each once, in the order of their first text.
    pub members: Vec<String>,
    /// The lowest similarity of a text of the group to the group's first text.
    pub similarity: f64,
}

impl CopyGroup {
    /// "4 đồng chí có nội dung giống nhau 100%: An, Bình, …".
    pub fn sentence(&self) -> String {
        let percent = format!("{}%", format_decimal((self.similarity * 100.0).floor(), 0));
        ctf(
            ChiBoMsg::CopyGroup,
            &[
                ("count", &self.members.len().to_string()),
                ("percent", &percent),
                ("members", &self.members.join(", ")),
            ],
        )
    }
}

/// Texts shorter than this many words are not compared: "Không có." copies nothing.
const MIN_WORDS: usize = 6;

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// The groups of copies among `texts`, largest first. Texts of one member are never a group on
/// their own (the member's own linter says that). Exact: see [`group_copies`].
pub fn copy_groups(texts: &[Text]) -> Vec<CopyGroup> {
    let mut names: HashMap<&str, u32> = HashMap::new();
    let owners: Vec<u32> = texts
        .iter()
        .map(|t| {
            let next = names.len() as u32;
            *names.entry(t.member.as_str()).or_insert(next)
        })
        .collect();
    let sets: Vec<Shingles> = texts.iter().map(|t| text_shingles(&t.text)).collect();
    group_copies(&owners, &sets)
        .into_iter()
        .map(|g| {
            let mut members: Vec<String> = Vec::new();
            let mut seen: std::collections::HashSet<u32> = Default::default();
            for &i in &g.texts {
                if seen.insert(owners[i]) {
                    members.push(texts[i].member.clone());
                }
            }
            CopyGroup {
                texts: g.texts,
                members,
                similarity: g.similarity,
            }
        })
        .collect()
}

/// The shingles the copy check compares a text by: the linter's, and none for a text too short to
/// copy anything ("Không có.").
pub fn text_shingles(text: &str) -> Shingles {
    let words = words(text);
    if words.len() < MIN_WORDS {
        Shingles::default()
    } else {
        shingles_of_words(&words, LintConfig::get().shingle_words)
    }
}

/// A group of copied texts by position, for callers that keep texts their own way.
#[derive(Debug, Clone, PartialEq)]
pub struct SetGroup {
    /// Positions of the texts, ascending.
    pub texts: Vec<usize>,
    /// How many different owners the texts have (at least two).
    pub owners: usize,
    /// The lowest similarity of a text of the group to the group's first text.
    pub similarity: f64,
}

/// The groups of copies among texts given as their shingles ([`text_shingles`]) and owners (a
/// member each), largest first. Identical texts (the same shingles) are grouped first; every pair
/// of distinct texts of different owners at the linter's threshold is then found by the linter's
/// self-join (`similar_pairs`) and joined, so a group is a chain of such pairs. Memory is the
/// sets and a few words per text, so a province's million texts fit.
pub fn group_copies(owners: &[u32], sets: &[Shingles]) -> Vec<SetGroup> {
    let config = LintConfig::get();
    let eligible = |i: usize| !sets[i].is_empty();
    let mut parent: Vec<usize> = (0..sets.len()).collect();

    // Identical texts (the same shingles), whatever their case or punctuation.
    let mut first: Vec<usize> = Vec::new();
    let mut same: HashMap<&[u64], usize> = HashMap::new();
    for i in (0..sets.len()).filter(|&i| eligible(i)) {
        match same.get(sets[i].as_slice()) {
            Some(&j) => union(&mut parent, i, j),
            None => {
                same.insert(sets[i].as_slice(), i);
                first.push(i);
            }
        }
    }
    drop(same);

    // Near copies among the distinct texts, joined unless of one owner (the member's own linter
    // says that) or already in one group.
    let distinct: Vec<&Shingles> = first.iter().map(|&i| &sets[i]).collect();
    similar_pairs(&distinct, config.similarity, |a, b, _| {
        let (a, b) = (first[a], first[b]);
        if owners[a] != owners[b] {
            union(&mut parent, a, b);
        }
    });

    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in (0..sets.len()).filter(|&i| eligible(i)) {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<SetGroup> = groups
        .into_values()
        .filter_map(|mut texts| {
            texts.sort_unstable();
            let mut seen: std::collections::HashSet<u32> = Default::default();
            let owners_count = texts.iter().filter(|&&i| seen.insert(owners[i])).count();
            if owners_count < 2 {
                return None;
            }
            let first = texts[0];
            let similarity = texts
                .iter()
                .map(|&i| similarity(&sets[first], &sets[i]))
                .fold(1.0, f64::min);
            Some(SetGroup {
                texts,
                owners: owners_count,
                similarity,
            })
        })
        .collect();
    out.sort_by(|a, b| b.owners.cmp(&a.owners).then(a.texts[0].cmp(&b.texts[0])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lint::shingles;

    fn text(member: &str, text: &str) -> Text {
        Text {
            member: member.into(),
            place: "Cam kết 1".into(),
            text: text.into(),
        }
    }

    #[test]
    fn identical_and_nearly_identical_texts_of_different_members_form_groups() {
        let copied = "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, quy định của địa phương.";
        let texts = vec![
            text("An", copied),
            text("Bình", &copied.to_uppercase()),
            text("Cường", &copied.replace("địa phương", "địa phương mình")),
            text("Dung", "Hoàn thành số hoá 1.200 hồ sơ đất đai của xã trước ngày 30/9, mỗi tháng báo cáo tiến độ với chi bộ."),
            text("An", copied),
            text("Em", "Không có."),
        ];
        let groups = copy_groups(&texts);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].members, ["An", "Bình", "Cường"]);
        assert_eq!(groups[0].texts, [0, 1, 2, 4]);
        assert!(groups[0].similarity >= 0.9 && groups[0].similarity < 1.0);
        assert!(groups[0]
            .sentence()
            .starts_with("3 đồng chí có nội dung giống nhau"));
    }

    #[test]
    fn one_members_repeated_text_is_not_a_group() {
        let t = "Tích cực học tập nâng cao trình độ lý luận chính trị, chuyên môn, nghiệp vụ để hoàn thành nhiệm vụ.";
        assert!(copy_groups(&[text("An", t), text("An", t)]).is_empty());
    }

    #[test]
    fn the_index_finds_what_comparing_every_pair_finds_on_planted_copies() {
        // 300 distinct texts from a small generator, and 30 planted near copies of them.
        let mut state = 0x9e37_79b9_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let vocabulary: Vec<String> = (0..400).map(|i| format!("từ{i}")).collect();
        let mut texts: Vec<Text> = (0..300)
            .map(|i| {
                let words: Vec<&str> = (0..30)
                    .map(|_| vocabulary[(next() % 400) as usize].as_str())
                    .collect();
                text(&format!("M{i}"), &words.join(" "))
            })
            .collect();
        for k in 0..30 {
            let source = texts[k * 7].text.clone();
            let mut words: Vec<&str> = source.split(' ').collect();
            words.push("thêm");
            texts.push(text(&format!("C{k}"), &words.join(" ")));
        }
        let groups = copy_groups(&texts);
        let config = LintConfig::get();
        let sets: Vec<Shingles> = texts
            .iter()
            .map(|t| shingles(&t.text, config.shingle_words))
            .collect();
        let mut all_pairs = 0;
        for a in 0..texts.len() {
            for b in a + 1..texts.len() {
                if similarity(&sets[a], &sets[b]) >= config.similarity {
                    all_pairs += 1;
                    assert!(
                        groups
                            .iter()
                            .any(|g| g.texts.contains(&a) && g.texts.contains(&b)),
                        "pair {a} {b} missed"
                    );
                }
            }
        }
        assert_eq!(all_pairs, 30);
        assert_eq!(groups.len(), 30);
    }

    #[test]
    fn a_near_copy_of_a_text_hundreds_share_is_in_their_group() {
        // Every shingle of the variant is shared by 300 texts: a candidate step that passes over
        // common shingles (the chi bộ check before the self-join) missed it.
        let boilerplate = "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, quy định của địa phương nơi cư trú.";
        let mut texts: Vec<Text> = (0..300)
            .map(|i| text(&format!("M{i}"), boilerplate))
            .collect();
        texts.push(text("Z", &format!("{boilerplate} Luôn luôn")));
        texts.push(text(
            "Y",
            "Hoàn thành số hoá 1.200 hồ sơ đất đai của xã trước ngày 30/9, mỗi tháng báo cáo.",
        ));
        let groups = copy_groups(&texts);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members.len(), 301);
        assert!(groups[0].members.iter().any(|m| m == "Z"));
        assert!(groups[0].similarity >= 0.9 && groups[0].similarity < 1.0);
    }
}
