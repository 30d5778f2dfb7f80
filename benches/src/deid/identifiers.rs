//! Identifier shapes and the `{slot}`s that write them: MRNs, SSNs, health-plan, account, licence, vehicle and
//! device identifiers, accession and order numbers. In patterns `#` is a digit, `@` a letter (no I, O, Q), `%`
//! either; the rest is literal.

use super::generator::{Draft, Generator, Record};
use super::names::capitalize;

pub(super) const MRN_PATTERNS: &[&str] = &["########", "#######", "E#######", "M########", "00######"];
const MRN_CUES: &[&str] = &["MRN ", "MRN: ", "MRN#", "MR# ", "Med Rec #", "medical record no. ", "MRN "];
const SSN_CUES: &[&str] = &["SSN ", "SSN: ", "SS# ", "Social Security No. ", "SSN#"];

/// `(cue, pattern)`.
type Cued = &'static [(&'static str, &'static str)];

/// Payers (organisations, not PHI) and the member-ID shapes each issues.
#[rustfmt::skip]
const PAYERS: &[(&str, Cued)] = &[
    ("Blue Cross Blue Shield of Illinois", &[("Member ID ", "@@@#########"), ("Member #: ", "@@@#########")]),
    ("Aetna", &[("Member ID ", "W#########"), ("member id ", "W#########")]),
    ("Cigna", &[("Member ID ", "U########-01"), ("Policy # ", "U########-02")]),
    ("UnitedHealthcare", &[("Member ID ", "#########"), ("Subscriber ID ", "##########")]),
    ("Humana Gold Plus", &[("Member ID ", "H########"), ("member #", "H########")]),
    ("Medicare Part B", &[("Medicare MBI ", "#@%#-@%#-@@##"), ("MBI ", "#@%#@%#@@##")]),
    ("Illinois Medicaid", &[("Medicaid ID ", "#########"), ("recipient ID ", "#########")]),
    ("Tricare", &[("DoD benefits no. ", "###########"), ("sponsor ID ", "##########")]),
];
#[rustfmt::skip]
const ACCOUNTS: Cued = &[
    ("Acct # ", "##########"), ("Acct#", "##########"), ("Account: ", "####-#####"), ("billing acct ", "#########"),
    ("HAR ", "#########"), ("FIN ", "##########"), ("guarantor account ", "G########"),
];
#[rustfmt::skip]
const ACCESSIONS: Cued = &[
    ("Accession # ", "##-CH-######"), ("Accession: ", "W##########"), ("Acc# ", "@##-######"),
    ("Accession no. ", "##@########"),
];
const SPECIMEN_IDS: Cued =
    &[("Specimen ID ", "S##-######"), ("Specimen #", "##########"), ("Container ID ", "@@########")];
const ORDERS: Cued = &[("Order # ", "ORD#######"), ("Order ID ", "#########"), ("Req # ", "R######")];
#[rustfmt::skip]
const LICENSES: Cued = &[
    ("driver's license IL ", "@###-####-####"), ("DL# ", "@###-####-####"), ("IL DL ", "@###-####-####"),
    ("WI driver license ", "@###-####-####-##"), ("CA DL ", "@#######"), ("NY DL ", "### ### ###"),
    ("state ID card ", "@###-####-####"), ("Indiana DL ", "####-##-####"),
];
const NURSE_LICENSES: Cued = &[("RN lic. ", "041.######"), ("license #", "041-######"), ("MLS license ", "160.######")];
#[rustfmt::skip]
const PLATES: Cued = &[
    ("plate ", "@@@ ####"), ("license plate ", "#@@@###"), ("IL plate ", "@@ #####"), ("tag ", "@@#####"),
    ("plate ", "### ####"),
];
const SERIAL_CUES: &[&str] = &["serial ", "S/N ", "serial no. ", "SN: ", "device ID ", "serial #"];

/// `(kind, models, serial patterns)`.
type Device = (&'static str, &'static [&'static str], &'static [&'static str]);

const DEVICES: &[Device] = &[
    (
        "pacemaker",
        &["Medtronic Azure XT DR", "Abbott Assurity MRI", "Boston Scientific Accolade"],
        &["PM-#####", "@@@######@", "RNB######"],
    ),
    ("ICD", &["Medtronic Cobalt XT", "Boston Scientific Resonate EL"], &["@@@######@", "#######"]),
    ("insulin pump", &["MiniMed 780G", "Tandem t:slim X2", "Omnipod 5"], &["#@@-#####", "NG#######H", "@#######"]),
    ("CGM transmitter", &["Dexcom G7", "FreeStyle Libre 3", "Guardian 4"], &["%%%%%%", "#@#@@#"]),
    ("LVAD", &["HeartMate 3"], &["HM3-#####", "MLP######"]),
    ("cochlear implant", &["Cochlear Nucleus 8", "Advanced Bionics HiRes Ultra 3D"], &["@@#######", "####-####"]),
    ("hypoglossal nerve stimulator", &["Inspire IV"], &["@@########"]),
    ("spinal cord stimulator", &["Nevro HFX"], &["NIPG######"]),
];

const VIN_PREFIXES: &[&str] = &["1HG", "1FT", "2T1", "3VW", "5YJ", "JN1", "WBA", "1G1", "4T1", "KMH"];
const VIN_CUES: &[&str] = &["VIN ", "VIN: ", "VIN#"];

impl Generator {
    /// Chooses the payer and the implant or wearable a note talks about.
    pub(super) fn choose_payer_and_device(&mut self) {
        self.device = self.below(DEVICES.len());
        self.payer = self.below(PAYERS.len());
    }

    /// A cue and an identifier of the shape that goes with it.
    fn cued(&mut self, draft: &mut Draft, category: &'static str, cues: Cued) {
        let (cue, pattern) = self.rng.pick(cues).copied().unwrap_or(("ID ", "########"));
        draft.put(cue);
        let id = self.pattern(pattern);
        draft.phi(category, &id);
    }

    /// An identifier after its cue (the cue outside the span), or the patient's MRN without one.
    pub(super) fn id_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        match key {
            "mrn" => {
                draft.put(self.pick(MRN_CUES));
                draft.phi("mrn", &record.mrn);
            }
            "mrn_bare" => draft.phi("mrn", &record.mrn),
            "ssn" => {
                draft.put(self.pick(SSN_CUES));
                draft.phi("ssn", &self.ssn());
            }
            "plan" => {
                let (_, plans) = self.current_payer();
                self.cued(draft, "health_plan", plans);
            }
            "payer" => draft.noise(self.current_payer().0),
            "acct" => self.cued(draft, "account", ACCOUNTS),
            "acc" => self.cued(draft, "other_id", ACCESSIONS),
            "specid" => self.cued(draft, "other_id", SPECIMEN_IDS),
            "order" => self.cued(draft, "other_id", ORDERS),
            "dl" => self.cued(draft, "license", LICENSES),
            "rnlic" => self.cued(draft, "license", NURSE_LICENSES),
            "plate" => self.cued(draft, "vehicle", PLATES),
            "vin" => {
                draft.put(self.pick(VIN_CUES));
                let vin = format!("{}{}", self.pick(VIN_PREFIXES), self.pattern("%%%%%#@@######"));
                draft.phi("vehicle", &vin);
            }
            _ => return self.device_slot(key, draft),
        }
        true
    }

    /// The implant or wearable of the note (chosen in `compose`), which `{device}`, `{model}` and `{serial}` describe.
    fn device_slot(&mut self, key: &str, draft: &mut Draft) -> bool {
        let (_, models, patterns) = self.current_device();
        match key {
            "device" | "device_cap" => {
                let (kind, _, _) = self.current_device();
                draft.put(&if key == "device" { kind.to_owned() } else { capitalize(kind) });
            }
            "model" => draft.noise(self.pick(models)),
            "serial" => {
                draft.put(self.pick(SERIAL_CUES));
                let pattern = self.pick(patterns);
                draft.phi("device", &self.pattern(pattern));
            }
            _ => return false,
        }
        true
    }

    fn current_payer(&self) -> (&'static str, Cued) {
        PAYERS.get(self.payer).copied().unwrap_or(("Aetna", &[("Member ID ", "W#########")]))
    }

    fn current_device(&self) -> Device {
        DEVICES.get(self.device).copied().unwrap_or(("pacemaker", &["Azure XT DR"], &["PM-#####"]))
    }

    /// An SSN of valid shape: area 001–899 but not 666, group 01–99, serial 0001–9999.
    fn ssn(&mut self) -> String {
        let area = match self.range(1, 899) {
            666 => 667,
            area => area,
        };
        let (group, serial) = (self.range(1, 99), self.range(1, 9999));
        match self.below(4) {
            0 => format!("{area:03}{group:02}{serial:04}"),
            1 => format!("{area:03} {group:02} {serial:04}"),
            _ => format!("{area:03}-{group:02}-{serial:04}"),
        }
    }
}
