//! The identifiers known from the record a text belongs to ([`Seeds`]), and finding them in the text: each as
//! written (ignoring case) and, for numbers, by their digits whatever the separators. Both searches are one pass
//! over the text whatever the number of seeds — a text with thousands of pasted PID segments brings thousands of
//! seeds, and searching the text once per seed was quadratic.

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::{Span, names};
use crate::redact::Category;

/// Identifiers known from the record a text belongs to (the patient's name parts, MRN, phone…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seeds {
    pub(super) names: HashSet<String>,
    pub(super) others: Vec<(Category, String)>,
}

impl Seeds {
    /// No seeds.
    pub fn new() -> Seeds {
        Seeds::default()
    }

    /// Adds a known identifier. A name is split into its parts (each found in any order and case); other
    /// identifiers are found as written or, for numbers, by their digits whatever the separators.
    pub fn add(&mut self, category: Category, value: &str) {
        let value = value.trim();
        if category == Category::Name {
            for word in value.split_whitespace().filter(|w| !Category::is_placeholder(w.trim_matches(','))) {
                let parts = names::tokens(word).into_iter().map(|t| t.key).filter(|k| k.chars().count() >= 2);
                self.names.extend(parts);
            }
        } else if Category::is_placeholder(value) {
            // Already redacted: nothing to look for.
        } else if value.chars().filter(char::is_ascii_alphanumeric).count() >= 4 {
            self.others.push((category, value.to_owned()));
        }
    }

    /// Adds a name as a document writes it for display (`Dr. P. van de Heuvel`, `Maas, Luigi Jr. MD`): without
    /// the titles before it, the suffixes and credentials after it and its particles, which alone are no name to look for (a
    /// free text saying "by van" is not about Mr van de Heuvel).
    pub(crate) fn add_written_name(&mut self, value: &str) {
        let words: Vec<&str> = value.split_whitespace().collect();
        let key = |w: &&str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let first = words.iter().take_while(|w| listed(List::Titles, &key(w))).count();
        let rest = words.get(first..).unwrap_or_default();
        let after = |w: &&&str| listed(List::Credentials, &key(w)) || SUFFIXES.contains(&key(w).as_str());
        let last = rest.len() - rest.iter().rev().take_while(after).count();
        let name = rest.get(..last).unwrap_or_default().iter().filter(|w| !listed(List::Particles, &key(w)));
        self.add(Category::Name, &name.copied().collect::<Vec<_>>().join(" "));
    }

    /// These seeds and another's.
    pub(crate) fn merged(&self, other: &Seeds) -> Seeds {
        let mut out = self.clone();
        out.names.extend(other.names.iter().cloned());
        out.others.extend(other.others.iter().cloned());
        out
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.others.is_empty()
    }
}

/// Generational suffixes written after a name (`Jr.`): no part of it to look for either.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Lists of `deid/detector_words.txt` whose words are no name to look for on their own.
#[derive(Clone, Copy)]
enum List {
    Titles,
    Credentials,
    Particles,
}

/// Whether a word (lower case) is in one of the lists.
fn listed(list: List, key: &str) -> bool {
    static WORDS: OnceLock<[HashSet<&'static str>; 3]> = OnceLock::new();
    let words = WORDS.get_or_init(|| ["titles", "credentials", "particles"].map(|l| super::words::list(l).collect()));
    let [titles, credentials, particles] = words;
    match list {
        List::Titles => titles,
        List::Credentials => credentials,
        List::Particles => particles,
    }
    .contains(key)
}

/// The seeds' identifiers other than names: as written (ignoring case), or for numbers by their digits — in the
/// order a search seed by seed gives (each seed's spans as written, then by digits), which is what
/// [`super::overlaps::resolve_overlaps`] keeps on a tie.
pub(super) fn seeded(text: &str, seeds: &Seeds) -> Vec<Span> {
    // The same seed twice finds the same spans twice, and the second copy never survives the overlaps.
    let mut seen = HashSet::new();
    let distinct: Vec<(Category, String)> = seeds
        .others
        .iter()
        .map(|(category, value)| (*category, value.to_ascii_lowercase()))
        .filter(|seed| seen.insert(seed.clone()))
        .collect();
    if distinct.is_empty() {
        return Vec::new();
    }
    // (seed, 0 as written / 1 by digits, span): sorted back into seed order at the end.
    let mut found: Vec<(usize, u8, Span)> = Vec::new();
    let span = |(start, end): (usize, usize), category: Category| Span { start, end, category, date: None };
    for (seed, range) in written(text, &distinct) {
        let category = distinct.get(seed).map_or(Category::OtherId, |(c, _)| *c);
        found.push((seed, 0, span(range, category)));
    }
    let trie = DigitTrie::new(distinct.iter().map(|(_, value)| value.chars().filter(char::is_ascii_digit)));
    if !trie.is_empty() {
        for (start, end, digits) in digit_runs(text) {
            for seed in trie.suffixes(&digits) {
                let category = distinct.get(seed).map_or(Category::OtherId, |(c, _)| *c);
                found.push((seed, 1, span((start, end), category)));
            }
        }
    }
    found.sort_by_key(|(seed, kind, span)| (*seed, *kind, span.start));
    found.into_iter().map(|(_, _, span)| span).collect()
}

/// Up to this many seeds, a search per seed (one scan of the text each) costs less than building an automaton
/// (a record brings three or four): a bounded number of scans, still linear in the text.
const FEW: usize = 8;

/// Every occurrence of each lower-case needle in the text, ignoring ASCII case, non-overlapping per needle
/// (leftmost first, as `str::find` from the end of the last one gives): (needle index, byte range).
fn written(text: &str, needles: &[(Category, String)]) -> Vec<(usize, (usize, usize))> {
    if needles.len() <= FEW {
        return written_one_by_one(text, needles);
    }
    written_at_once(text, needles).unwrap_or_else(|| written_one_by_one(text, needles))
}

/// [`written`] in one pass of an Aho-Corasick automaton, whatever the number of needles (`None` if it cannot be
/// built).
fn written_at_once(text: &str, needles: &[(Category, String)]) -> Option<Vec<(usize, (usize, usize))>> {
    let patterns = needles.iter().map(|(_, needle)| needle.as_str());
    // A contiguous NFA: linear search, and a build far cheaper than a DFA's for a set used once.
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()?;
    let mut next = vec![0; needles.len()];
    let mut out = Vec::new();
    // Overlapping matches of one needle come in order of their ends, so of their starts (one needle, one length).
    for found in automaton.find_overlapping_iter(text) {
        let needle = found.pattern().as_usize();
        let Some(from) = next.get_mut(needle) else { continue };
        if found.start() >= *from {
            *from = found.end();
            out.push((needle, (found.start(), found.end())));
        }
    }
    Some(out)
}

/// [`written`] one needle at a time.
fn written_one_by_one(text: &str, needles: &[(Category, String)]) -> Vec<(usize, (usize, usize))> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (index, (_, needle)) in needles.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = lower.get(from..).and_then(|rest| rest.find(needle.as_str())) {
            let start = from + at;
            out.push((index, (start, start + needle.len())));
            from = start + needle.len().max(1);
        }
    }
    out
}

/// The digits of the seeds with seven digits or more, read backwards into a trie: the seeds a run of digits
/// ends with are found by walking back from its last digit, as far as the longest seed at most.
struct DigitTrie {
    /// Each node's children by digit (0: none; the root is node 0, never a child).
    children: Vec<[u32; 10]>,
    /// The seeds whose digits end at each node.
    seeds: Vec<Vec<usize>>,
}

impl DigitTrie {
    fn new(seeds: impl Iterator<Item = impl DoubleEndedIterator<Item = char>>) -> DigitTrie {
        let mut trie = DigitTrie { children: vec![[0; 10]], seeds: vec![Vec::new()] };
        for (seed, digits) in seeds.enumerate() {
            let digits: Vec<char> = digits.collect();
            if digits.len() < 7 {
                continue;
            }
            let mut node = 0;
            for digit in digits.iter().rev() {
                node = trie.child_or_new(node, *digit);
            }
            if let Some(ends) = trie.seeds.get_mut(node) {
                ends.push(seed);
            }
        }
        trie
    }

    fn is_empty(&self) -> bool {
        self.children.len() == 1
    }

    /// The child of `node` by `digit`, made if it is not there.
    fn child_or_new(&mut self, node: usize, digit: char) -> usize {
        let slot = digit.to_digit(10).and_then(|d| usize::try_from(d).ok()).unwrap_or(0);
        let next = u32::try_from(self.children.len()).unwrap_or(u32::MAX);
        let Some(child) = self.children.get_mut(node).and_then(|c| c.get_mut(slot)) else { return node };
        if *child != 0 {
            return usize::try_from(*child).unwrap_or(node);
        }
        *child = next;
        self.children.push([0; 10]);
        self.seeds.push(Vec::new());
        usize::try_from(next).unwrap_or(node)
    }

    /// The seeds whose digits `digits` ends with, shortest first.
    fn suffixes(&self, digits: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut node = 0;
        for digit in digits.bytes().rev() {
            let slot = usize::from(digit.wrapping_sub(b'0'));
            match self.children.get(node).and_then(|c| c.get(slot)) {
                Some(&child) if child != 0 => node = usize::try_from(child).unwrap_or(0),
                _ => break,
            }
            out.extend(self.seeds.get(node).into_iter().flatten());
        }
        out
    }
}

/// Runs of digits with the separators numbers are written with (`(217) 555-0199`), and their digits.
fn digit_runs(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            while let Some(b) = bytes.get(i) {
                let next = bytes.get(i + 1).copied().unwrap_or_default();
                let separator = match b {
                    b'-' | b'.' | b'(' => next.is_ascii_digit(),
                    b' ' => next.is_ascii_digit() || next == b'(',
                    b')' => next.is_ascii_digit() || next == b' ',
                    _ => false,
                };
                if b.is_ascii_digit() {
                    end = i + 1;
                } else if !separator {
                    break;
                }
                i += 1;
            }
            let digits: String =
                text.get(start..end).unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
            return Some((start, end, digits));
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search as it was, seed by seed: the oracle of the one-pass search.
    fn seed_by_seed(text: &str, seeds: &Seeds) -> Vec<(usize, usize, Category)> {
        let mut out = Vec::new();
        let lower = text.to_ascii_lowercase();
        for (category, value) in &seeds.others {
            let needle = value.to_ascii_lowercase();
            let mut from = 0;
            while let Some(at) = lower.get(from..).and_then(|rest| rest.find(&needle)) {
                out.push((from + at, from + at + needle.len(), *category));
                from = from + at + needle.len().max(1);
            }
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 7 {
                out.extend(
                    digit_runs(text).filter(|(_, _, d)| d.ends_with(&digits)).map(|(s, e, _)| (s, e, *category)),
                );
            }
        }
        out
    }

    /// The spans, each once, in order (a repeated seed's copies never survive the overlaps).
    fn distinct(mut spans: Vec<(usize, usize, Category)>) -> Vec<(usize, usize, Category)> {
        let mut seen = HashSet::new();
        spans.retain(|s| seen.insert(*s));
        spans
    }

    #[test]
    fn one_pass_finds_what_a_search_per_seed_finds() {
        let mut seeds = Seeds::new();
        for (category, value) in [
            (Category::Mrn, "00482913"),
            (Category::Account, "00482913"),
            (Category::Phone, "(217) 555-0199"),
            (Category::Phone, "217.555.0199"),
            (Category::Mrn, "AbAb"),
            (Category::Mrn, "abab"),
            (Category::Mrn, "0000000"),
            (Category::StreetAddress, "12 Elm St"),
            (Category::Ssn, "123-45-6789"),
        ] {
            seeds.add(category, value);
        }
        for text in [
            "MRN 00482913 acct 00482913; call (217) 555-0199 or 1 217 555 0199",
            "abababab ABAB aBaB 0000000000000 00000000 12 ELM st 123456789 123-45-6789",
            "none of them here",
            "é00482913é 2175550199 x",
        ] {
            let got: Vec<(usize, usize, Category)> =
                seeded(text, &seeds).into_iter().map(|s| (s.start, s.end, s.category)).collect();
            assert_eq!(distinct(got), distinct(seed_by_seed(text, &seeds)), "{text}");
        }
        let needles: Vec<(Category, String)> = ["abab", "0000000", "00482913", "(217) 555-0199", "é0048", "b"]
            .iter()
            .map(|n| (Category::Mrn, (*n).to_owned()))
            .collect();
        for text in ["xABABAB abab", "00000000000000 (217) 555-0199", "é00482913é", "bbb"] {
            let mut once = written_at_once(text, &needles).unwrap_or_default();
            let mut by_one = written_one_by_one(text, &needles);
            once.sort_unstable();
            by_one.sort_unstable();
            assert_eq!(once, by_one, "{text}");
        }
    }
}
