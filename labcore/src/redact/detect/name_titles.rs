//! The words around a name that the recall-first search masks with it (`deid/detector_words.txt`): a social title
//! before it (`[honorifics]`: `Mr`, `Señora`, `Sig.ra`; `[honorifics_capitalised]`: `Sister Mary`), a role
//! between two parts of one name (`Feketené Dr. Tóth Nikoletta`), and a generational suffix after it
//! (`[name_suffixes]`: `Jr.`). A role before a name (`Dr.`, `RN`) stays, as it says who was called; so do degrees
//! and credentials after it.

use super::names::Token;
use super::overlaps::Ranges;
use super::words::role;
use super::{Detector, Span};
use crate::redact::Category;

/// The separators a title may have before the next word of a name.
/// A period only after a title written abbreviated (`Mr. Howe`; `bay. COLLINS` ends a sentence).
fn title_gap(gap: &str, title: &Token) -> bool {
    matches!(gap, " " | "  " | "\t") || title.is(role::ABBREVIATED) && matches!(gap, "." | ". " | ".  ")
}

/// Whether a token opens a sentence or a line.
fn opens_sentence(view: &str, t: &Token) -> bool {
    let before = view.get(..t.start).unwrap_or_default().trim_end_matches([' ', '\t', '"', '(']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', ';'])
}

impl Detector {
    /// Masks with each name the titles and suffixes that are part of how it is written.
    pub(super) fn with_titles(&self, view: &str, tokens: &[Token], spans: &mut Vec<Span>) {
        self.across_roles(view, tokens, spans);
        let mut titles = Vec::new();
        for span in spans.iter_mut().filter(|s| s.category == Category::Name) {
            let k = tokens.partition_point(|t| t.end <= span.start);
            if let Some(start) = self.honorific_before(view, tokens, k, span.start) {
                titles.push((start, span.start));
                span.start = start;
            }
            let k = tokens.partition_point(|t| t.start < span.end);
            if let Some(end) = self.suffix_after(view, tokens, k, span) {
                span.end = end;
            }
        }
        // A title read as something else by itself (`Sig`, a town) is the name's now.
        let titles = Ranges::new(titles);
        spans.retain(|s| s.category == Category::Name || !titles.contain(s.start, s.end));
    }

    /// `Mr Gerald Howe`, `pani anna nowak`, `Sig.ra Serena`, `Sister Mary`: where the social title before the name
    /// at token `k` starts. `miss` in lower case only before a lower-case name (`did not miss Jodi` keeps it).
    fn honorific_before(&self, view: &str, tokens: &[Token], k: usize, start: usize) -> Option<usize> {
        let title = k.checked_sub(1).and_then(|k| tokens.get(k))?;
        if !title_gap(view.get(title.end..start)?, title) {
            return None;
        }
        // A title of two words joined by a period (`Sig.ra`).
        let pair = k.checked_sub(2).and_then(|j| tokens.get(j)).filter(|f| {
            let joined = view.get(f.start..title.end).map(str::to_lowercase);
            view.get(f.end..title.start) == Some(".") && joined.is_some_and(|j| self.honorifics.contains(j.as_str()))
        });
        if let Some(first) = pair {
            return Some(first.start);
        }
        let lower_name = view.get(start..).is_some_and(|n| n.starts_with(char::is_lowercase));
        if self.honorifics.contains(title.key.as_str()) && (title.capital || lower_name || title.key != "miss") {
            return Some(title.start);
        }
        let capitalised = self.capital_honorifics.contains(title.key.as_str()) && title.capital && !title.caps;
        (capitalised && !opens_sentence(view, title)).then_some(title.start)
    }

    /// `Mark Dennis Jr.`, `john smith jr`: where a generational suffix right after the name ends.
    fn suffix_after(&self, view: &str, tokens: &[Token], k: usize, span: &Span) -> Option<usize> {
        let t = tokens.get(k)?;
        let gap = view.get(span.end..t.start)?;
        let lower_name = view.get(span.start..).is_some_and(|n| n.starts_with(char::is_lowercase));
        let cased = t.capital || lower_name;
        (matches!(gap, " " | ", ") && cased && self.suffixes.contains(t.key.as_str())).then_some(t.end)
    }

    /// `Feketené Dr. Tóth Nikoletta`, `némethné dr. szőke judit`: two names with only a role between them, on one
    /// line, are one name, masked whole (the longer span wins where they overlap).
    fn across_roles(&self, view: &str, tokens: &[Token], spans: &mut Vec<Span>) {
        let mut names: Vec<(usize, usize)> =
            spans.iter().filter(|s| s.category == Category::Name).map(|s| (s.start, s.end)).collect();
        names.sort_unstable();
        let mut joined = Vec::new();
        for pair in names.windows(2) {
            let (Some(&(start, end)), Some(&(next, last))) = (pair.first(), pair.get(1)) else { continue };
            if next <= end || next - end > 32 {
                continue;
            }
            let from = tokens.partition_point(|t| t.start < end);
            let to = tokens.partition_point(|t| t.start < next);
            let between = tokens.get(from..to).unwrap_or_default();
            // One role written abbreviated, a space before it, its period and a space after (a role after a period
            // opens another sentence; a credential ends the name before it).
            let inside = match between {
                [t] => {
                    t.is(role::ABBREVIATED)
                        && !t.is(role::CREDENTIAL)
                        && view.get(end..t.start) == Some(" ")
                        && matches!(view.get(t.end..next), Some(". " | "."))
                }
                _ => false,
            };
            if inside {
                joined.push(Span { start, end: last, category: Category::Name, date: None });
            }
        }
        spans.extend(joined);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Detector;
    use super::super::test_support::found as names;
    use crate::redact::Sensitivity;

    #[test]
    fn a_social_title_goes_with_the_name_and_a_role_stays() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("Later Mr Gerald Howe came in."), ["Mr Gerald Howe"]);
        assert_eq!(recall("Later Miss Jodi Martin came in."), ["Miss Jodi Martin"]);
        assert_eq!(recall("Mother pani Anna Nowak was present."), ["pani Anna Nowak"]);
        assert_eq!(recall("spoke to mr. roger otuo re redraw."), ["mr. roger", "otuo"]);
        assert_eq!(recall("Frau Müller called about the result."), ["Frau Müller"]);
        assert_eq!(recall("Did not miss Jodi at the desk."), ["Jodi"]);
        assert_eq!(recall("Critical value called to RN Kelly Brown, read back."), ["Kelly Brown"]);
        assert_eq!(recall("Dr. B notified."), ["B"]);
        // The precise search keeps every title.
        assert_eq!(names(&detector, "Later Mr Gerald Howe came in.", Sensitivity::Precise), ["Gerald Howe"]);
    }

    #[test]
    fn long_and_foreign_social_titles_go_with_the_name() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("Results faxed for Madame Odile Varennes today."), ["Madame Odile Varennes"]);
        assert_eq!(recall("Results faxed for Monsieur Thibault Arnoux today."), ["Monsieur Thibault Arnoux"]);
        assert_eq!(recall("Results faxed for Señora Itziar Goikoetxea today."), ["Señora Itziar Goikoetxea"]);
        assert_eq!(recall("Results faxed for mevrouw Fenna Hoekstra today."), ["mevrouw Fenna Hoekstra"]);
        assert_eq!(recall("Results faxed for Sig.ra Ornella Spadoni today."), ["Sig.ra Ornella Spadoni"]);
        assert_eq!(recall("Results faxed for Bayan Sevgül Karaağaç today."), ["Bayan Sevgül Karaağaç"]);
    }

    #[test]
    fn a_religious_title_goes_with_the_name_a_relation_stays() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("Sample taken by Sister Bernadette Okafor at 6."), ["Sister Bernadette Okafor"]);
        assert_eq!(recall("Her sister Bernadette Okafor was present."), ["Bernadette Okafor"]);
        assert_eq!(recall("Sister Bernadette Okafor was present."), ["Bernadette Okafor"]);
    }

    #[test]
    fn a_role_inside_a_name_and_a_generational_suffix_go_with_it() {
        let detector = Detector::new();
        let recall = |text: &str| names(&detector, text, Sensitivity::RecallFirst);
        assert_eq!(recall("Later Vargáné Dr. Kovács Ildikó came in."), ["Vargáné Dr. Kovács Ildikó"]);
        assert_eq!(recall("Later Terrence Okoro Jr. came in."), ["Terrence Okoro Jr"]);
        assert_eq!(recall("Later Terrence Okoro, III came in."), ["Terrence Okoro, III"]);
        // Two names with a role and a word between them stay two.
        assert_eq!(recall("Later Okoro and Dr. Vasquez came in."), ["Okoro", "Vasquez"]);
    }
}
