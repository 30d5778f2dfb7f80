//! The labcore JSON payload: reading it leniently, checking every field, and the typed model of a valid one.

pub(crate) mod datetime;
mod fields;
mod model;
mod raw;
mod raw_payload;
mod read;
mod read_result;

pub use model::{BoundUnits, Demographics, LabPayload, ResultEntry, Sex, Specimen, SpecimenKind, VendorRange};

pub(crate) use raw::{JsonType, RawDocument, Shaped};
pub(crate) use read::{Alternates, Draft, MAX_COMMENT, MAX_VALUE_TEXT, Reader, ResultInput, field, free_text};
pub(crate) use read_result::ResultsRead;

impl Draft {
    /// The typed payload, when the payload's own required fields were read (always so when the report is accepted):
    /// results without a readable value are left out.
    pub(crate) fn into_payload(self) -> Option<LabPayload> {
        let results = self
            .results
            .into_iter()
            // A result whose value could not be read is in the report (unusable, with its finding), not here; nor
            // is one its sender withdrew (entered in error), listed in the report only so a person sees it.
            .filter(|r| r.status != Some(crate::ResultStatus::EnteredInError))
            .filter_map(|r| {
                Some(ResultEntry {
                    analyte: r.analyte,
                    loinc: r.loinc,
                    value: r.value?,
                    unit: r.unit,
                    reference_range: r.reference_range,
                    flag: r.flag,
                    comment: r.comment,
                    status: r.status,
                })
            })
            .collect();
        Some(LabPayload {
            patient_id: self.patient_id?,
            lab_id: self.lab_id,
            panel: self.panel,
            collected_at: crate::Phi::new(self.collected_at?),
            patient: self.patient,
            specimen: self.specimen,
            results,
            comments: self.comments,
        })
    }
}
