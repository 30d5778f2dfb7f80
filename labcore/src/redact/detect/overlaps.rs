//! Choosing among overlapping findings: a name loses to any other identifier, otherwise the longest wins (then the
//! more specific category), and what the loser
//! covered beyond the winner is kept as a finding of its own, so that no identifier is dropped because another
//! one touched it ("Dr Rajeshwari Quolyou Oct 5, 2022": the date wins "Oct", the name keeps the rest).

use std::cmp::Reverse;

use super::Span;
use crate::redact::Category;

/// Non-overlapping spans in text order.
pub(super) fn resolve_overlaps(mut spans: Vec<Span>, text: &str) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, Reverse(s.end - s.start), priority(s.category)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        let Some(last) = out.last_mut() else {
            out.push(span);
            continue;
        };
        if span.start >= last.end {
            out.push(span);
        } else if wins(&span, last) {
            // The loser keeps what comes before the winner.
            let mut head = last.clone();
            head.end = span.start;
            head.date = None;
            *last = span;
            if let Some(head) = trimmed(head, text) {
                let winner = std::mem::replace(last, head);
                out.push(winner);
            }
        } else if span.end > last.end {
            if span.category == last.category {
                last.end = span.end;
            } else {
                // The loser keeps what comes after the winner.
                let tail = Span { start: last.end, date: None, ..span };
                if let Some(tail) = trimmed(tail, text) {
                    out.push(tail);
                }
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Whether `span` wins over `over`: a name, the least certain of findings, loses to any other identifier (a
/// name run that swallowed a month, a street named after a person); otherwise the longer wins, then the more
/// specific.
fn wins(span: &Span, over: &Span) -> bool {
    match (span.category == Category::Name, over.category == Category::Name) {
        (false, true) => return true,
        (true, false) => return false,
        _ => {}
    }
    let (a, b) = (span.end - span.start, over.end - over.start);
    a > b || a == b && priority(span.category) < priority(over.category)
}

/// A span without the spaces and punctuation at its ends; `None` when nothing of an identifier is left.
fn trimmed(mut span: Span, text: &str) -> Option<Span> {
    let part = text.get(span.start..span.end)?;
    let lead = part.len() - part.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let tail = part.len() - part.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    if lead + tail >= part.len() {
        return None;
    }
    span.start += lead;
    span.end -= tail;
    Some(span)
}

/// Lower wins a tie: specific identifiers before general ones.
fn priority(category: Category) -> u8 {
    match category {
        Category::Ssn | Category::Email | Category::Ip => 0,
        Category::Fax | Category::Mrn | Category::HealthPlan | Category::Account | Category::License => 1,
        Category::Device | Category::Vehicle | Category::OtherId | Category::Url => 2,
        Category::Date | Category::Age => 3,
        Category::Phone | Category::StreetAddress | Category::City | Category::Zip => 4,
        _ => 5,
    }
}

/// A set of byte ranges that answers "does any of them overlap (or contain) this range?" in logarithmic time:
/// the ranges sorted by start, and for each prefix the furthest end reached — so that checking every finding
/// against every placeholder or pasted field stays linear in the text (it was a product of the two counts).
pub(super) struct Ranges {
    starts: Vec<usize>,
    /// `reach[k]`: the largest end among the first `k + 1` ranges by start.
    reach: Vec<usize>,
}

impl Ranges {
    /// The ranges, in any order, overlapping or not.
    pub(super) fn new(ranges: impl IntoIterator<Item = (usize, usize)>) -> Ranges {
        let mut ranges: Vec<(usize, usize)> = ranges.into_iter().collect();
        ranges.sort_unstable();
        let mut furthest = 0;
        let reach = ranges
            .iter()
            .map(|(_, end)| {
                furthest = furthest.max(*end);
                furthest
            })
            .collect();
        Ranges { starts: ranges.into_iter().map(|(start, _)| start).collect(), reach }
    }

    /// The furthest end among the first `count` ranges by start (`None` for none).
    fn reach_of(&self, count: usize) -> Option<usize> {
        count.checked_sub(1).and_then(|last| self.reach.get(last)).copied()
    }

    /// Whether a range shares a byte with `start..end` (`a < end && start < b`).
    pub(super) fn overlap(&self, start: usize, end: usize) -> bool {
        let count = self.starts.partition_point(|a| *a < end);
        self.reach_of(count).is_some_and(|b| start < b)
    }

    /// Whether a range holds all of `start..end` (`a <= start && end <= b`).
    pub(super) fn contain(&self, start: usize, end: usize) -> bool {
        let count = self.starts.partition_point(|a| *a <= start);
        self.reach_of(count).is_some_and(|b| end <= b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, category: Category) -> Span {
        Span { start, end, category, date: None }
    }

    #[test]
    fn the_loser_keeps_what_the_winner_does_not_cover() {
        let text = "Dr Rajeshwari Quolyou Oct 5, 2022 12:26 AM";
        let name = span(3, 25, Category::Name);
        let date = span(22, text.len(), Category::Date);
        let out = resolve_overlaps(vec![name, date], text);
        let shown: Vec<&str> = out.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(shown, ["Rajeshwari Quolyou", "Oct 5, 2022 12:26 AM"]);
    }

    #[test]
    fn a_contained_span_disappears() {
        let text = "see 217-555-0199 now";
        let out = resolve_overlaps(vec![span(4, 16, Category::Phone), span(8, 16, Category::Mrn)], text);
        assert_eq!(out, vec![span(4, 16, Category::Phone)]);
    }

    #[test]
    fn ranges_answer_as_a_scan_of_every_range_would() {
        let ranges = [(10, 20), (12, 14), (30, 31), (40, 60), (45, 50), (70, 70)];
        let set = Ranges::new(ranges.iter().rev().copied());
        for start in 0..80 {
            for end in start..82 {
                let overlap = ranges.iter().any(|(a, b)| start < *b && *a < end);
                let contain = ranges.iter().any(|(a, b)| *a <= start && end <= *b);
                assert_eq!(set.overlap(start, end), overlap, "{start}..{end}");
                assert_eq!(set.contain(start, end), contain, "{start}..{end}");
            }
        }
        assert!(!Ranges::new([]).overlap(0, 10) && !Ranges::new([]).contain(0, 0));
    }
}
