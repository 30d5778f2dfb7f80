//! Finding person names in tokenised text ([`super::names`] holds the word lists): the patient's own name parts
//! (seeds) in any order or case, names after titles and roles ("Dr.", "Pt:", "collector"), before credentials
//! ("Jane Doe, MD"), after cue words when a name list knows them ("called Kelly"), `DOE, JANE`, and the shape of a
//! full name without a cue ("John Q. Smith"), keeping clinical words, eponyms and organisations out.

use std::collections::HashSet;

use super::name_rules::{
    comma_name, credential_after, cued_name, eponym, given_after_comma, organisation, shaped_name,
};
use super::names::Token;
use super::overlaps::Ranges;
use super::runs::{lower_run, run, seed_run, trim_run};
use super::words::role;

/// How a text is written, which changes what capitals prove.
#[derive(Debug, Clone, Copy, Default)]
struct Style {
    /// Mostly capitals ("CALLED DR SMITH @ 1432"): a word in capitals is not evidence of a name.
    shouting: bool,
    /// Where the text's first character other than white space is (a name there opens the message), found once
    /// rather than by trimming the text before every candidate.
    lead: usize,
}

impl Style {
    /// Judged on the words (labcore's own placeholders, opaque tokens, do not count: a redacted text must read
    /// as the original did).
    fn of(text: &str, tokens: &[Token]) -> Style {
        let words: Vec<&Token> = tokens.iter().filter(|t| t.key.chars().count() >= 2).collect();
        let caps = words.iter().filter(|t| t.caps).count();
        let lead = text.len() - text.trim_start().len();
        Style { shouting: words.len() >= 3 && caps * 10 > words.len() * 7, lead }
    }
}

/// Finds name spans (byte ranges) in tokenised text whose tokens have their roles ([`super::names::NameLists::assign_roles`]); `seeds` are the lower-case name parts known from the record.
/// The name parts found with good evidence are then sought again everywhere in the text ("Nowak, Shirley" makes
/// "Shirley did well" a name too).
pub(crate) fn find(text: &str, tokens: &[Token], seeds: &HashSet<String>) -> Vec<(usize, usize)> {
    let style = Style::of(text, tokens);
    let first = pass(text, tokens, seeds, style);
    // The spans of the first pass, asked of every token: sorted ranges, not a scan of every span per token.
    let found = Ranges::new(first.iter().copied());
    let mut more = seeds.clone();
    for t in tokens.iter().filter(|t| found.contain(t.start, t.end)) {
        let plain = t.roles & role::ANY_ROLE == 0 && !t.is(role::CLINICAL) && t.key.chars().count() >= 3;
        if plain && (t.capital || t.caps) {
            more.insert(t.key.clone());
        }
    }
    if more.len() == seeds.len() {
        return first;
    }
    let mut spans = first.clone();
    spans.extend(seeded_only(text, tokens, &more, &found));
    spans.sort_unstable();
    spans
}

/// The seed runs that start outside the spans already found (the second pass only looks for known parts). A
/// covered token is passed over without following the run it starts: a run of seeded words inside a span found
/// before would otherwise be followed to its end once per word.
fn seeded_only(text: &str, tokens: &[Token], seeds: &HashSet<String>, found: &Ranges) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        if found.contain(t.start, t.end) {
            i += 1;
            continue;
        }
        match seed_run(text, tokens, i, seeds) {
            Some(last) => {
                let Some(end) = tokens.get(last) else { break };
                spans.push((t.start, end.end));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    spans
}

/// The first pass: at each token, the longer of the seed run and the name the rules find there; the words of an
/// organisation's name are passed over whole.
fn pass(text: &str, tokens: &[Token], seeds: &HashSet<String>, style: Style) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(last) = organisation_run(text, tokens, i) {
            // "Memorial Sloan Kettering": not "Sloan Kettering" either; but the record's own names are found
            // wherever they are ("Doe Quorblax Zentavia Dept" is no organisation that hides the patient).
            if !(i..=last).any(|j| seed_run(text, tokens, j, seeds).is_some()) {
                i = last + 1;
                continue;
            }
        }
        let seeded = seed_run(text, tokens, i, seeds);
        let ruled = name_at(text, tokens, i, style);
        match seeded.max(ruled) {
            Some(last) => {
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(last)) else { break };
                spans.push((a.start, b.end));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    spans
}

/// The end of a run of capitalised words that names an organisation.
fn organisation_run(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if !t.capital {
        return None;
    }
    let last = run(text, tokens, i);
    organisation(text, tokens, i, last).then_some(last)
}

/// Whether a token can be part of a name at all: capitalised or in capitals, and not a label or a credential.
pub(super) fn nameish(t: &Token) -> bool {
    (t.capital || t.caps) && !t.is(role::LABEL | role::CREDENTIAL | role::TITLE | role::CUE)
}

/// Whether a character is white space within a line: a space or a tab (exotic spaces are folded to a space
/// before detection), not a line break.
pub(super) fn horizontal_space(c: char) -> bool {
    c == ' '
        || c == '\t'
        || c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether the text between two tokens of one name is only spaces or tabs (and the period of an initial or of
/// an abbreviated title: "J. Doe", "St. John"): `JANE\tSMITH` is one name, as `JANE SMITH` is.
pub(super) fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        let spaces = gap.trim_start_matches('.');
        let period = spaces.len() < gap.len();
        !spaces.is_empty()
            && spaces.len() <= 2
            && spaces.chars().all(horizontal_space)
            && gap.len() - spaces.len() <= 1
            && (!period || a.initial || a.is(role::ABBREVIATED))
    })
}

/// Whether a cue token introduces the token after it: only spaces, line breaks and the punctuation of labels,
/// keys and quotes between them (`Pt: `, `Sincerely,\n`, `patient=`, `"family":"`, `Agent (`), and a period only
/// after an abbreviated title ("Dr. Okafor" — not "another patient. Container").
fn introduces(text: &str, cue: &Token, t: &Token) -> bool {
    text.get(cue.end..t.start).is_some_and(|gap| {
        gap.len() <= 6
            && gap
                .chars()
                .all(|c| matches!(c, ' ' | ':' | ',' | '.' | '=' | '"' | '\'' | '(' | '[' | '/' | '\n' | '\r' | '\t'))
            && (!gap.contains('.') || cue.is(role::ABBREVIATED))
            && (!gap.contains('\n')
                || matches!(cue.key.as_str(), "regards" | "sincerely" | "thanks" | "cheers" | "best" | "signed" | "by"))
    })
}

/// Whether the two words before token `i` introduce a name: "my name is", "this is", "I am", "call me".
fn phrase_cue(text: &str, tokens: &[Token], i: usize) -> bool {
    let (Some(a), Some(b), Some(t)) =
        (i.checked_sub(2).and_then(|p| tokens.get(p)), i.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(i))
    else {
        return false;
    };
    let pair = matches!(
        (a.key.as_str(), b.key.as_str()),
        ("name", "is") | ("this", "is") | ("i", "am") | ("call", "me") | ("name's", _)
    );
    pair && introduces(text, b, t) && text.get(a.end..b.start).is_some_and(|gap| gap.trim().is_empty())
}

/// What precedes a word: a title or role, a cue word, and whether the title is an honorific.
struct Cues {
    /// A title or role, a phrase ("my name is") or a signature: anything name-like after it is a name.
    titled: bool,
    /// A cue word ("called", "per", "w/"): a name when the name lists know it.
    weak: bool,
    /// The title is an honorific ("Dr", "Mrs"): a lower-case name after it may also be a word.
    honorific: bool,
}

/// The cues before token `i`: the word before it, a phrase ("my name is"), a signature's dash, `w/`.
fn cues(text: &str, tokens: &[Token], i: usize) -> Cues {
    let Some(t) = tokens.get(i) else { return Cues { titled: false, weak: false, honorific: false } };
    let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
    let cue = previous.filter(|p| introduces(text, p, t));
    // A signature: "-- Ashley" at the start of a line.
    let before = text.get(..t.start).unwrap_or_default().trim_end();
    let signature = before.ends_with("--") || before.ends_with('—');
    // "w/" (with): "spoke w/ Giulia".
    let with = previous.is_some_and(|p| p.key == "w" && text.get(p.end..t.start).is_some_and(|g| g.trim_end() == "/"));
    let honorific = cue.is_some_and(|p| {
        matches!(p.key.as_str(), "dr" | "doctor" | "mr" | "mrs" | "ms" | "mx" | "miss" | "prof" | "dear")
    });
    // "Calculated by Martin-Hopkins": a method, not a person.
    let method = previous.is_some_and(|p| p.key == "by")
        && i.checked_sub(2).and_then(|k| tokens.get(k)).is_some_and(|w| {
            matches!(w.key.as_str(), "calculated" | "estimated" | "derived" | "measured" | "determined" | "corrected")
        });
    Cues {
        titled: cue.is_some_and(|p| p.is(role::TITLE)) || phrase_cue(text, tokens, i) || signature,
        weak: cue.is_some_and(|p| p.is(role::CUE)) && !method || with,
        honorific,
    }
}

/// The last token of a name starting at token `i` found by the rules (titles, credentials, cues, shapes).
fn name_at(text: &str, tokens: &[Token], i: usize, style: Style) -> Option<usize> {
    let t = tokens.get(i)?;
    let cues = cues(text, tokens, i);
    if !t.capital && !t.caps && !t.is(role::PARTICLE) {
        return (cues.titled || cues.weak).then(|| lower_run(text, tokens, i, cues.honorific)).flatten();
    }
    let particle = |t: &Token| t.is(role::PARTICLE) && !t.capital;
    // A name starts with a name-like word, or with a particle after a title ("Dr. van der Berg"); an initial
    // needs more of the name after it ("D. van der Berg").
    let starts = nameish(t) || cues.titled && particle(t);
    if !starts || t.initial && tokens.get(i + 1).is_none_or(|n| !nameish(n) && !particle(n)) {
        return None;
    }
    if let Some(last) = comma_name(tokens, i, cues.titled, cues.weak) {
        return Some(last);
    }
    if let Some(last) = comma_name_before_credential(text, tokens, i) {
        return Some(last);
    }
    let mut last = trim_run(tokens, i, run(text, tokens, i), cues.titled || cues.weak);
    if eponym(tokens, last) || organisation(text, tokens, i, last) {
        return None;
    }
    if cues.titled && tokens.get(last).is_some_and(|t| t.comma) && !credential_after(text, tokens, last) {
        // "Pt NÍ BHRIAIN, IKAIKA": a family name of several words, then the given name.
        last = given_after_comma(text, tokens, last).unwrap_or(last);
    }
    let words = tokens.get(i..=last)?;
    if !nameish(t) && words.len() == 1 || words.len() == 1 && t.key.chars().count() == 1 {
        return None; // a particle alone ("courier van"); a lone letter ("RN, L&D")
    }
    judge(text, tokens, (i, last), &cues, style).then_some(last)
}

/// `Sato, Quennell X., NP`: a surname, a comma, a given name and maybe an initial, then a credential.
fn comma_name_before_credential(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let a = tokens.get(i)?;
    if !a.comma || !a.capital {
        return None;
    }
    let last = given_after_comma(text, tokens, i)?;
    credential_after(text, tokens, last).then_some(last)
}

/// Whether the words from `first` to `last` are a name, given what precedes and follows them.
fn judge(text: &str, tokens: &[Token], (first, last): (usize, usize), cues: &Cues, style: Style) -> bool {
    let Some(words) = tokens.get(first..=last) else { return false };
    let listed = |w: &Token| w.is(role::GIVEN) || w.is(role::SURNAME);
    let credential = credential_after(text, tokens, last);
    // "Leroy Al-Masri here." at the start of a message.
    let here =
        tokens.get(last + 1).is_some_and(|n| n.key == "here") && words.first().is_some_and(|w| w.start <= style.lead);
    let strong = cues.titled || credential || here;
    // After a title or before a credential, anything name-like is a name, unless it is clinical vocabulary
    // ("Pt: Hemolyzed") or an abbreviation in capitals ("brother, HLA typing"). In capitals throughout
    // ("PT REFUSED DRAW"), a role is not enough: the word must be a known name that is no word.
    let abbreviation = |w: &Token| w.caps && w.key.chars().count() <= 4 && (w.is(role::VOCABULARY) || !listed(w));
    let vocabulary = |w: &Token| w.is(role::VOCABULARY) && !w.caps || abbreviation(w);
    let shouted_ok =
        !style.shouting || cues.honorific || credential || words.iter().any(|w| listed(w) && !w.is(role::CLINICAL));
    if strong && !words.iter().all(vocabulary) && shouted_ok {
        return true;
    }
    if cues.weak && cued_name(words) && shouted_ok {
        return true;
    }
    // In capitals after a cue verb ("PAGED BROOKS", "SEE CHIDUBEM"): one long word that is no word we know.
    let unknown = |w: &Token| !w.is(role::CLINICAL) && !abbreviation(w) && w.key.chars().count() >= 4;
    let alone = match (tokens.get(last), tokens.get(last + 1)) {
        (Some(end), Some(n)) => !nameish(n) || !adjacent(text, end, n),
        _ => true,
    };
    if style.shouting && cues.weak && words.len() == 1 && alone && words.iter().all(unknown) {
        return true;
    }
    words.first().is_some_and(|t| shaped_name(t, words))
}

#[cfg(test)]
mod tests {
    use super::super::names::{NameLists, tokens};
    use super::*;

    fn names(text: &str, seeds: &[&str]) -> Vec<String> {
        let lists = NameLists::builtin();
        let seeds: HashSet<String> = seeds.iter().map(|s| s.to_lowercase()).collect();
        let mut tokens = tokens(text);
        lists.assign_roles(&mut tokens);
        find(text, &tokens, &seeds).into_iter().map(|(a, b)| text[a..b].to_owned()).collect()
    }

    #[test]
    fn cues_titles_shapes_and_seeds() {
        assert_eq!(names("Critical K called to RN Kelly Brown at 09:12", &[]), ["Kelly Brown"]);
        assert_eq!(names("per Dr. Zyrelle Okonkwo-Baptiste", &[]), ["Zyrelle Okonkwo-Baptiste"]);
        assert_eq!(names("Pt: DOE, JANE", &[]), ["DOE, JANE"]);
        assert_eq!(names("Report for DOE, JANE attached", &[]), ["DOE, JANE"]);
        assert_eq!(names("Spoke with John Smith about redraw", &[]), ["John Smith"]);
        assert_eq!(names("Pt Jane Roe, SSN on file", &[]), ["Jane Roe"]);
        assert_eq!(names("Pt X, SSN on file", &[]), Vec::<String>::new());
        assert_eq!(names("jane came back; doe agreed", &["Jane", "Doe"]), ["jane", "doe"]);
    }

    #[test]
    fn credentials_particles_roles_and_middle_initials() {
        assert_eq!(names("Crossmatch delayed; H. Boyd MD informed", &[]), ["H. Boyd"]);
        assert_eq!(names("Redraw requested from Gene van der Berg, PA-C on", &[]), ["Gene van der Berg"]);
        assert_eq!(names("Ticket opened by analyst Lily Le.", &[]), ["Lily Le"]);
        assert_eq!(names("spoke with GWILYM MTHEMBU.", &[]), ["GWILYM MTHEMBU"]);
        assert_eq!(names("to patient Walker, Herbert B. at", &["Herbert", "Walker"]), ["Walker, Herbert B"]);
        assert_eq!(names("Pt: Wendy O. Gardner MRN", &["Wendy", "Gardner"]), ["Wendy O. Gardner"]);
        assert_eq!(names("Pt NÍ BHRIAIN, IKAIKA reports", &[]), ["NÍ BHRIAIN, IKAIKA"]);
        assert_eq!(names("Security: Pt Naelxous al-Khouri reported", &[]), ["Naelxous al-Khouri"]);
        assert_eq!(names("Spoke with Dr. Sara Ward, who", &[]), ["Sara Ward"]);
        assert_eq!(names("spoke with Art Chen.", &[]), ["Art Chen"]);
        assert_eq!(names("tested party HUNTER HOLT, SS#", &[]), ["HUNTER HOLT"]);
        assert_eq!(names("Patient D. van der Berg moved", &[]), ["D. van der Berg"]);
        assert_eq!(names("Spoke with Dr. van der Berg, who", &[]), ["van der Berg"]);
        assert_eq!(names("session for V. Ngata from", &[]), ["V. Ngata"]);
        assert_eq!(names("session for NWACHUKWU, MAINLYERA from", &[]), ["NWACHUKWU, MAINLYERA"]);
        assert_eq!(names("resolved by ALBERT DOE on", &[]), ["ALBERT DOE"]);
        assert_eq!(names("spoke with José Muñoz today", &[]), ["José Muñoz"]);
    }

    #[test]
    fn tabs_join_name_words_like_spaces() {
        assert_eq!(names("Pt: JANE\tSMITH", &[]), ["JANE\tSMITH"]);
        assert_eq!(names("called Kelly\tBrown at 09:12", &[]), ["Kelly\tBrown"]);
        assert_eq!(names("Pt: Jane \tQ.\tDoe MRN", &["Jane", "Doe"]), ["Jane \tQ.\tDoe"]);
    }

    #[test]
    fn a_surname_that_is_also_a_word_stays_with_its_given_name_after_a_cue() {
        assert_eq!(names("called Jane Doe at 09:12", &[]), ["Jane Doe"]);
        assert_eq!(names("spoke with Mary Doe re redraw", &[]), ["Mary Doe"]);
        assert_eq!(names("Pt: Jane Doe", &[]), ["Jane Doe"]);
        assert_eq!(names("spoke with Maria Colon re redraw", &[]), ["Maria Colon"]);
        assert_eq!(names("called to Kelly Endo at 09:12", &[]), ["Kelly Endo"]);
        // Not a surname: an abbreviation, a word no list knows as a name, a weekday, an eponym.
        for text in ["called Jane ALT 300", "spoke with Kelly Pharmacy", "called Jane Monday", "per Mark Down syndrome"]
        {
            let found = names(text, &[]);
            assert!(found.iter().all(|n| !n.contains(' ')), "{text}: {found:?}");
        }
    }

    #[test]
    fn clinical_words_organisations_and_other_sentences_are_not_names() {
        for text in [
            "White blood cells elevated",
            "Will call back",
            "Gram stain negative",
            "Hodgkin lymphoma noted",
            "Glucose 105 mg/dL",
            "Brown urine",
            "read back verified. Will call with final result.",
            "requisition lists another patient. Container ID rejected",
            "Sibling donor, 20 y/o brother, HLA typing pending",
            "Verified by N. Sims, MLS(ASCP).",
            "Confirmation sent to St. Mary's Hospital.",
            "reported to RN (4 West) at 14:38",
            "Called to RN, L&D, today",
            "Specimen for CBC QNS. Per protocol",
            "findings consistent with Richter transformation of CLL",
            "denied by Illinois Medicaid (recipient ID on file)",
            "Pt on ICD (Boston Scientific Resonate EL), SN: on file",
            "Called to RN, MICU, May 3, 2024; read back",
            "verified by Indiana DL on file",
            "car of Pt on file struck the courier van. Report filed",
            "Home: 4056 Lincoln Ln Fl 5, Fort Wayne, Indiana 46825.",
        ] {
            let found = names(text, &[]);
            assert!(found.iter().all(|n| n == "N. Sims"), "{text}: {found:?}");
        }
    }
}
