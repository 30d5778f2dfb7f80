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
        // the ZIP code is generalised rather than masked with the rest. A postcode before its town (`12345
        // Berlin`, found by the gazetteer) does not count: the street of such an address is often read in part
        // (`Hauptstraße 5` of `Hauptstraße 5/9`, without its `Apt. 3` line), so the address is masked whole.
        let of = |c: Category| spans.iter().filter(move |s| s.category == c).map(|s| (s.start, s.end));
        let mut towns: Vec<usize> = of(Category::City).map(|(start, _)| start).collect();
        towns.sort_unstable();
        let before_town = |end: usize| {
            let gap = view.get(end..).map_or(0, |r| r.len() - r.trim_start_matches([' ', '\t']).len());
            towns.binary_search(&(end + gap)).is_ok()
        };
        let streets = Ranges::new(of(Category::StreetAddress));
        let zips = Ranges::new(of(Category::Zip).filter(|(_, end)| !before_town(*end)));
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
        self.with_titles(view, tokens, spans);
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

#[cfg(test)]
mod tests {
    use super::super::Detector;
    use super::super::test_support::found as names;
    use crate::redact::Sensitivity;

    #[test]
    fn an_address_with_its_postcode_before_its_town_is_masked_whole() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("Lives at Hauptstraße 5\nApt. 3\n12345 Berlin."), ["Hauptstraße 5\nApt. 3\n12345 Berlin"]);
        assert_eq!(recall("New address Mohauptallee 2/9, 11611 Schwerin."), ["Mohauptallee 2/9, 11611 Schwerin"]);
        // A US address the precise search read: its spans stand, and the ZIP code is generalised, not masked.
        assert_eq!(
            recall("Lives at 61 Jefferson Avenue, Naperville, IL 60533."),
            ["61 Jefferson Avenue", "Naperville", "60533"]
        );
    }

    #[test]
    fn a_lower_case_name_after_a_lower_case_title_with_its_period() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("spoke to dr. kissné antal orsolya re redraw."), ["kissné antal orsolya"]);
        assert_eq!(recall("spoke to prof. mecit dumanlı re redraw."), ["mecit dumanlı"]);
    }
}
