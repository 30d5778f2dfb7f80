//! The rules that decide whether name-like words are a name: after a cue word, by shape, `Surname, Given`, before
//! a credential — and what makes them something else (eponyms, organisations, states, a month and its day).

use super::names::Token;
use super::people::{adjacent, horizontal_space, nameish};
use super::words::role;

/// Whether a credential follows the run ending at `last` ("Jane Doe MD", "K. Ellis, RN", "J. Roe, PA-C").
pub(super) fn credential_after(text: &str, tokens: &[Token], last: usize) -> bool {
    let Some(a) = tokens.get(last) else { return false };
    // Written with periods: "Moshe Thistlewood, M.D.", "J. Roe R.N."
    let after = text.get(a.end..).unwrap_or_default().trim_start_matches(|c: char| c == ',' || horizontal_space(c));
    if ["M.D.", "D.O.", "R.N.", "N.P.", "P.A.", "Ph.D.", "M.D", "D.D.S."].iter().any(|c| after.starts_with(c)) {
        return true;
    }
    let Some(b) = tokens.get(last + 1) else { return false };
    let gap = text.get(a.end..b.start).unwrap_or_default();
    b.is(role::CREDENTIAL)
        && gap.len() <= 2
        && gap.chars().all(|c| horizontal_space(c) || c == ',')
        && (b.caps || b.key.len() > 2)
}

/// After a cue word: a listed name that is not a common word ("called Kelly", "with Brown", not "to Pharmacy"),
/// or two or more name-like words none of which is a word ("spoke with GWILYM MTHEMBU").
pub(super) fn cued_name(words: &[Token]) -> bool {
    let listed = |w: &Token| w.is(role::GIVEN) || w.is(role::SURNAME);
    let known = |w: &Token| listed(w) && (!w.is(role::CLINICAL) || w.is(role::AMBIGUOUS));
    let wordlike = |w: &Token| !w.is(role::PARTICLE) && (w.is(role::VOCABULARY) || w.is(role::COMMON));
    let abbreviation = |w: &Token| w.caps && w.key.chars().count() <= 4 && !listed(w);
    if let [first, second] = words
        && given_then_surname(first, second)
    {
        return true;
    }
    if words.iter().any(|w| w.is(role::VOCABULARY) || abbreviation(w)) || state(words) {
        return false;
    }
    // "spoke with Art Chen", "resolved by ALBERT DOE": a given name then a surname, even when either is a word.
    let capitals = words.iter().all(|w| w.caps || w.initial);
    let full = words.len() >= 2
        && words.first().is_some_and(|w| w.is(role::GIVEN))
        && words.last().is_some_and(|w| w.is(role::SURNAME) && (capitals || !w.is(role::COMMON)));
    // "Signed by Evelyn A. Doe", "session for V. Ngata": an initial shows a name.
    let middle_initial = words.len() == 3 && words.get(1).is_some_and(|w| w.initial);
    let initialled =
        words.len() >= 2 && words.iter().any(|w| w.initial) && (middle_initial || !words.iter().any(wordlike));
    let plain = words.iter().filter(|w| !w.initial).count();
    full || initialled || !words.iter().any(wordlike) && (words.iter().any(known) || plain >= 2)
}

/// "called Jane Doe", "spoke with Maria Colon": after a cue, a given name then a capitalised listed surname are
/// a name even when the surname is also a word ("doe", "colon", "endo") — never an abbreviation in capitals
/// ("ALT"), a word of two letters ("Co"), a month or a weekday ("called Jane Monday").
pub(super) fn given_then_surname(first: &Token, second: &Token) -> bool {
    const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let long = |w: &Token| w.key.chars().count() >= 2 && !w.initial;
    first.is(role::GIVEN)
        && !first.is(role::VOCABULARY)
        && !(first.caps && first.key.chars().count() <= 4)
        && long(first)
        && second.is(role::SURNAME)
        && second.capital
        && !second.caps
        && !second.is(role::PARTICLE | role::MONTH)
        && second.key.chars().count() >= 3
        && !WEEKDAYS.contains(&second.key.as_str())
}

/// Whether words are a state's name ("verified by Indiana DL"): a place, not a person, after a cue word.
pub(super) fn state(words: &[Token]) -> bool {
    // State names have one to three words ("District of Columbia"); compare word by word, without allocating.
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    super::places::STATE_NAMES.split('|').any(|state| {
        let mut parts = state.split(' ');
        words.iter().all(|w| parts.next().is_some_and(|p| p.eq_ignore_ascii_case(&w.key))) && parts.next().is_none()
    })
}

/// The end of a given name (and middle initial) after `Surname,` — one name-like word, maybe an initial.
pub(super) fn given_after_comma(text: &str, tokens: &[Token], last: usize) -> Option<usize> {
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
pub(super) fn shaped_name(first: &Token, words: &[Token]) -> bool {
    let first_given = first.is(role::GIVEN) && !first.is(role::CLINICAL) && first.key.chars().count() > 2;
    let rest_known = words
        .iter()
        .skip(1)
        .any(|w| w.initial || w.is(role::SURNAME) && (!w.is(role::CLINICAL) || w.is(role::AMBIGUOUS)));
    let vocabulary = words.iter().any(|w| w.is(role::VOCABULARY) || w.is(role::COMMON));
    words.len() >= 2 && first_given && rest_known && !vocabulary
}

/// `Doe, Jane` / `DOE, JANE Q`: a surname, a comma, a given name (after a title, any two name-like words), and a
/// middle initial or name after it.
pub(super) fn comma_name(tokens: &[Token], i: usize, titled: bool, cued: bool) -> Option<usize> {
    let (a, b) = (tokens.get(i)?, tokens.get(i + 1)?);
    // The shape is strong evidence: the surname may be a word ("DOE"), the given name must be a clear one —
    // or, after a cue word, any listed name that is not clinical vocabulary ("session for VENKATARAMAN, HOWARD").
    let plain = |w: &Token| !w.is(role::VOCABULARY);
    let listed_name = |w: &Token| w.is(role::GIVEN) || w.is(role::SURNAME);
    let abbreviation = |w: &Token| w.caps && w.key.chars().count() <= 4 && !listed_name(w);
    // An unlisted pair in capitals after a cue ("for NWACHUKWU, MAINLYERA"), neither an abbreviation nor a word.
    let unusual = |w: &Token| w.caps && !abbreviation(w) && plain(w) && !w.is(role::COMMON);
    let listed = a.is(role::SURNAME) && b.is(role::GIVEN) && plain(a) && !b.is(role::CLINICAL)
        || cued && (a.is(role::SURNAME) || b.is(role::GIVEN)) && plain(a) && plain(b)
        || cued && unusual(a) && unusual(b);
    if abbreviation(a) || month_day(tokens, i + 1) || state(std::slice::from_ref(b)) {
        return None; // "RN, MICU, May 3": a unit and a date, not "MICU, May"
    }
    let close = b.start.saturating_sub(a.end) <= 3;
    // `Tshabalala, Keoni G.`: a middle initial with its period after `Surname, Given` is itself the evidence.
    let initialled = tokens.get(i + 2).is_some_and(|c| c.initial && c.start.saturating_sub(b.end) <= 2)
        && a.capital
        && b.capital
        && plain(a)
        && plain(b)
        && !b.caps;
    if !(a.comma && close && nameish(a) && nameish(b) && (listed || titled || initialled)) {
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
pub(super) fn month_day(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.is(role::MONTH) && t.day_after)
}

/// Whether the word after a run makes it an eponym ("Gram stain", "Hodgkin lymphoma").
pub(super) fn eponym(tokens: &[Token], last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|n| n.is(role::EPONYM))
}

/// Whether a run, or the word after it, names an organisation ("Lincoln Memorial Hospital", "Mayo Clinic"), or
/// the run is joined to another capitalised word by `&` or `and` ("Baylor Scott & White", "Brigham and Women's").
pub(super) fn organisation(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let within =
        tokens.get(first..=last).is_some_and(|words| words.iter().any(|w| w.is(role::ORGANIZATION) && w.capital));
    // The word right after the run ("Mayo Clinic"), not one after punctuation ("Dr. Russell (Cardiology)").
    let after = match (tokens.get(last), tokens.get(last + 1)) {
        (Some(a), Some(n)) => {
            n.is(role::ORGANIZATION)
                && n.capital
                && text.get(a.end..n.start).is_some_and(|g| g.chars().all(horizontal_space))
        }
        _ => false,
    };
    let worded = within || after;
    let organisational = |k: usize| tokens.get(k).is_some_and(|w| w.capital && w.is(role::ORGANIZATION));
    let joined = match (tokens.get(last), tokens.get(last + 1)) {
        (Some(a), Some(n)) => {
            let gap = text.get(a.end..n.start).unwrap_or_default();
            gap.trim() == "&" && n.capital || n.key == "and" && (organisational(last + 2) || organisational(last + 3))
        }
        _ => false,
    };
    worded || joined
}
