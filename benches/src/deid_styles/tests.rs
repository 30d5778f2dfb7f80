//! Properties of the corpus, and a printout of counts and samples (`--nocapture`).

use std::collections::{BTreeMap, HashSet};

use super::names::{FEMALE, MALE, RARE_FEMALE, RARE_MALE, RARE_SURNAMES, SURNAMES};
use super::noise::HOSPITALS;
use super::places::US_CITIES;
use super::record::Record;
use super::template::render;
use super::writer::Writer;
use super::{logs, messy, narrative, notes, reports, support};
use crate::deid::{AnnotatedNote, PhiSpan, distinct_categories};

fn text_of<'a>(note: &'a AnnotatedNote, span: &PhiSpan) -> &'a str {
    note.text.get(span.start..span.end).unwrap_or_default()
}

fn counts(corpus: &[AnnotatedNote]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for span in corpus.iter().flat_map(|n| &n.spans) {
        *counts.entry(span.category).or_default() += 1;
    }
    counts
}

#[test]
fn spans_are_well_formed() {
    for note in notes(3000, 1) {
        let mut previous_end = 0;
        for span in &note.spans {
            assert!(span.start < span.end, "{note:?}");
            assert!(span.end <= note.text.len(), "{note:?}");
            assert!(note.text.is_char_boundary(span.start) && note.text.is_char_boundary(span.end));
            assert!(span.start >= previous_end, "overlap in {note:?}");
            previous_end = span.end;
            let text = text_of(&note, span);
            assert_eq!(text, text.trim(), "{note:?}");
            assert!(!text.ends_with([',', ';', ':', ')', '"']), "{text:?} in {note:?}");
            // Only an initial ends with a period ("Doe, Jane A.").
            let last_word = text.rsplit(' ').next().unwrap_or("");
            assert!(!text.ends_with('.') || last_word.chars().count() == 2, "{text:?} in {note:?}");
            assert!(distinct_categories().contains(&span.category), "{}", span.category);
        }
        assert!(!note.text.contains("{?"), "unknown slot in {}", note.text);
    }
}

#[test]
fn same_seed_same_notes_different_seed_different_notes() {
    assert_eq!(notes(300, 7), notes(300, 7));
    assert_ne!(notes(50, 7), notes(50, 8));
    assert_eq!(notes(20, 3), notes(200, 3)[..20].to_vec());
}

#[test]
fn every_category_occurs_often() {
    let counts = counts(&notes(3000, 1));
    for category in distinct_categories() {
        let count = counts.get(category).copied().unwrap_or(0);
        assert!(count >= 30, "{category}: {count}");
    }
}

#[test]
fn every_template_slot_exists() {
    let lists = [narrative::ALL, reports::ALL, support::ALL, logs::ALL, messy::ALL];
    for (i, template) in lists.iter().flat_map(|l| l.iter()).flat_map(|t| t.iter()).enumerate() {
        for round in 0..8 {
            let mut w = Writer::for_note(99, i * 8 + round);
            let record = Record::new(&mut w);
            render(&mut w, &record, template);
            let note = w.finish();
            assert!(!note.text.contains("{?"), "{}", note.text);
        }
    }
}

#[test]
fn ages_states_and_years_follow_safe_harbor() {
    let states: HashSet<&str> = US_CITIES.iter().flat_map(|c| [c.1, c.2]).collect();
    for note in notes(3000, 1) {
        for span in &note.spans {
            let text = text_of(&note, span);
            // A state is never a place span ("Washington" may be a surname).
            assert!(span.category == "name" || !states.contains(text), "{text}");
            let year_alone = text.len() == 4 && text.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y));
            assert!(!(span.category == "date" && year_alone), "{text}");
            if span.category == "age" {
                let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
                assert!(digits.parse::<u32>().unwrap() >= 90, "{text}");
            }
        }
    }
}

#[test]
fn styles_are_mixed_seeds_and_rare_names_are_common() {
    let corpus = notes(3000, 1);
    let seeded = corpus.iter().filter(|n| !n.seeds.is_empty()).count();
    assert!((1000..=1700).contains(&seeded), "{seeded}");
    let rare: HashSet<&str> = RARE_FEMALE.iter().chain(RARE_MALE).chain(RARE_SURNAMES).copied().collect();
    let names: Vec<&str> =
        corpus.iter().flat_map(|n| n.spans.iter().filter(|s| s.category == "name").map(|s| text_of(n, s))).collect();
    let with_rare = names.iter().filter(|t| rare.iter().any(|r| t.to_lowercase().contains(&r.to_lowercase()))).count();
    let share = with_rare as f64 / names.len() as f64;
    assert!((0.12..=0.30).contains(&share), "{with_rare} of {}", names.len());
    let common: HashSet<&str> = FEMALE.iter().chain(MALE).chain(SURNAMES).copied().collect();
    assert!(rare.iter().all(|r| !common.contains(r)));
}

#[test]
fn distractors_are_not_annotated() {
    let corpus = notes(3000, 1);
    for note in &corpus {
        for span in &note.spans {
            let text = text_of(note, span).to_lowercase();
            for organisation in ["mayo", "hopkins", "cedars", "sinai", "medical center"] {
                assert!(!text.contains(organisation) || span.category == "url", "{text}");
            }
        }
    }
    let with_lab_values = corpus.iter().filter(|n| n.text.contains("mg/dL") || n.text.contains("mmol/L")).count();
    assert!(with_lab_values >= 200, "{with_lab_values}");
    let with_organisation = corpus.iter().filter(|n| HOSPITALS.iter().any(|h| n.text.contains(h))).count();
    assert!(with_organisation >= 400, "{with_organisation}");
}

#[allow(clippy::print_stdout)]
mod printout {
    use super::*;

    #[test]
    fn print_counts_and_samples() {
        let corpus = notes(3000, 1);
        let counts = counts(&corpus);
        println!("per-category spans in deid_styles::notes(3000, 1):");
        for category in distinct_categories() {
            println!("  {category:<15} {}", counts.get(category).copied().unwrap_or(0));
        }
        println!("  total spans     {}", counts.values().sum::<usize>());
        println!("  notes without PHI: {}", corpus.iter().filter(|n| n.spans.is_empty()).count());
        println!("  seeded notes: {}", corpus.iter().filter(|n| !n.seeds.is_empty()).count());
        let rare: HashSet<&str> = RARE_FEMALE.iter().chain(RARE_MALE).chain(RARE_SURNAMES).copied().collect();
        let names: Vec<String> = corpus
            .iter()
            .flat_map(|n| n.spans.iter().filter(|s| s.category == "name").map(|s| text_of(n, s).to_lowercase()))
            .collect();
        let with_rare = names.iter().filter(|t| rare.iter().any(|r| t.contains(&r.to_lowercase()))).count();
        println!("  name mentions with a rare or invented part: {with_rare} of {}", names.len());
        let lengths: Vec<usize> = corpus.iter().map(|n| n.text.chars().count()).collect();
        let (min, max) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
        println!("  length: {min} to {max} chars, mean {}", lengths.iter().sum::<usize>() / lengths.len());
        // SKIP=n prints notes n.. instead.
        let skip = std::env::var("SKIP").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        for note in corpus.iter().skip(skip).take(15) {
            println!("\n----------------------------------------\n{}", note.text);
            for span in &note.spans {
                println!("    {:<15} {:?}", span.category, text_of(note, span));
            }
            if !note.seeds.is_empty() {
                println!("    seeds: {:?}", note.seeds);
            }
        }
    }
}
