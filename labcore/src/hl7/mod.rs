//! HL7 v2 (2.3–2.8) ORU^R01 result messages: a zero-copy parser, the mapping to labcore's payload model, and
//! the ACK labcore would send back.
//!
//! - [`process`] reads an input (one message, several, or an FHS/BHS batch; CR, LF or CRLF terminators; MLLP
//!   framing; a UTF-8 byte order mark; ISO 8859-1 when declared in MSH-18 or when the bytes are not UTF-8) and
//!   gives, per message, its header, its findings and one processed payload per order — the same
//!   [`Report`](crate::Report) as labcore JSON, every finding and result located in the message (`OBX[3]-6`).
//! - [`ack`] and [`Hl7Outcome::acks`] build the ACK (AA, AE or AR, with one ERR per finding).
//! - [`Document::parse`] is the parser alone: segments and fields borrowed from the text, components and
//!   repetitions split on demand, [`unescape`] for escape sequences.
//!
//! What is read, and where:
//!
//! | labcore | HL7 v2 |
//! |---|---|
//! | `patient_id` (PHI) | PID-3 (the `MR` identifier, else `PI`…, never an SSN when another is there), else PID-2, PID-4 |
//! | `lab_id` | MSH-4 (sending facility), else OBX-23 (performing organization) |
//! | `test_type` | OBR-4: a panel's LOINC code (in any coding triplet) or name; another test is `panel_unrecognized` |
//! | `collected_at` | OBR-7, else SPM-17, else OBX-14 of the order's first result that gives one (an info finding names which); without an offset, MSH-7's (the sender's time zone) |
//! | `patient.sex`, `patient.birth_date` (PHI) | PID-8 (table 0001), PID-7 |
//! | `specimen.type`, `specimen.id` (PHI) | SPM-4 (table 0487 or SNOMED CT), else OBR-15; SPM-2 |
//! | `results[i]` | each OBX whose OBX-11 reports a result: X, I, O, N are left out (`result_not_reported`), W and D withdraw one (`result_retracted`: listed as entered-in-error, unusable, unflagged); an answer to an ask-at-order-entry question (OBX-29 `QST`) is order context, not a result (`ask_at_order_entry`, one per order); none of an order that ORC-1, ORC-5 or OBR-25 withdraws (`order_withdrawn`, see `liveness.rs`); a message that is not production data (MSH-11 T, D, or any value but P, such as N) has every order rejected and nothing flagged (`processing_not_production`, ACK AR); so has an order whose specimen is quality-control material (SPM-11, else OBR-15.7, specimen role Q, C, V, E, F, O, B or R of table 0369: `quality_control`, ACK AE), see `not_patient.rs`; an order whose PID-35 names a species other than human keeps its results unflagged (`subject_not_human`) |
//! | `results[i].analyte`, `.loinc` | OBX-3: the LOINC code from whichever triplet is LOINC (a local code's LOINC alternate), the sender's text as the name |
//! | `results[i].value` | OBX-5 by OBX-2: NM and SN (`<^0.01` is a bound, `^1^:^128` a ratio kept as text; an NM with components or an SN that is not one is refused, see `numeric.rs`), ST/TX/FT text, CE/CWE coded text, DT/DTM/TM/TS as text (never a number); ED/RP and other types are left out; neither a value nor a status (OBX-5 and OBX-11 empty) is an error about the result |
//! | `results[i].unit`, `.reference_range` | OBX-6 (identifier, else text), OBX-7; OBX-3, OBX-6 and OBX-11 repeated with other contents are compared, not settled by the first (`repeats.rs`) |
//! | `results[i].flag` | OBX-8: the first repetition that is a normal/abnormal flag (not a delta or susceptibility flag) |
//! | `results[i].status` | OBX-11, as a FHIR `ObservationStatus` |
//! | `results[i].comment`, `comments` (PHI) | NTE-3 after the OBX; after the OBR and the PID |

mod ack;
mod batch;
mod collection;
pub(crate) mod datetime;
mod decode;
mod delimiters;
mod escape;
mod field;
mod header;
mod lines;
mod liveness;
mod message;
mod not_patient;
mod numeric;
mod obx;
mod order;
mod oru;
mod process;
mod repeats;
mod tables;

pub use ack::{AckOptions, FINDING_CODE_SYSTEM, ack};
pub use decode::TextEncoding;
pub use delimiters::Delimiters;
pub use escape::{escape, unescape};
pub use field::{Component, Field, Repetition};
pub use header::{Hd, MessageHeader};
pub use message::{Document, Message, Segment};
pub(crate) use not_patient::is_quality_control_role;
pub(crate) use process::read_as;
pub use process::{AckCode, Hl7Outcome, MessageOutcome, process};

/// Decodes an input's bytes as labcore does before parsing (byte order mark, MSH-18, ISO 8859-1 fallback).
pub fn decode_text(input: &[u8]) -> (std::borrow::Cow<'_, str>, TextEncoding) {
    decode::decode(input)
}

pub(crate) use tables::specimen_kind;
