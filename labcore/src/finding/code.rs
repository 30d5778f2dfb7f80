//! The stable catalogue of finding codes.

use serde::{Serialize, Serializer};

use super::Severity;

/// Declares [`FindingCode`] with its stable slug, default severity and description in one table, so the
/// list of codes, their documentation and `FindingCode::ALL` cannot drift apart.
macro_rules! finding_codes {
    ($( $(#[$doc:meta])* $variant:ident => ($slug:literal, $severity:ident), )*) => {
        /// What a finding is about: a stable snake_case slug designed for programs, which never changes meaning.
        ///
        /// New codes may be added in minor releases, hence `#[non_exhaustive]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum FindingCode {
            $( $(#[$doc])* $variant, )*
        }

        impl FindingCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];

            /// The stable snake_case slug, e.g. `"unit_unknown"`.
            pub const fn as_str(self) -> &'static str {
                match self { $(FindingCode::$variant => $slug,)* }
            }

            /// The severity a finding of this code has unless a rule states otherwise.
            pub const fn default_severity(self) -> Severity {
                match self { $(FindingCode::$variant => Severity::$severity,)* }
            }

            /// Looks a code up by its slug.
            pub fn from_slug(slug: &str) -> Option<FindingCode> {
                match slug { $($slug => Some(FindingCode::$variant),)* _ => None }
            }
        }
    };
}

finding_codes! {
    /// A required field is absent, `null` or empty.
    MissingField => ("missing_field", Error),
    /// A field has the wrong JSON type (a number where a string is required, …).
    InvalidType => ("invalid_type", Error),
    /// A field has the right type but a value outside its format or vocabulary (a date that is not a date,
    /// a panel that is not one of CBC, CBC_NO_DIFF, BMP, CMP, LIPID, THYROID, …).
    InvalidValue => ("invalid_value", Error),
    /// A string is longer than the field allows.
    TooLong => ("too_long", Error),
    /// The same key appears twice in one JSON object: which one a consumer keeps is undefined.
    DuplicateField => ("duplicate_field", Error),
    /// A key the format does not define; it is ignored.
    UnknownField => ("unknown_field", Warning),
    /// The payload has no results.
    NoResults => ("no_results", Error),
    /// Neither the LOINC code nor the name identifies an analyte in the catalog; the result stays unmapped.
    UnknownAnalyte => ("unknown_analyte", Warning),
    /// A LOINC code is malformed or fails its mod-10 check digit.
    InvalidLoinc => ("invalid_loinc", Error),
    /// The LOINC code and the name identify two different analytes, or two codes sent for one result do (two
    /// LOINC codings, an HL7 LOINC alternate), or one of them is not in the catalog: the result stays unmapped.
    AnalyteConflict => ("analyte_conflict", Error),
    /// The name fits several analytes (absolute count and percentage, say) and the unit does not decide.
    AnalyteAmbiguous => ("analyte_ambiguous", Error),
    /// The unit is not UCUM and not a vendor spelling labcore knows (a warning for a result not matched to the
    /// catalog, whose value labcore does not convert).
    UnitUnknown => ("unit_unknown", Error),
    /// The unit is understood but cannot express this analyte, or no justified conversion exists.
    UnitIncompatible => ("unit_incompatible", Error),
    /// The unit's kind differs from the property of the LOINC code sent (mmol/L with a mass code, …).
    UnitLoincMismatch => ("unit_loinc_mismatch", Warning),
    /// A vendor spelling of a unit was rewritten to its UCUM form (for a catalog analyte or not), or a FHIR
    /// Quantity coded in another system than UCUM was read from its `unit` text (the message names the system).
    UnitNormalized => ("unit_normalized", Info),
    /// The unit is compatible and converted but is not one labs usually report this analyte in.
    UnitUnusual => ("unit_unusual", Info),
    /// The value is not a number (free text, a masked value, empty); it is kept as text.
    ValueNotNumeric => ("value_not_numeric", Warning),
    /// The value uses a decimal comma; it was read as a decimal point.
    DecimalComma => ("decimal_comma", Info),
    /// The value carries a comparator (`<0.01`, `>500`): it is a bound, not a measurement.
    ValueCensored => ("value_censored", Info),
    /// The value's separators allow two readings (`1,234`: one thousand or one point two); it is kept as text.
    ValueAmbiguous => ("value_ambiguous", Error),
    /// The value is outside what is physically possible in a living patient — usually a unit error; it is
    /// kept out of flagging.
    ImplausibleValue => ("implausible_value", Warning),
    /// The value is implausible, or beyond a critical limit, in the unit sent, but ordinary for the analyte read
    /// in exactly one of its other usual units (mmol/L for mg/dL, g/L for g/dL): the sender likely meant that
    /// unit, which the message names. The value is kept and flagged as sent (a critical stays critical: the guess
    /// may be wrong), feeds no derived value, delta check or sum, and the report needs a person.
    UnitSuspected => ("unit_suspected", Warning),
    /// A numeric value was sent without a unit, and in exactly one of the analyte's usual units it is an ordinary
    /// value (a hematocrit of 0.405 is a fraction): it was read in that unit, which the message names. The report
    /// needs a person to confirm it.
    UnitInferred => ("unit_inferred", Warning),
    /// The same analyte is reported more than once.
    DuplicateAnalyte => ("duplicate_analyte", Warning),
    /// The collection time is later than the `as_of` time (beyond the allowed clock skew).
    CollectedInFuture => ("collected_in_future", Error),
    /// The collection time is before the patient's birth date.
    CollectedBeforeBirth => ("collected_before_birth", Error),
    /// The birth date gives an age at collection beyond the oldest a person can be (125 years,
    /// [`MAX_AGE_YEARS`](crate::catalog::MAX_AGE_YEARS)): a wrong or placeholder date. Nothing age-dependent is
    /// computed from it (age-specific intervals and critical limits, eGFR).
    AgeImplausible => ("age_implausible", Warning),
    /// A date-time has no UTC offset; it was read as UTC.
    TimezoneMissing => ("timezone_missing", Warning),
    /// A result does not belong to the declared panel, or none of the results do.
    PanelMismatch => ("panel_mismatch", Warning),
    /// The vendor's reference range cannot be read as a range (or its unit cannot express the analyte); the
    /// catalog's range was used instead, if there is one.
    RangeUnparseable => ("range_unparseable", Warning),
    /// The vendor's reference range, read in the unit of comparison, is impossible for the analyte: a bound beyond
    /// what is physically possible, or a range that meets none of the catalog's reference intervals for it (a range
    /// in another unit than it says, `3.5-5.1 mg/dL` for potassium). It was not used; the catalog's range was,
    /// if there is one.
    RangeImplausible => ("range_implausible", Warning),
    /// The vendor's reference range differs materially from the one labcore would use for the same analyte, sex
    /// and age (a limit off by more than the default's width, or by more than a fifth of a one-sided
    /// default's limit). The vendor's range is used; this says so, for a person to confirm the unit and the range.
    RangeDiffers => ("range_differs", Info),
    /// No reference range applies to this result (none in the catalog for the analyte, or none for this patient's
    /// sex and age, and none sent): it is not flagged `L`, `N` or `H`, only against critical limits.
    RangeUnavailable => ("range_unavailable", Info),
    /// Reference ranges for this analyte depend on sex or age, which the payload does not give: not flagged.
    DemographicsMissing => ("demographics_missing", Info),
    /// A bound (`<5`) spans a range limit, so the result cannot be flagged.
    FlagIndeterminate => ("flag_indeterminate", Info),
    /// The result is beyond a critical (panic) limit: a person must be told now.
    CriticalValue => ("critical_value", Warning),
    /// The vendor's flag says something else than labcore's flag.
    FlagMismatch => ("flag_mismatch", Warning),
    /// The vendor's flag is not one labcore can read.
    VendorFlagUnknown => ("vendor_flag_unknown", Info),
    /// A derived value (eGFR, calculated LDL, …) was not computed because an input is missing or unusable.
    DerivationSkipped => ("derivation_skipped", Info),
    /// A derived value was refused by its method's guardrail (Friedewald with triglycerides >= 400 mg/dL,
    /// eGFR under 18 years, …).
    DerivationRefused => ("derivation_refused", Warning),
    /// Expected analytes of the declared panel are missing.
    PanelIncomplete => ("panel_incomplete", Warning),
    /// The parts of a leukocyte differential do not fit their whole beyond rounding: percentages summing to more
    /// than 100 %, or absolute counts summing to more than the WBC.
    DifferentialInconsistent => ("differential_inconsistent", Warning),
    /// The result changed more than the analyte's delta-check limit since the patient's previous result.
    DeltaFailure => ("delta_failure", Warning),
    /// A previous result given for delta checks cannot be used (its analyte, unit or value cannot be read); the
    /// finding names it by its index in the priors (`/priors/2`), never by its value.
    PriorUnusable => ("prior_unusable", Warning),
    /// Previous results were given for named patients, none of them the payload's (or the payload names no
    /// patient): they were not compared.
    PriorPatientMismatch => ("prior_patient_mismatch", Warning),
    /// The laboratory catalog given belongs to another laboratory than the payload's `lab_id`: its intervals,
    /// critical limits and delta rules were not used.
    LabCatalogMismatch => ("lab_catalog_mismatch", Warning),
    /// The input cannot be read as a message of its format at all (an HL7 input without an MSH segment, or with
    /// delimiters that cannot be used): it is rejected as a whole (HL7 ACK code AR).
    MessageUnreadable => ("message_unreadable", Error),
    /// The message or resource is of a type labcore does not read (HL7 MSH-9 other than ORU^R01, a FHIR resource
    /// other than Observation, DiagnosticReport, Bundle or Patient).
    MessageTypeUnsupported => ("message_type_unsupported", Error),
    /// HL7 MSH-12 names a version outside 2.3–2.8; the message was read as if it were one of them.
    VersionUnsupported => ("version_unsupported", Warning),
    /// A segment where the message structure does not allow it (an OBX before any OBR, a segment outside a
    /// message); it was read where that makes sense, or ignored.
    SegmentUnexpected => ("segment_unexpected", Warning),
    /// A line whose segment identifier is not three upper-case letters or digits followed by the field
    /// separator; it was ignored.
    SegmentInvalid => ("segment_invalid", Warning),
    /// An HL7 escape sequence labcore cannot read (or a stray escape character); it was kept as written.
    EscapeMalformed => ("escape_malformed", Info),
    /// The value ends with the HL7 truncation character: the sender cut it short.
    ValueTruncated => ("value_truncated", Warning),
    /// The value is of a type labcore does not read as a result (an HL7 ED attachment, a date, an address; a FHIR
    /// valueRatio or valueSampledData); the result was left out.
    ValueTypeUnsupported => ("value_type_unsupported", Warning),
    /// The sender reports no value for this result (cancelled, pending, not asked, or a data-absent reason);
    /// it was left out.
    ResultNotReported => ("result_not_reported", Info),
    /// The sender withdraws an earlier result (HL7 OBX-11 W or D, FHIR `entered-in-error`): it was left out,
    /// and whoever received the earlier result must be told.
    ResultRetracted => ("result_retracted", Warning),
    /// The result is preliminary (not yet verified, or partial): it may still change.
    ResultPreliminary => ("result_preliminary", Info),
    /// The result corrects or amends one sent earlier.
    ResultCorrected => ("result_corrected", Info),
    /// The order code (HL7 OBR-4, FHIR DiagnosticReport.code) is not one of the panels labcore knows, so panel
    /// membership and completeness are not checked.
    PanelUnrecognized => ("panel_unrecognized", Info),
    /// The message is not valid UTF-8 and declares no character set labcore decodes: it was read as ISO 8859-1.
    TextEncoding => ("text_encoding", Warning),
    /// An HL7 batch trailer's count (BTS-1, FTS-1) differs from the messages or batches read.
    BatchCountMismatch => ("batch_count_mismatch", Warning),
    /// A FHIR reference (to a result, the patient, a specimen) points to nothing in the resource or bundle.
    ReferenceUnresolved => ("reference_unresolved", Warning),
    /// The whole order or report is withdrawn or cancelled (FHIR DiagnosticReport `entered-in-error` or
    /// `cancelled`; HL7 OBR-25 X and the other "no result available" statuses of table 0123, ORC-1 CA, CR, DC, DR,
    /// OC or OD of table 0119, ORC-5 CA or DC): none of its results is live, they were left out.
    OrderWithdrawn => ("order_withdrawn", Warning),
    /// The input is not production data: an HL7 message whose MSH-11 is not `P` (`T` training, `D` debugging, and
    /// values outside HL7 table 0103 such as `N`), a FHIR resource or Bundle tagged `T` or `D` of table 0103 or
    /// labelled `HTEST` (test health data). Its results are no patient's: not flagged, every order is rejected, and
    /// an HL7 ACK is AR.
    ProcessingNotProduction => ("processing_not_production", Error),
    /// The specimen is quality-control material, not a patient's: an HL7 specimen role of table 0369 (SPM-11, or
    /// OBR-15.7 before v2.5) `Q` control, `C` or `V` calibrator, `E` electronic QC, `F` or `O` proficiency, `B`
    /// blind or `R` replicate, or a FHIR Specimen `role` of those kinds. Its results are not flagged, derived from
    /// or delta-checked, and the order is rejected: QC material must never reach a status that releases results.
    QualityControl => ("quality_control", Error),
    /// The sender gave reference ranges, but none applies to the patient (FHIR `referenceRange.age`, `appliesTo`
    /// sex or another condition), or whether one does cannot be told (no age or sex, an age in a unit that is
    /// not one of time): no sender range was used, the catalog's was, if there is one.
    RangeNotApplicable => ("range_not_applicable", Warning),
    /// Several reference ranges sent apply to the patient, none more specific than the others, and they differ:
    /// none was used, the catalog's was, if there is one.
    RangeAmbiguous => ("range_ambiguous", Warning),
    /// The input says two different things about one result (a value and a data-absent reason, two FHIR
    /// `value[x]`, a non-repeating HL7 field repeated with other contents, two LOINC codes for the same analyte).
    /// An error when the difference changes what the result means (its unit, whether it has a value, its
    /// status): the value is then not used, flagged or derived from; a warning when it does not.
    FieldConflict => ("field_conflict", Error),
    /// HL7 OBX segments whose observation type (OBX-29, HL7 table 0936) is `QST` "Question": answers to questions
    /// asked at order entry (symptoms, pregnancy, employment, residence), order context rather than lab results.
    /// They are not in `results`; one finding per order counts them.
    AskAtOrderEntry => ("ask_at_order_entry", Info),
    /// The subject is not a person: HL7 PID-35 (species) names another species (SNOMED CT 337915000 "Homo
    /// sapiens" and the words human, person are a person). Human reference intervals and critical limits do not
    /// apply: nothing is flagged or derived; the results are kept and the order is not rejected.
    SubjectNotHuman => ("subject_not_human", Warning),
    /// A FHIR report gives no patient (`subject`) or collection time (`effective[x]`) of its own, and it was
    /// taken from where the input gives it: its Observations, when every one that gives it gives the same, or its
    /// Specimen's `collection.collected[x]`. The message says which; the location is where it was taken from.
    FieldInherited => ("field_inherited", Info),
    /// A FHIR report gives no patient or collection time of its own, and its Observations give different ones:
    /// the Specimen's collection time (else the first Observation's) was used, and the report needs a person.
    ReportMembersDisagree => ("report_members_disagree", Warning),
    /// A FHIR report or Observation gives no collection time (no `effective[x]`, no Specimen collection time),
    /// only `issued`: when the result was released, which is later than the specimen was collected. It was used as
    /// the collection time so that the result is not lost; the age at collection and delta checks use it, and the
    /// report needs a person.
    CollectionTimeAssumed => ("collection_time_assumed", Warning),
    /// A FHIR Observation is not a laboratory result: its `category` is not `laboratory` (`vital-signs`, …), or it
    /// has none and its code is one of the FHIR R4 vital-signs codes. It is out of labcore's scope and was not
    /// read; one finding per Observation, instead of a report of unknown analytes.
    NotLaboratory => ("not_laboratory", Info),
}

impl Serialize for FindingCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for code in FindingCode::ALL {
            let slug = code.as_str();
            assert!(seen.insert(slug), "duplicate slug {slug}");
            assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{slug}");
            assert_eq!(FindingCode::from_slug(slug), Some(*code));
        }
    }

    #[test]
    fn the_codes_the_issue_requires_exist() {
        for slug in [
            "missing_field",
            "invalid_type",
            "unknown_analyte",
            "invalid_loinc",
            "unit_unknown",
            "unit_incompatible",
            "value_not_numeric",
            "implausible_value",
            "duplicate_analyte",
            "collected_in_future",
            "panel_mismatch",
        ] {
            assert!(FindingCode::from_slug(slug).is_some(), "{slug}");
        }
    }
}
