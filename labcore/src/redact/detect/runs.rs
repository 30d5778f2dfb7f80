//! Runs of name words, the pieces the rules of [`super::people`] judge: the longest run of name-like words from a
//! token (and the same without the abbreviations and clinical words it ended on), the patient's own name parts
//! (seeds) in a row, and names written in lower case after a title or a cue. Each run is bounded (six words, four
//! in lower case) or, for seeds, followed once: the detector that walks them stays linear in the text.

use std::collections::HashSet;

use super::name_rules::given_then_surname;
use super::names::Token;
use super::people::{adjacent, nameish};
use super::words::role;

/// A lower-case word that is a listed name and no word at all ("paged tanaka", "per esther"); after an honorific,
/// a name that is also a word ("dr wood", "dr reed") but not clinical vocabulary.
fn lower_name(t: &Token, honorific: bool) -> bool {
    let word_ok = if honorific { !t.is(role::VOCABULARY) } else { !t.is(role::CLINICAL) };
    !t.capital
        && t.roles & role::ANY_ROLE == 0
        && t.key.chars().count() >= 3
        && (t.is(role::GIVEN) || t.is(role::SURNAME))
        && word_ok
}

/// A name written in lower case after a title or cue: listed name words, maybe `surname, given` and an initial.
pub(super) fn lower_run(text: &str, tokens: &[Token], i: usize, honorific: bool) -> Option<usize> {
    let t = tokens.get(i)?;
    // "called n. powell": an initial, then the name.
    let start = if t.initial { i + 1 } else { i };
    if !tokens.get(start).is_some_and(|t| lower_name(t, honorific)) {
        return None;
    }
    let i = start;
    let mut last = i;
    while last - i < 3 {
        let (Some(a), Some(b)) = (tokens.get(last), tokens.get(last + 1)) else { break };
        let joined = adjacent(text, a, b) || a.comma && b.start.saturating_sub(a.end) <= 2;
        // More of the name: a listed name, an initial, or a hyphenated family name ("joan mbeki-owusu").
        let hyphenated = b.key.contains('-') && b.roles & role::ANY_ROLE == 0 && !b.is(role::CLINICAL);
        if !(joined && (lower_name(b, honorific) || hyphenated || b.key.chars().count() == 1 && b.initial)) {
            break;
        }
        last += 1;
    }
    Some(last)
}

/// The last token of the patient's own name starting at `i`: seed parts, bridged by initials or middle names,
/// and a trailing initial ("Walker, Herbert B.").
pub(super) fn seed_run(text: &str, tokens: &[Token], i: usize, seeds: &HashSet<String>) -> Option<usize> {
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
pub(super) fn run(text: &str, tokens: &[Token], first: usize) -> usize {
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

/// A run without the abbreviations and clinical words it ended on ("CALLED JOSÉ PACU" is José, at the PACU) —
/// but after a cue, a listed surname right after a given name stays ("called Mary Allegra").
pub(super) fn trim_run(tokens: &[Token], first: usize, mut last: usize, cued: bool) -> usize {
    let listed = |w: &Token| w.is(role::GIVEN) || w.is(role::SURNAME);
    while last > first {
        let Some(w) = tokens.get(last) else { break };
        let abbreviation = w.caps && w.key.chars().count() <= 4 && !listed(w);
        let surname = cued && last == first + 1 && tokens.get(first).is_some_and(|f| given_then_surname(f, w));
        if !(abbreviation || w.is(role::VOCABULARY)) || surname {
            break;
        }
        last -= 1;
    }
    last
}
