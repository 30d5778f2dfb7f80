//! Finding person names in tokenised text ([`super::names`] holds the word lists): the patient's own name parts
//! (seeds) in any order or case, names after titles and roles ("Dr.", "Pt:", "collector"), before credentials
//! ("Jane Doe, MD"), after cue words when a name list knows them ("called Kelly"), `DOE, JANE`, and the shape of a
//! full name without a cue ("John Q. Smith"), keeping clinical words, eponyms and organisations out.

use std::collections::HashSet;

use super::names::{NameLists, Token};
use super::words::role;

/// Finds name spans (byte ranges) in tokenised text; `seeds` are the lower-case name parts known from the record.
pub(crate) fn find(text: &str, tokens: &[Token], lists: &NameLists, seeds: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let seeded = seed_run(text, tokens, i, seeds);
        let ruled = name_at(text, tokens, i, lists);
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

/// Whether a token can be part of a name at all: capitalised or in capitals, and not a label or a credential.
fn nameish(t: &Token) -> bool {
    (t.capital || t.caps) && !t.is(role::LABEL | role::CREDENTIAL | role::TITLE | role::CUE)
}

/// Whether the text between two tokens of one name is only spaces (and the period of an initial or of an
/// abbreviated title: "J. Doe", "St. John").
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        let spaces = gap.trim_start_matches('.');
        let period = spaces.len() < gap.len();
        !spaces.is_empty()
            && spaces.len() <= 2
            && spaces.chars().all(|c| c == ' ')
            && gap.len() - spaces.len() <= 1
            && (!period || a.initial || a.is(role::ABBREVIATED))
    })
}

/// Whether a cue token introduces the token after it: nothing but spaces, a colon or a comma between them, or
/// the period of an abbreviated title ("Dr. Okafor" — not "another patient. Container").
fn introduces(text: &str, cue: &Token, t: &Token) -> bool {
    text.get(cue.end..t.start).is_some_and(|gap| {
        gap.len() <= 4
            && gap.chars().all(|c| matches!(c, ' ' | ':' | ',' | '.'))
            && (!gap.contains('.') || cue.is(role::ABBREVIATED))
    })
}

/// The last token of the patient's own name starting at `i`: seed parts, bridged by initials or middle names,
/// and a trailing initial ("Walker, Herbert B.").
fn seed_run(text: &str, tokens: &[Token], i: usize, seeds: &HashSet<String>) -> Option<usize> {
    let seeded = |t: &Token| seeds.contains(&t.key) && t.key.chars().count() >= 2;
    if !tokens.get(i).is_some_and(seeded) {
        return None;
    }
    let mut last = i;
    while let (Some(a), Some(b)) = (tokens.get(last), tokens.get(last + 1)) {
        let joined = adjacent(text, a, b) || a.comma;
        if joined && seeded(b) {
            last += 1;
        } else if adjacent(text, a, b) && nameish(b) && (b.initial || b.key.chars().count() == 1) {
            last += 1; // a middle initial, then maybe more of the name
        } else if adjacent(text, a, b)
            && nameish(b)
            && tokens.get(last + 2).is_some_and(|c| seeded(c) && adjacent(text, b, c))
        {
            last += 2; // a middle name between two seeds
        } else {
            break;
        }
    }
    Some(last)
}

/// The longest run of name-like words starting at `first`: given, middle names or initials, family name with its
/// particles ("van der Berg"); at most six words.
fn run(text: &str, tokens: &[Token], first: usize) -> usize {
    let mut last = first;
    while last - first < 5 {
        let (Some(a), Some(b)) = (tokens.get(last), tokens.get(last + 1)) else { break };
        if a.comma || !adjacent(text, a, b) {
            break;
        }
        if nameish(b) {
            last += 1;
            continue;
        }
        // Lower-case particles count only when a capitalised word follows them.
        let mut j = last + 1;
        while tokens.get(j).is_some_and(|p| p.is(role::PARTICLE) && !p.capital) && j - last <= 2 {
            j += 1;
        }
        let joined = j > last + 1
            && tokens.get(j).is_some_and(|n| nameish(n) && tokens.get(j - 1).is_some_and(|p| adjacent(text, p, n)));
        if !joined {
            break;
        }
        last = j;
    }
    last
}

/// Whether a credential follows the run ending at `last` ("Jane Doe MD", "K. Ellis, RN", "J. Roe, PA-C").
fn credential_after(text: &str, tokens: &[Token], last: usize) -> bool {
    let (Some(a), Some(b)) = (tokens.get(last), tokens.get(last + 1)) else { return false };
    let gap = text.get(a.end..b.start).unwrap_or_default();
    b.is(role::CREDENTIAL) && gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == ',') && (b.caps || b.key.len() > 2)
}

/// The last token of a name starting at token `i` found by the rules (titles, credentials, cues, shapes).
fn name_at(text: &str, tokens: &[Token], i: usize, lists: &NameLists) -> Option<usize> {
    let t = tokens.get(i)?;
    let cue = i.checked_sub(1).and_then(|p| tokens.get(p)).filter(|p| introduces(text, p, t));
    let titled = cue.is_some_and(|p| p.is(role::TITLE));
    let particle = |t: &Token| t.is(role::PARTICLE) && !t.capital;
    // A name starts with a name-like word, or with a particle after a title ("Dr. van der Berg"); an initial
    // needs more of the name after it ("D. van der Berg").
    let starts = nameish(t) || titled && particle(t);
    if !starts || t.initial && tokens.get(i + 1).is_none_or(|n| !nameish(n) && !particle(n)) {
        return None;
    }
    let weak = cue.is_some_and(|p| p.is(role::CUE));
    if let Some(last) = comma_name(tokens, i, lists, titled, weak) {
        return Some(last);
    }
    let mut last = run(text, tokens, i);
    if eponym(tokens, last) || organisation(tokens, i, last) {
        return None;
    }
    if titled && tokens.get(last).is_some_and(|t| t.comma) {
        // "Pt NÍ BHRIAIN, IKAIKA": a family name of several words, then the given name.
        last = given_after_comma(text, tokens, last).unwrap_or(last);
    }
    let words = tokens.get(i..=last)?;
    if !nameish(t) && words.len() == 1 {
        return None; // a particle alone ("struck the courier van")
    }
    if words.len() == 1 && t.key.chars().count() == 1 {
        return None; // a lone letter ("RN, L&D") is not a name; an initial needs a name after it
    }
    let strong = titled || credential_after(text, tokens, last);
    // After a title or before a credential, anything name-like is a name, unless it is clinical vocabulary
    // ("Pt: Hemolyzed") or an abbreviation in capitals ("brother, HLA typing").
    let short = |w: &Token| w.key.chars().count() <= 4;
    let listed = |w: &Token| lists.is_given(&w.key) || lists.is_surname(&w.key);
    let abbreviation = |w: &Token| w.caps && short(w) && (lists.is_vocabulary(&w.key) || !listed(w));
    let vocabulary = |w: &Token| lists.is_vocabulary(&w.key) && !w.caps || abbreviation(w);
    if strong && !words.iter().all(vocabulary) {
        return Some(last);
    }
    if weak && cued_name(words, lists) {
        return Some(last);
    }
    shaped_name(t, words, lists).then_some(last)
}

/// After a cue word: a listed name that is not a common word ("called Kelly", "with Brown", not "to Pharmacy"),
/// or two or more name-like words none of which is a word ("spoke with GWILYM MTHEMBU").
fn cued_name(words: &[Token], lists: &NameLists) -> bool {
    let listed = |w: &Token| lists.is_given(&w.key) || lists.is_surname(&w.key);
    let known = |w: &Token| listed(w) && (!lists.is_clinical(&w.key) || lists.is_ambiguous(&w.key));
    let wordlike = |w: &Token| lists.is_vocabulary(&w.key) || lists.common.contains(&w.key);
    let abbreviation = |w: &Token| w.caps && w.key.chars().count() <= 4 && !listed(w);
    if words.iter().any(|w| lists.is_vocabulary(&w.key) || abbreviation(w)) || state(words) {
        return false;
    }
    // "spoke with Art Chen", "resolved by ALBERT DOE": a given name then a surname, even when either is a word.
    let capitals = words.iter().all(|w| w.caps || w.initial);
    let full = words.len() >= 2
        && words.first().is_some_and(|w| lists.is_given(&w.key))
        && words.last().is_some_and(|w| lists.is_surname(&w.key) && (capitals || !lists.common.contains(&w.key)));
    // "Signed by Evelyn A. Doe", "session for V. Ngata": an initial shows a name.
    let middle_initial = words.len() == 3 && words.get(1).is_some_and(|w| w.initial);
    let initialled =
        words.len() >= 2 && words.iter().any(|w| w.initial) && (middle_initial || !words.iter().any(wordlike));
    let plain = words.iter().filter(|w| !w.initial).count();
    full || initialled || !words.iter().any(wordlike) && (words.iter().any(known) || plain >= 2)
}

/// Whether words are a state's name ("verified by Indiana DL"): a place, not a person, after a cue word.
fn state(words: &[Token]) -> bool {
    let name: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
    let name = name.join(" ");
    super::places::STATE_NAMES.split('|').any(|state| state.eq_ignore_ascii_case(&name))
}

/// The end of a given name (and middle initial) after `Surname,` — one name-like word, maybe an initial.
fn given_after_comma(text: &str, tokens: &[Token], last: usize) -> Option<usize> {
    let (comma, given) = (tokens.get(last)?, tokens.get(last + 1)?);
    if !nameish(given) || given.start.saturating_sub(comma.end) > 3 || month_day(tokens, last + 1) {
        return None;
    }
    let mut end = last + 1;
    if tokens.get(end + 1).is_some_and(|c| nameish(c) && c.initial && adjacent(text, given, c)) {
        end += 1;
    }
    Some(end)
}

/// Without a cue: two or more words of a name's shape, the first a given name that is not a word, the others a
/// surname or an initial (a frequent name that is also a word may be the surname: "John Brown").
fn shaped_name(first: &Token, words: &[Token], lists: &NameLists) -> bool {
    let first_given = lists.is_given(&first.key) && !lists.is_clinical(&first.key) && first.key.chars().count() > 2;
    let rest_known = words
        .iter()
        .skip(1)
        .any(|w| w.initial || lists.is_surname(&w.key) && (!lists.is_clinical(&w.key) || lists.is_ambiguous(&w.key)));
    let vocabulary = words.iter().any(|w| lists.is_vocabulary(&w.key) || lists.common.contains(&w.key));
    words.len() >= 2 && first_given && rest_known && !vocabulary
}

/// `Doe, Jane` / `DOE, JANE Q`: a surname, a comma, a given name (after a title, any two name-like words), and a
/// middle initial or name after it.
fn comma_name(tokens: &[Token], i: usize, lists: &NameLists, titled: bool, cued: bool) -> Option<usize> {
    let (a, b) = (tokens.get(i)?, tokens.get(i + 1)?);
    // The shape is strong evidence: the surname may be a word ("DOE"), the given name must be a clear one —
    // or, after a cue word, any listed name that is not clinical vocabulary ("session for VENKATARAMAN, HOWARD").
    let plain = |w: &Token| !lists.is_vocabulary(&w.key);
    let listed_name = |w: &Token| lists.is_given(&w.key) || lists.is_surname(&w.key);
    let abbreviation = |w: &Token| w.caps && w.key.chars().count() <= 4 && !listed_name(w);
    // An unlisted pair in capitals after a cue ("for NWACHUKWU, MAINLYERA"), neither an abbreviation nor a word.
    let unusual = |w: &Token| w.caps && !abbreviation(w) && plain(w) && !lists.common.contains(&w.key);
    let listed = lists.is_surname(&a.key) && lists.is_given(&b.key) && plain(a) && !lists.is_clinical(&b.key)
        || cued && (lists.is_surname(&a.key) || lists.is_given(&b.key)) && plain(a) && plain(b)
        || cued && unusual(a) && unusual(b);
    if abbreviation(a) || month_day(tokens, i + 1) || state(std::slice::from_ref(b)) {
        return None; // "RN, MICU, May 3": a unit and a date, not "MICU, May"
    }
    let close = b.start.saturating_sub(a.end) <= 3;
    if !(a.comma && close && nameish(a) && nameish(b) && (listed || titled)) {
        return None;
    }
    match tokens.get(i + 2) {
        Some(c) if nameish(c) && (c.initial || c.key.chars().count() == 1) && c.start.saturating_sub(b.end) <= 2 => {
            Some(i + 2)
        }
        _ => Some(i + 1),
    }
}

/// Whether token `i` is a month followed by a day ("May 3").
fn month_day(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.is(role::MONTH) && t.day_after)
}

/// Whether the word after a run makes it an eponym ("Gram stain", "Hodgkin lymphoma").
fn eponym(tokens: &[Token], last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|n| n.is(role::EPONYM))
}

/// Whether a run, or the word after it, names an organisation ("Lincoln Memorial Hospital", "Mayo Clinic").
fn organisation(tokens: &[Token], first: usize, last: usize) -> bool {
    let end = (last + 2).min(tokens.len());
    tokens.get(first..end).is_some_and(|words| words.iter().any(|w| w.is(role::ORGANIZATION) && w.capital))
}

#[cfg(test)]
mod tests {
    use super::super::names::tokens;
    use super::*;

    fn names(text: &str, seeds: &[&str]) -> Vec<String> {
        let lists = NameLists::builtin();
        let seeds: HashSet<String> = seeds.iter().map(|s| s.to_lowercase()).collect();
        let mut tokens = tokens(text);
        lists.assign_roles(&mut tokens);
        find(text, &tokens, &lists, &seeds).into_iter().map(|(a, b)| text[a..b].to_owned()).collect()
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
