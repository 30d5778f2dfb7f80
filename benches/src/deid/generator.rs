//! The generator: a record per note, a main template and extra sentences, filled slot by slot.

use super::contact::{PLACES, Phone};
use super::dates::Date;
use super::identifiers::MRN_PATTERNS;
use super::names::{Form, Person, RELATIONS};
use super::templates::{BARE, CLEAN, EXTRA, KINDS, NOISE};
use super::{AnnotatedNote, PhiSpan};
use crate::Lcg;

/// The bounds of a note's length, in characters.
pub(super) const MIN_CHARS: usize = 60;
pub(super) const MAX_CHARS: usize = 400;

/// A note and what the tests check about the corpus as a whole.
#[cfg_attr(not(test), expect(dead_code, reason = "corpus statistics, read by the tests"))]
pub(super) struct Sample {
    pub(super) note: AnnotatedNote,
    /// Person-name mentions, and how many of them are rare or invented names.
    pub(super) names: usize,
    pub(super) rare_names: usize,
    /// Distractors written.
    pub(super) distractors: usize,
}

/// The first `count` samples of the stream for `seed`.
pub(super) fn samples(count: usize, seed: u64) -> Vec<Sample> {
    let mut generator = Generator::new(seed);
    (0..count).map(|_| generator.sample()).collect()
}

/// A note under construction.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(super) text: String,
    pub(super) spans: Vec<PhiSpan>,
    pub(super) names: usize,
    pub(super) rare_names: usize,
    pub(super) distractors: usize,
}

impl Draft {
    pub(super) fn put(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub(super) fn phi(&mut self, category: &'static str, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.spans.push(PhiSpan { start, end: self.text.len(), category });
    }

    pub(super) fn noise(&mut self, s: &str) {
        self.distractors += 1;
        self.text.push_str(s);
    }

    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    /// Appends another sentence after a space.
    fn join(&mut self, other: Draft) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.iter().map(|s| PhiSpan { start: s.start + offset, end: s.end + offset, ..*s }));
        self.names += other.names;
        self.rare_names += other.rare_names;
        self.distractors += other.distractors;
    }
}

/// What the structured record knows about the note's patient.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub(super) person: Person,
    pub(super) mrn: String,
    pub(super) phone: Phone,
    pub(super) dob: Date,
    pub(super) age: usize,
    pub(super) place: (&'static str, &'static str, &'static str, &'static str),
    pub(super) zip: String,
    pub(super) street: String,
    pub(super) email: String,
    /// The relation of the relative a note mentions, and the sex it implies.
    pub(super) kin: (&'static str, Option<bool>),
    pub(super) seeded: bool,
}

/// The state of the stream: the random numbers, and what the note being written talks about.
pub(super) struct Generator {
    pub(super) rng: Lcg,
    /// Index into `identifiers::DEVICES` of the device a note talks about.
    pub(super) device: usize,
    /// Index into `identifiers::PAYERS` of the payer a note talks about.
    pub(super) payer: usize,
    /// The clinician named last, whose email `{cemail}` writes.
    pub(super) last_clinician: Option<Person>,
}

impl Generator {
    /// A generator at the start of the stream for `seed`.
    pub(super) fn new(seed: u64) -> Generator {
        Generator { rng: Lcg::new(seed), device: 0, payer: 0, last_clinician: None }
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    /// A number in `low..=high`.
    pub(super) fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.rng.below(high.saturating_sub(low) + 1)
    }

    pub(super) fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        self.rng.pick(items).copied().unwrap_or_default()
    }

    pub(super) fn pick_form(&mut self, forms: &[Form]) -> Form {
        self.rng.pick(forms).copied().unwrap_or(Form::Full)
    }

    /// An identifier of the given shape: `#` a digit, `@` a letter (no I, O, Q), `%` either; the rest literal.
    pub(super) fn pattern(&mut self, pattern: &str) -> String {
        const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
        const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        let mut one = |set: &[u8]| set.get(self.rng.below(set.len())).copied().map(char::from).unwrap_or('0');
        pattern
            .chars()
            .map(|c| match c {
                '#' => one(b"0123456789"),
                '@' => one(LETTERS),
                '%' => one(ALNUM),
                other => other,
            })
            .collect()
    }

    fn sample(&mut self) -> Sample {
        let mut last = None;
        for _ in 0..16 {
            let record = self.record();
            let draft = self.compose(&record);
            if (MIN_CHARS..=MAX_CHARS).contains(&draft.chars()) {
                return finish(draft, &record);
            }
            last = Some((draft, record));
        }
        // Not reached in practice (a test checks the lengths); keeps the generator total.
        let (draft, record) = last.unwrap_or_else(|| (Draft::default(), self.record()));
        finish(draft, &record)
    }

    pub(super) fn record(&mut self) -> Record {
        let person = self.person();
        let age = if self.chance(35) { self.range(90, 104) } else { self.range(18, 89) };
        let dob = Date { y: 2024 - age, m: self.range(1, 12), d: self.range(1, 28), hh: 0, mi: 0 };
        let mrn_pattern = self.pick(MRN_PATTERNS);
        let mrn = self.pattern(mrn_pattern);
        let phone = self.phone();
        let place = self.rng.pick(PLACES).copied().unwrap_or(("Springfield", "IL", "Illinois", "627"));
        let mut zip = format!("{}{:02}", place.3, self.below(100));
        if self.chance(20) {
            zip.push_str(&format!("-{:04}", self.below(10_000)));
        }
        let street = self.street();
        let email = self.email(&person);
        let kin = self.rng.pick(RELATIONS).copied().unwrap_or(("caregiver", None));
        let seeded = self.chance(50);
        Record { person, mrn, phone, dob, age, place, zip, street, email, kin, seeded }
    }

    /// The main template, then extra sentences (noise, PHI, and for seeded notes a mention without a cue) at
    /// random places, as long as the note stays within bounds.
    fn compose(&mut self, record: &Record) -> Draft {
        self.choose_payer_and_device();
        let sentences = self.sentences(record);
        self.assemble(sentences, record)
    }

    /// The main template's sentence, with up to two extra sentences inserted at random places.
    fn sentences(&mut self, record: &Record) -> Vec<Draft> {
        let main = self.main_template();
        let mut sentences = vec![self.sentence(main, record)];
        let mut extras = Vec::new();
        if record.seeded && self.chance(45) {
            extras.push(self.pick(BARE));
        }
        if self.chance(35) {
            extras.push(self.pick(NOISE));
        }
        if self.chance(15) {
            extras.push(self.pick(EXTRA));
        }
        for template in extras.into_iter().take(2) {
            let sentence = self.sentence(template, record);
            let at = self.below(sentences.len() + 1);
            sentences.insert(at, sentence);
        }
        sentences
    }

    /// Joins the sentences that fit within [`MAX_CHARS`], then pads a note shorter than [`MIN_CHARS`] with noise.
    fn assemble(&mut self, sentences: Vec<Draft>, record: &Record) -> Draft {
        let mut note = Draft::default();
        for sentence in sentences {
            if note.chars() + 1 + sentence.chars() <= MAX_CHARS {
                note.join(sentence);
            }
        }
        for _ in 0..4 {
            if note.chars() >= MIN_CHARS {
                break;
            }
            let template = self.pick(NOISE);
            let sentence = self.sentence(template, record);
            note.join(sentence);
        }
        note
    }

    fn main_template(&mut self) -> &'static str {
        let total: usize = KINDS.iter().map(|(weight, _)| weight).sum();
        let mut roll = self.below(total);
        for (weight, templates) in KINDS {
            if roll < *weight {
                return self.pick(templates);
            }
            roll -= weight;
        }
        self.pick(CLEAN)
    }

    fn sentence(&mut self, template: &str, record: &Record) -> Draft {
        let mut draft = Draft::default();
        self.fill(template, record, &mut draft);
        draft
    }

    /// Writes a template; false if it names a slot that does not exist (a test checks every template).
    pub(super) fn fill(&mut self, template: &str, record: &Record, draft: &mut Draft) -> bool {
        let mut known = true;
        let mut rest = template;
        while let Some((literal, tail)) = rest.split_once('{') {
            draft.put(literal);
            let (key, after) = tail.split_once('}').unwrap_or((tail, ""));
            known &= self.slot(key, record, draft);
            rest = after;
        }
        draft.put(rest);
        known
    }

    /// Writes one `{slot}`; false if no slot has that name.
    fn slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        self.person_slot(key, record, draft)
            || self.age_slot(key, record, draft)
            || self.contact_slot(key, record, draft)
            || self.date_slot(key, record, draft)
            || self.id_slot(key, record, draft)
            || self.noise_slot(key, draft)
    }
}

/// The finished note, with the record's identifiers as seeds when the note is seeded.
fn finish(draft: Draft, record: &Record) -> Sample {
    let seeds = if record.seeded {
        let Phone { area, exchange, line } = record.phone;
        vec![
            ("name", format!("{} {}", record.person.given, record.person.family)),
            ("mrn", record.mrn.clone()),
            ("phone", format!("({area}) {exchange}-{line:04}")),
        ]
    } else {
        Vec::new()
    };
    Sample {
        note: AnnotatedNote { text: draft.text, spans: draft.spans, seeds },
        names: draft.names,
        rare_names: draft.rare_names,
        distractors: draft.distractors,
    }
}
