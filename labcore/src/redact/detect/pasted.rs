//! Spans found in free text that holds pasted HL7 segments: a span that reaches into a pasted segment's
//! identifiers, or across its delimiters, is cut at the delimiters, and only the pieces that lie outside the
//! segment's own identifiers are kept (a name written in a field labcore keeps is still a name). Nothing is lost:
//! the identifiers the pieces leave out are the segment's, redacted field by field.

use super::Span;
use super::overlaps::Ranges;
use crate::redact::Category;

/// HL7's standard delimiters.
const DELIMITERS: &[char] = &['|', '^', '~', '&'];

/// The spans, with those that touch a pasted identifier or cross a delimiter cut into pieces outside them.
pub(super) fn outside(spans: Vec<Span>, pasted: &[Span], text: &str) -> Vec<Span> {
    if pasted.is_empty() {
        return spans;
    }
    let fields = Ranges::new(pasted.iter().map(|p| (p.start, p.end)));
    let overlaps = |start: usize, end: usize| fields.overlap(start, end);
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let Some(found) = text.get(span.start..span.end) else { continue };
        if !overlaps(span.start, span.end) && !found.contains(DELIMITERS) {
            out.push(span);
            continue;
        }
        let mut at = span.start;
        for piece in found.split(DELIMITERS) {
            let (start, end) = trimmed(piece, at, span.category);
            at += piece.len() + 1;
            if start < end && !overlaps(start, end) {
                out.push(Span { start, end, date: None, ..span.clone() });
            }
        }
    }
    out
}

/// A piece's byte range without surrounding white space (and, for a name, without what is not a letter).
fn trimmed(piece: &str, at: usize, category: Category) -> (usize, usize) {
    let edge = |c: char| c.is_whitespace() || category == Category::Name && !c.is_alphabetic();
    let start = at + (piece.len() - piece.trim_start_matches(edge).len());
    let end = at + piece.trim_end_matches(edge).len();
    (start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, category: Category) -> Span {
        Span { start, end, category, date: None }
    }

    #[test]
    fn pieces_outside_the_pasted_identifiers_are_kept() {
        let text = "PID|1||0042||^PRN^PH^^^217^5550199 Quorblax Zentavia x";
        let pasted = [span(7, 11, Category::Mrn), span(14, 17, Category::Name), span(18, 20, Category::Name)];
        let kept = outside(vec![span(14, 52, Category::Name), span(30, 34, Category::Phone)], &pasted, text);
        let found: Vec<&str> = kept.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, ["Quorblax Zentavia", "0199"]);
    }
}
