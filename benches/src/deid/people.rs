//! People written into a note: the patient, clinicians with their roles and titles, relatives, and ages.

use super::generator::{Draft, Generator, Record};
use super::names::{BARE_FORMS, Form, PATIENT_FORMS, Person, STAFF_FORMS, capitalize, render};

/// Age forms: `(prefix outside the span, unit inside it)`.
const AGE_UNITS: &[(&str, &str)] = &[
    ("", "-year-old"),
    ("", " yo"),
    ("", " yo"),
    ("", " y/o"),
    ("", "yo"),
    ("", " years old"),
    ("", " yrs"),
    ("", "y"),
];
#[rustfmt::skip]
const AGE_FORMS: &[(&str, &str)] = &[
    ("", "-year-old"), ("", " yo"), ("", " yo"), ("", " y/o"), ("", "yo"), ("", " years old"), ("", " yrs"), ("", "y"),
    ("age ", ""), ("Age: ", ""), ("aged ", ""),
];
const AGE_ADJECTIVES: &[(&str, &str)] = &[("", "-year-old"), ("", "-yr-old")];
const AGE_NUMBER: &[(&str, &str)] = &[("", "")];

impl Generator {
    /// One name mention: a span, counted (and counted as rare when it is).
    fn name(&mut self, draft: &mut Draft, person: &Person, form: Form) {
        draft.phi("name", &render(person, form));
        draft.names += 1;
        draft.rare_names += usize::from(person.rare);
    }

    /// `Ms. ` or `Mr. ` before a family name, outside the span.
    fn title(&mut self, draft: &mut Draft, person: &Person) {
        let title = if person.female { self.pick(&["Ms.", "Mrs.", "Ms"]) } else { self.pick(&["Mr.", "Mr"]) };
        draft.put(title);
        draft.put(" ");
    }

    /// A new clinician, remembered for `{cemail}`.
    fn clinician(&mut self) -> Person {
        let person = self.person();
        self.last_clinician = Some(person.clone());
        person
    }

    /// The patient, a clinician or a relative by name, and the words about them (relation, sex).
    pub(super) fn person_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        let patient = &record.person;
        match key {
            "pt" => {
                let form = self.pick_form(PATIENT_FORMS);
                self.name(draft, patient, form);
            }
            "pt_title" => {
                self.title(draft, patient);
                self.name(draft, patient, Form::Family);
            }
            "pt_bare" => {
                let form = self.pick_form(BARE_FORMS);
                if matches!(form, Form::Family) {
                    self.title(draft, patient);
                }
                self.name(draft, patient, form);
            }
            "clin" | "clin_rn" | "dr" | "dr_title" | "tech" => self.staff(key, draft),
            "rel" => self.relative(record, draft, record.kin.1),
            "rel_male" => self.relative(record, draft, Some(false)),
            "relation" => draft.put(record.kin.0),
            "relation_cap" => draft.put(&capitalize(record.kin.0)),
            "sex" => draft.put(if patient.female { "F" } else { "M" }),
            "sex_word" => draft.put(if patient.female { "female" } else { "male" }),
            "sibling" => draft.put(self.pick(&["sister", "brother"])),
            _ => return false,
        }
        true
    }

    /// The patient's age in one of its forms, or a young sibling's (`{young_age}`, never annotated).
    pub(super) fn age_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        let (years, forms) = match key {
            "age" => (record.age, AGE_FORMS),
            "age_unit" => (record.age, AGE_UNITS),
            "age_adj" => (record.age, AGE_ADJECTIVES),
            "age_num" => (record.age, AGE_NUMBER),
            "young_age" => (self.range(18, 89), AGE_UNITS),
            _ => return false,
        };
        self.age(draft, years, forms);
        true
    }

    /// A clinician with a role or title: `RN Kelly Brown`, `Kelly Brown, RN`, `Dr. Brown`, `K. Brown, MLS(ASCP)`.
    fn staff(&mut self, key: &str, draft: &mut Draft) {
        let person = self.clinician();
        let form = self.pick_form(STAFF_FORMS);
        let style = match key {
            "clin" => 0,
            "clin_rn" => self.range(1, 9),
            "dr" => self.range(8, 12),
            "dr_title" => self.range(8, 9),
            _ => self.range(13, 16),
        };
        let (before, form, after) = match style {
            0 => ("", form, ""),
            1 => ("RN ", form, ""),
            2 => ("", form, ", RN"),
            3 => ("", form, " RN"),
            4 => ("nurse ", form, ""),
            5 => ("charge nurse ", form, ""),
            6 => ("NP ", form, ""),
            7 => ("", form, ", PA-C"),
            8 => ("Dr. ", form, ""),
            9 => ("Dr. ", Form::Family, ""),
            10 => ("", form, ", MD"),
            11 => ("Dr ", form, ""),
            12 => ("", form, " MD"),
            13 => ("", form, ", MLS(ASCP)"),
            14 => ("", form, ", MT"),
            15 => ("tech ", form, ""),
            _ => ("", form, " MLT"),
        };
        draft.put(before);
        self.name(draft, &person, form);
        draft.put(after);
    }

    /// A relative or visitor; half of them share the patient's family name.
    fn relative(&mut self, record: &Record, draft: &mut Draft, female: Option<bool>) {
        let female = female.unwrap_or_else(|| self.chance(50));
        let mut person = self.person_of(female);
        if self.chance(50) {
            person.family.clone_from(&record.person.family);
            person.rare = record.person.rare;
            let rare_given = person.rare && self.chance(75);
            person.given = self.given(person.female, rare_given);
        }
        let form = self.pick_form(&[Form::Full, Form::Full, Form::MiddleInitial, Form::Caps]);
        self.name(draft, &person, form);
    }

    /// An age: annotated from 90 on, a distractor below.
    fn age(&mut self, draft: &mut Draft, years: usize, forms: &[(&'static str, &'static str)]) {
        let (prefix, unit) = self.rng.pick(forms).copied().unwrap_or(("", " yo"));
        draft.put(prefix);
        let text = format!("{years}{unit}");
        if years >= 90 {
            draft.phi("age", &text);
        } else {
            draft.noise(&text);
        }
    }
}
