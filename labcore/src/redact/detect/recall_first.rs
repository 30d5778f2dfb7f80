//! How the recall-first search joins the precise one in [`Detector::find`]: its shapes where nothing else was
//! found, then its probable names and places among the words left.

use super::overlaps::Ranges;
use super::{Detector, Span, names, recall};
use crate::redact::Category;

impl Detector {
    /// Adds what the recall-first search finds: the international shapes where nothing else was found (an address
    /// after its cue over whatever it holds), then the probable names and places among the words left.
    pub(super) fn recall_first(&self, view: &str, tokens: &[names::Token], spans: &mut Vec<Span>) {
        let found = Ranges::new(spans.iter().map(|s| (s.start, s.end)));
        // An address the precise search read (its street and its ZIP code found): its own spans stand, so that
        // the ZIP code is generalised rather than masked with the rest.
        let of = |c: Category| Ranges::new(spans.iter().filter(|s| s.category == c).map(|s| (s.start, s.end)));
        let (streets, zips) = (of(Category::StreetAddress), of(Category::Zip));
        for (start, mut end, category) in self.recall_shapes.find(view) {
            if category == Category::StreetAddress && streets.overlap(start, end) && zips.overlap(start, end) {
                continue;
            }
            if category == Category::StreetAddress {
                end = self.without_trailing_region(view, start, end);
            }
            // A date where another identifier is found is not one; a longer number or address may hold what a
            // narrower pattern found (overlaps are resolved below: the longer wins).
            if category != Category::Date || !found.overlap(start, end) {
                spans.push(Span { start, end, category, date: None });
            }
        }
        let found = Ranges::new(spans.iter().map(|s| (s.start, s.end)));
        let shouting = recall::shouting(tokens);
        let sweep = recall::Sweep { text: view, tokens, vocabulary: &self.vocabulary, found: &found, shouting };
        spans.extend(sweep.names().into_iter().map(|(start, end, category)| Span { start, end, category, date: None }));
    }

    /// An address without the country or state that closes it on its own line or after a comma (`…, Spain`):
    /// Safe Harbor keeps those.
    fn without_trailing_region(&self, text: &str, start: usize, end: usize) -> usize {
        let Some(found) = text.get(start..end) else { return end };
        let Some(cut) = found.rfind(['\n', ',']) else { return end };
        let last = found.get(cut + 1..).unwrap_or_default();
        if self.vocabulary.is_region(last.trim()) {
            start + found.get(..cut).unwrap_or_default().trim_end().len()
        } else {
            end
        }
    }
}
