//! Policies: what happens to each category of identifier.

use serde::Serialize;

use super::Category;
use super::zip3::Zip3List;

/// What is done to an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Operation {
    /// Left as it is.
    Keep,
    /// Deleted (an empty value; removed from text).
    Remove,
    /// Replaced by a typed placeholder, the same for the same value within one document: `[NAME-1]`.
    Mask,
    /// Replaced by a keyed pseudonym, the same for the same value under the same key: `NAME-3f9a2c41d0e8b7a6`
    /// (HMAC-SHA256 of the value with the caller's key).
    Pseudonym,
    /// A date moved by the patient's own number of days (derived from the key and the patient), so that the
    /// intervals between one patient's dates are kept exactly. Other categories are masked.
    ShiftDate,
    /// Made coarser: a date to its year, an age over 89 to `90+`, a ZIP code to its first three digits (`000` for
    /// a restricted area). Other categories are masked.
    Generalize,
}

impl Operation {
    /// The stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Keep => "keep",
            Operation::Remove => "remove",
            Operation::Mask => "mask",
            Operation::Pseudonym => "pseudonym",
            Operation::ShiftDate => "shift_date",
            Operation::Generalize => "generalize",
        }
    }

    /// Every operation, in the order above.
    pub const ALL: &'static [Operation] = &[
        Operation::Keep,
        Operation::Remove,
        Operation::Mask,
        Operation::Pseudonym,
        Operation::ShiftDate,
        Operation::Generalize,
    ];

    /// Looks an operation up by its snake_case name (`"mask"`).
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.iter().copied().find(|o| o.as_str() == name)
    }
}

/// How hard free text is searched for names and places.
///
/// Safe Harbor is judged by what leaks: a name left in a note is a breach, a word masked too many is not. So
/// policies search recall-first by default; the precise search is there for users who need the text to keep as
/// many ordinary words as possible and accept missing names that nothing in the text marks as names.
///
/// Both are measured side by side with Presidio by `make bench-deid`; the figures are in the README's
/// de-identification section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Sensitivity {
    /// Recall first (the default): a capitalised or name-like word that is no ordinary English word, no clinical
    /// or lab term, is masked as a probable name or place; numbers shaped like phone numbers, postcodes and
    /// dates of many countries are masked; cues, name lists and seeds raise confidence rather than being
    /// required.
    #[default]
    RecallFirst,
    /// Precise: a name needs evidence — a title, a cue word, a listed name in a name's shape, a credential or a
    /// seed; places need a cue or the US gazetteer (labcore's behaviour before recall-first).
    Precise,
}

impl Sensitivity {
    /// The stable snake_case name: `recall_first`, `precise`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sensitivity::RecallFirst => "recall_first",
            Sensitivity::Precise => "precise",
        }
    }

    /// Looks a sensitivity up by its snake_case name.
    pub fn from_name(name: &str) -> Option<Sensitivity> {
        [Sensitivity::RecallFirst, Sensitivity::Precise].into_iter().find(|s| s.as_str() == name)
    }
}

/// What to do with each category, and the data the operations need.
///
/// ```
/// use labcore::redact::{Category, Operation, Policy, Sensitivity};
/// let policy = Policy::safe_harbor();
/// assert_eq!(policy.operation(Category::Date), Operation::Generalize);
/// assert_eq!(policy.operation(Category::Name), Operation::Mask);
/// let custom = Policy::safe_harbor().with(Category::Mrn, Operation::Pseudonym).with(Category::Date, Operation::ShiftDate);
/// assert!(custom.needs_key());
/// assert_eq!(Policy::limited_data_set().operation(Category::Zip), Operation::Keep);
/// assert_eq!(policy.sensitivity(), Sensitivity::RecallFirst);
/// assert_eq!(Policy::safe_harbor().with_sensitivity(Sensitivity::Precise).sensitivity(), Sensitivity::Precise);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    name: &'static str,
    operations: Vec<(Category, Operation)>,
    zip3: Zip3List,
    shift_days: u32,
    sensitivity: Sensitivity,
}

impl Policy {
    /// HIPAA Safe Harbor, 45 CFR 164.514(b)(2): every identifier of the 18 categories masked (or removed, for
    /// biometrics, photographs and geocodes), dates generalised to their year, ages over 89 to `90+`, ZIP codes to
    /// their first three digits with the restricted areas (2020 census) as `000`. No pseudonyms: Safe Harbor's
    /// re-identification codes must not be derived from the individual's information (164.514(c)(1)), which a
    /// keyed hash of an identifier is; use a custom policy (expert determination) for them.
    pub fn safe_harbor() -> Policy {
        use Category as C;
        use Operation::{Generalize, Mask, Remove};
        let operations = Category::ALL
            .iter()
            .map(|c| {
                let operation = match c {
                    C::Zip | C::Date | C::Age => Generalize,
                    C::Geocode | C::Biometric | C::Photo => Remove,
                    _ => Mask,
                };
                (*c, operation)
            })
            .collect();
        Policy {
            name: "safe_harbor",
            operations,
            zip3: Zip3List::default(),
            shift_days: 365,
            sensitivity: Sensitivity::RecallFirst,
        }
    }

    /// A limited data set, 45 CFR 164.514(e)(2): the sixteen direct identifiers masked (or removed), but dates,
    /// ages, city, state and ZIP code kept. Geocodes and other identifying numbers (accession numbers) are not
    /// among the kept ones and are removed or masked.
    pub fn limited_data_set() -> Policy {
        let mut policy = Policy::safe_harbor().named("limited_data_set");
        for category in [Category::City, Category::Zip, Category::Date, Category::Age] {
            policy = policy.with(category, Operation::Keep);
        }
        policy
    }

    /// The same policy with a name (shown in transformation reports).
    #[must_use]
    pub fn named(mut self, name: &'static str) -> Policy {
        self.name = name;
        self
    }

    /// The same policy with another operation for one category.
    #[must_use]
    pub fn with(mut self, category: Category, operation: Operation) -> Policy {
        match self.operations.iter_mut().find(|(c, _)| *c == category) {
            Some(slot) => slot.1 = operation,
            None => self.operations.push((category, operation)),
        }
        if self.name == "safe_harbor" || self.name == "limited_data_set" {
            self.name = "custom";
        }
        self
    }

    /// The same policy with another list of restricted three-digit ZIP areas.
    #[must_use]
    pub fn with_zip3(mut self, zip3: Zip3List) -> Policy {
        self.zip3 = zip3;
        self
    }

    /// The same policy shifting dates by up to this many days either way (default 365; never by 0).
    #[must_use]
    pub fn with_shift_days(mut self, days: u32) -> Policy {
        self.shift_days = days.max(1);
        self
    }

    /// The same policy searching free text with another sensitivity ([`Sensitivity::Precise`] keeps more
    /// ordinary words and misses names nothing marks as names).
    #[must_use]
    pub fn with_sensitivity(mut self, sensitivity: Sensitivity) -> Policy {
        self.sensitivity = sensitivity;
        self
    }

    /// How hard free text is searched (recall-first unless chosen otherwise).
    pub fn sensitivity(&self) -> Sensitivity {
        self.sensitivity
    }

    /// The policy's name: `safe_harbor`, `limited_data_set`, or the name given.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What is done to a category.
    pub fn operation(&self, category: Category) -> Operation {
        self.operations.iter().find(|(c, _)| *c == category).map_or(Operation::Mask, |(_, o)| *o)
    }

    /// The restricted ZIP3 areas.
    pub fn zip3(&self) -> &Zip3List {
        &self.zip3
    }

    /// The largest date shift, in days.
    pub fn shift_days(&self) -> u32 {
        self.shift_days
    }

    /// Whether some operation needs the caller's key (pseudonyms, date shifts).
    pub fn needs_key(&self) -> bool {
        self.operations.iter().any(|(_, o)| matches!(o, Operation::Pseudonym | Operation::ShiftDate))
    }
}

impl Default for Policy {
    /// Safe Harbor.
    fn default() -> Self {
        Policy::safe_harbor()
    }
}
