//! Identifiers to plant: each one new (drawn from a seed), each recorded as a secret that must not survive.

/// A source of unique identifiers for one generated document, and the list of what it planted.
pub(crate) struct Planter {
    state: u64,
    pub(crate) secrets: Vec<String>,
    /// Planted dates: secrets under Safe Harbor; a shifted date may by chance land on another planted one.
    pub(crate) dates: Vec<String>,
    /// The patient's own name (planted in PID or the Patient resource, and then in free text as a seed).
    pub(crate) given: String,
    pub(crate) family: String,
}

const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

impl Planter {
    pub(crate) fn new(seed: u64) -> Planter {
        let mut planter = Planter {
            state: seed | 1,
            secrets: Vec::new(),
            dates: Vec::new(),
            given: String::new(),
            family: String::new(),
        };
        planter.given = planter.planted_name();
        planter.family = planter.planted_name();
        planter
    }

    fn next(&mut self) -> u64 {
        // xorshift64: enough to draw distinct values from a proptest seed.
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// `n` random digits, the first not 0.
    fn digits(&mut self, n: usize) -> String {
        let mut out = (1 + self.below(9)).to_string();
        for _ in 1..n {
            out.push_str(&self.below(10).to_string());
        }
        out
    }

    /// A made-up name of three syllables (`Tavoruz`): in no list, found only by where it is.
    pub(crate) fn name(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..3 {
            out.push(char::from(CONSONANTS[self.below(CONSONANTS.len() as u64) as usize]));
            out.push(char::from(VOWELS[self.below(VOWELS.len() as u64) as usize]));
        }
        out.push('x');
        let mut chars = out.chars();
        let first = chars.next().unwrap().to_ascii_uppercase();
        first.to_string() + chars.as_str()
    }

    /// Every secret a redactor must remove: with `dates` (Safe Harbor), or without (a policy that shifts them).
    pub(crate) fn all_secrets(&self, dates: bool) -> Vec<String> {
        let mut all = self.secrets.clone();
        if dates {
            all.extend(self.dates.iter().cloned());
        }
        all
    }

    /// Records and returns a secret.
    pub(crate) fn keep(&mut self, secret: String) -> String {
        self.secrets.push(secret.clone());
        secret
    }

    pub(crate) fn planted_name(&mut self) -> String {
        let name = self.name();
        self.keep(name)
    }

    pub(crate) fn id(&mut self, prefix: &str) -> String {
        let id = format!("{prefix}{}", self.digits(7));
        self.keep(id)
    }

    pub(crate) fn ssn(&mut self) -> String {
        let ssn = format!("{}-{}-{}", self.digits(3), self.digits(2), self.digits(4));
        self.keep(ssn)
    }

    /// An SSN with an invisible character inside it (`123\0-45-6789`, `123\u{200B}45…`), as written (the secret).
    pub(crate) fn hidden_ssn(&mut self) -> String {
        let invisible = ["\0", "\u{200B}", "\u{00AD}", "\u{2060}"][self.below(4) as usize];
        let ssn = format!("{}{invisible}-{}-{}", self.digits(3), self.digits(2), self.digits(4));
        self.keep(ssn)
    }

    /// A phone number as written, and its digits (both secrets).
    pub(crate) fn phone(&mut self) -> String {
        let (area, line) = (self.digits(3), self.digits(4));
        self.keep(format!("{area}555{line}"));
        format!("({area}) 555-{line}")
    }

    pub(crate) fn email(&mut self) -> String {
        let user = self.name().to_lowercase();
        self.keep(format!("{user}@mail.example.org"))
    }

    /// A date in 1950–1999, in HL7's compact form (`19700304`) and FHIR's (`1970-03-04`); both are secrets.
    pub(crate) fn date(&mut self) -> (String, String) {
        let (y, m, d) = (1950 + self.below(50), 1 + self.below(12), 1 + self.below(28));
        let (compact, iso) = (format!("{y}{m:02}{d:02}"), format!("{y}-{m:02}-{d:02}"));
        self.dates.extend([compact.clone(), iso.clone()]);
        (compact, iso)
    }

    pub(crate) fn street(&mut self) -> String {
        let street = format!("{} {} Street", 100 + self.below(9000), self.name());
        self.keep(street)
    }

    pub(crate) fn zip(&mut self) -> String {
        // Five digits whose first three are not a restricted area, so Safe Harbor keeps only the three.
        let zip = format!("6{}", self.digits(4));
        self.keep(zip)
    }

    /// Free text carrying the patient's name (a seed) and identifiers with a shape: SSN, phone, email, MRN.
    pub(crate) fn free_text(&mut self) -> String {
        let (ssn, phone, email, mrn) = (self.ssn(), self.phone(), self.email(), self.id("MR"));
        let (given, family) = (self.given.clone(), self.family.clone());
        match self.below(3) {
            0 => format!("Called {given} {family} at {phone}, SSN {ssn}; email {email}. MRN: {mrn}"),
            1 => format!("Pt {family}, {given} (MRN {mrn}) reachable at {phone} or {email}; SSN {ssn}"),
            _ => format!("SSN {ssn}. {given} {family} asked for a callback on {phone}. email {email}, MRN {mrn}"),
        }
    }
}
