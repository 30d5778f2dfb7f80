//! Properties of the corpus as a whole, and a printout of counts and examples (`--nocapture`).

use std::collections::{BTreeMap, HashSet};

use super::contact::PLACES;
use super::generator::{Draft, Generator, MAX_CHARS, MIN_CHARS, samples};
use super::names::names;
use super::templates::{BARE, EXTRA, KINDS, NOISE};
use super::{AnnotatedNote, CATEGORIES, PhiSpan, distinct_categories, notes};

fn text_of<'a>(note: &'a AnnotatedNote, span: &PhiSpan) -> &'a str {
    &note.text[span.start..span.end]
}

#[test]
fn spans_are_well_formed() {
    for note in notes(2000, 1) {
        let mut previous_end = 0;
        for span in &note.spans {
            assert!(span.start < span.end, "{note:?}");
            assert!(note.text.is_char_boundary(span.start) && note.text.is_char_boundary(span.end));
            assert!(span.start >= previous_end, "overlap in {note:?}");
            previous_end = span.end;
            let text = text_of(&note, span);
            assert_eq!(text, text.trim(), "{note:?}");
            assert!(!text.ends_with([',', ';', ':']), "{text:?} in {note:?}");
            // Only an initial ends with a period ("Doe, Jane A.").
            let last_word = text.rsplit(' ').next().unwrap_or("");
            assert!(!text.ends_with('.') || last_word.chars().count() == 2, "{text:?} in {note:?}");
            assert!(CATEGORIES.contains(&span.category));
        }
    }
}

#[test]
fn every_category_occurs_at_least_30_times() {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for note in notes(2000, 1) {
        for span in &note.spans {
            *counts.entry(span.category).or_default() += 1;
        }
    }
    for category in distinct_categories() {
        let count = counts.get(category).copied().unwrap_or(0);
        assert!(count >= 30, "{category}: {count}");
    }
}

#[test]
fn same_seed_same_bytes_and_prefixes() {
    assert_eq!(notes(500, 7), notes(500, 7));
    assert_ne!(notes(50, 7), notes(50, 8));
    assert_eq!(notes(20, 3), notes(200, 3)[..20].to_vec());
}

#[test]
fn notes_are_short() {
    for note in notes(2000, 1) {
        let chars = note.text.chars().count();
        assert!((MIN_CHARS..=MAX_CHARS).contains(&chars), "{chars}: {}", note.text);
    }
}

#[test]
fn about_a_quarter_of_names_are_rare() {
    let all = samples(2000, 1);
    let names: usize = all.iter().map(|s| s.names).sum();
    let rare: usize = all.iter().map(|s| s.rare_names).sum();
    let share = rare as f64 / names as f64;
    assert!((0.20..=0.30).contains(&share), "{rare} of {names}");
}

#[test]
fn distractors_and_seeds_are_common() {
    let all = samples(2000, 1);
    let with_noise = all.iter().filter(|s| s.distractors > 0).count();
    assert!(with_noise >= 800, "{with_noise}");
    let seeded: Vec<&AnnotatedNote> = all.iter().map(|s| &s.note).filter(|n| !n.seeds.is_empty()).collect();
    assert!((900..=1100).contains(&seeded.len()), "{}", seeded.len());
    // Seeded notes where the patient's name appears written otherwise than in the record.
    let reworded = seeded
        .iter()
        .filter(|n| {
            let seed = n.seeds.iter().find(|(k, _)| *k == "name").map(|(_, v)| v.as_str()).unwrap_or("");
            let family = seed.rsplit(' ').next().unwrap_or("").to_lowercase();
            n.spans.iter().any(|s| {
                let text = text_of(n, s);
                s.category == "name" && text != seed && text.to_lowercase().contains(&family)
            })
        })
        .count();
    assert!(reworded >= 200, "{reworded}");
}

#[test]
fn rare_names_are_not_in_the_common_lists() {
    let lists = names();
    let common: HashSet<&str> = lists.female.iter().chain(&lists.male).chain(&lists.surnames).copied().collect();
    for rare in lists.rare_female.iter().chain(&lists.rare_male).chain(&lists.rare_surnames) {
        assert!(!common.contains(rare), "{rare}");
    }
    assert!(lists.female.len() + lists.male.len() >= 300);
    assert!(lists.surnames.len() >= 300);
}

#[test]
fn ages_states_and_years_follow_safe_harbor() {
    let states: HashSet<&str> = PLACES.iter().flat_map(|p| [p.1, p.2]).collect();
    for note in notes(2000, 1) {
        for span in &note.spans {
            let text = text_of(&note, span);
            assert!(!states.contains(text), "{text}");
            let year_alone = text.len() == 4 && text.starts_with(['1', '2']) && text.parse::<u32>().is_ok();
            assert!(!(span.category == "date" && year_alone), "{text}");
            if span.category == "age" {
                let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
                assert!(digits.parse::<u32>().unwrap() >= 90, "{text}");
            }
        }
    }
}

#[test]
fn every_template_slot_exists() {
    let mut generator = Generator::new(5);
    let record = generator.record();
    let lists: Vec<&[&str]> = KINDS.iter().map(|(_, t)| *t).chain([NOISE, EXTRA, BARE]).collect();
    for template in lists.into_iter().flatten() {
        let mut draft = Draft::default();
        assert!(generator.fill(template, &record, &mut draft), "{template}");
    }
}

#[test]
fn print_counts_and_examples() {
    let corpus = notes(2000, 1);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for span in corpus.iter().flat_map(|n| &n.spans) {
        *counts.entry(span.category).or_default() += 1;
    }
    println!("per-category spans in notes(2000, 1):");
    for category in distinct_categories() {
        println!("  {category:<15} {}", counts.get(category).copied().unwrap_or(0));
    }
    println!("  total spans     {}", counts.values().sum::<usize>());
    println!("  notes without PHI: {}", corpus.iter().filter(|n| n.spans.is_empty()).count());
    let all = samples(2000, 1);
    let (names, rare): (usize, usize) = all.iter().fold((0, 0), |(n, r), s| (n + s.names, r + s.rare_names));
    println!("  rare names: {rare} of {names} name mentions");
    println!("  notes with distractors: {}", all.iter().filter(|s| s.distractors > 0).count());
    println!("  seeded notes: {}", corpus.iter().filter(|n| !n.seeds.is_empty()).count());
    for note in corpus.iter().take(10) {
        println!("\n{}", note.text);
        for span in &note.spans {
            println!("    {:<15} {:?}", span.category, text_of(note, span));
        }
        if !note.seeds.is_empty() {
            println!("    seeds: {:?}", note.seeds);
        }
    }
}
