//! What processing a payload depends on besides the payload: the catalog, the time, the options.

use chrono::{DateTime, Duration, Utc};

use crate::catalog::{Catalog, LabCatalog};
use crate::delta::PriorResult;
use crate::report::UnitSystem;

/// The largest input accepted by default (32 MiB). At this size, the densest HL7 input (561 088 one-line potassium
/// OBX of one order) peaks at about 13 times its size in memory through [`validate_any`](crate::validate_any)
/// (430 MB), OBX lines of a more usual 128 bytes at about 7 times; see the README's *Limits*.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Everything [`process`](crate::process) needs besides the payload. labcore never reads the clock: the
/// time against which "in the future" is judged is `as_of`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use labcore::{catalog::Catalog, Context, UnitSystem};
/// let catalog = Catalog::builtin()?;
/// let as_of = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
/// let context = Context::new(&catalog, as_of).with_unit_system(UnitSystem::Si);
/// assert_eq!(context.unit_system(), UnitSystem::Si);
/// # Ok::<(), labcore::catalog::CatalogError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Context<'c> {
    catalog: &'c Catalog,
    lab: Option<&'c LabCatalog>,
    priors: &'c [PriorResult],
    as_of: DateTime<Utc>,
    unit_system: UnitSystem,
    clock_skew: Duration,
    max_input_bytes: usize,
}

impl<'c> Context<'c> {
    /// A context with the default options: conventional units, 5 minutes of clock skew, 32 MiB inputs.
    pub fn new(catalog: &'c Catalog, as_of: DateTime<Utc>) -> Context<'c> {
        Context {
            catalog,
            lab: None,
            priors: &[],
            as_of,
            unit_system: UnitSystem::Conventional,
            clock_skew: Duration::minutes(5),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }

    /// Use a laboratory's own reference intervals and critical limits before the catalog's defaults. A catalog
    /// whose `lab_id` is not the payload's `lab_id` is not used for that payload (`lab_catalog_mismatch`).
    #[must_use]
    pub fn with_lab_catalog(mut self, lab: &'c LabCatalog) -> Context<'c> {
        self.lab = Some(lab);
        self
    }

    /// The patient's previous results, for delta checks (the caller looks them up; labcore stores nothing). A prior
    /// with a `patient_id` is compared only with a payload of that patient; one without is taken to be the
    /// payload's patient's. Priors that cannot be used are `prior_unusable` findings (`/priors/<index>`).
    #[must_use]
    pub fn with_priors(mut self, priors: &'c [PriorResult]) -> Context<'c> {
        self.priors = priors;
        self
    }

    /// Normalise to this unit system.
    #[must_use]
    pub fn with_unit_system(mut self, unit_system: UnitSystem) -> Context<'c> {
        self.unit_system = unit_system;
        self
    }

    /// Accept collection times up to this much later than `as_of` (senders' clocks drift).
    #[must_use]
    pub fn with_clock_skew(mut self, skew: Duration) -> Context<'c> {
        self.clock_skew = skew;
        self
    }

    /// Refuse inputs larger than this many bytes.
    #[must_use]
    pub fn with_max_input_bytes(mut self, bytes: usize) -> Context<'c> {
        self.max_input_bytes = bytes;
        self
    }

    /// The catalog.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The laboratory's catalog, if any.
    pub fn lab_catalog(&self) -> Option<&'c LabCatalog> {
        self.lab
    }

    /// The patient's previous results given for delta checks.
    pub fn priors(&self) -> &'c [PriorResult] {
        self.priors
    }

    /// The time processing is judged against.
    pub fn as_of(&self) -> DateTime<Utc> {
        self.as_of
    }

    /// The unit system values are normalised to.
    pub fn unit_system(&self) -> UnitSystem {
        self.unit_system
    }

    /// The accepted clock skew.
    pub fn clock_skew(&self) -> Duration {
        self.clock_skew
    }

    /// The input size limit.
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }
}
