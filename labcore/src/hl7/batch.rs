//! The batch envelope (HL7 v2.5 §2.10.3): `[FHS] { [BHS] { MSH … } [BTS] } [FTS]`. BTS-1 counts the messages
//! of its batch, FTS-1 the batches of its file.

use super::message::Document;
use crate::finding::Findings;
use crate::{FindingCode, JsonPointer, SourceLocation};

/// Compares the trailers' counts with what was read.
pub(crate) fn check_envelope(document: &Document<'_>, findings: &mut Findings) {
    let mut batch_start = None;
    let mut batches = 0usize;
    let envelope = document.envelope();
    for (segment, before) in envelope.segments().zip(&document.messages_before) {
        let count = || segment.field(1).text().trim().parse::<usize>().ok();
        let at = SourceLocation::Hl7(segment.location().field(1));
        if segment.is("BHS") {
            batch_start = Some(*before);
            batches += 1;
        } else if segment.is("BTS") {
            let read = before - batch_start.unwrap_or(0);
            if count().is_some_and(|c| c != read) {
                let message = "BTS-1 (batch message count) differs from the number of messages in the batch";
                findings.push_at(FindingCode::BatchCountMismatch, JsonPointer::root(), at, message);
            }
            batch_start = None;
        } else if segment.is("FTS") && count().is_some_and(|c| c != batches) {
            let message = "FTS-1 (file batch count) differs from the number of batches in the file";
            findings.push_at(FindingCode::BatchCountMismatch, JsonPointer::root(), at, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mismatches(text: &str) -> usize {
        let mut findings = Findings::default();
        check_envelope(&Document::parse(text), &mut findings);
        findings.len()
    }

    #[test]
    fn counts() {
        let batch =
            |bts: &str, fts: &str| format!("FHS|^~\\&\rBHS|^~\\&\rMSH|^~\\&|A\rMSH|^~\\&|B\rBTS|{bts}\rFTS|{fts}");
        assert_eq!(mismatches(&batch("2", "1")), 0);
        assert_eq!(mismatches(&batch("3", "1")), 1);
        assert_eq!(mismatches(&batch("2", "2")), 1);
        assert_eq!(mismatches(&batch("", "")), 0);
    }
}
