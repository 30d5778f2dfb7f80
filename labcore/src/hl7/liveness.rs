//! Whether an order's results are live: an order the sender cancels or discontinues (ORC-1, ORC-5), or whose
//! result status says no result is available (OBR-25), carries no result a patient's care may rest on, whatever
//! values its OBX segments hold. Such an order gets an `order_withdrawn` finding and no results; a person must
//! know, since whoever received its results earlier may act on them.

use super::message::Segment;
use super::tables;
use crate::finding::Findings;
use crate::{Finding, FindingCode, Hl7Location, JsonPointer, SourceLocation};

/// ORC-1, order control.
const ORDER_CONTROL: u16 = 1;
/// ORC-5, order status.
const ORDER_STATUS: u16 = 5;
/// OBR-25, result status.
const RESULT_STATUS: u16 = 25;

/// Why an order is not live: where the sender says so, and what it means.
type Withdrawal = (Hl7Location, &'static str);

/// Checks ORC-1, ORC-5 and OBR-25 (in that order: the order's own control first); when one withdraws the
/// order, pushes an `order_withdrawn` finding and returns `true`. A live order whose OBR-25 says its results are
/// not final gets an info `result_preliminary`.
pub(crate) fn check(orc: Option<&Segment<'_, '_>>, obr: Option<&Segment<'_, '_>>, findings: &mut Findings) -> bool {
    let Some((at, message)) = withdrawal(orc, obr) else {
        note_not_final(obr, findings);
        return false;
    };
    let finding = Finding::new(FindingCode::OrderWithdrawn, JsonPointer::root().key("results"), message)
        .with_location(SourceLocation::Hl7(at));
    findings.push_finding(finding);
    true
}

fn withdrawal(orc: Option<&Segment<'_, '_>>, obr: Option<&Segment<'_, '_>>) -> Option<Withdrawal> {
    let code = |segment: &Segment<'_, '_>, field: u16| segment.field(usize::from(field)).text().to_ascii_uppercase();
    if let Some(orc) = orc {
        if tables::is_cancelling_order_control(&code(orc, ORDER_CONTROL)) {
            let message = "ORC-1 (order control, HL7 table 0119) cancels or discontinues the order: none of its results is live; they were left out";
            return Some((orc.location().field(ORDER_CONTROL), message));
        }
        if tables::is_cancelled_order_status(&code(orc, ORDER_STATUS)) {
            let message = "ORC-5 (order status, HL7 table 0038) says the order was cancelled or discontinued: none of its results is live; they were left out";
            return Some((orc.location().field(ORDER_STATUS), message));
        }
    }
    let obr = obr?;
    if tables::is_non_live_result_status(&code(obr, RESULT_STATUS)) {
        let message = "OBR-25 (result status, HL7 table 0123) says no result of the order is available (cancelled, not yet done, or no order or patient on record): none of its results is live; they were left out";
        return Some((obr.location().field(RESULT_STATUS), message));
    }
    None
}

/// OBR-25 A, P or R: the order's results are reported, and may change (as OBX-11 P says of one result).
fn note_not_final(obr: Option<&Segment<'_, '_>>, findings: &mut Findings) {
    let Some(obr) = obr else { return };
    if !tables::is_not_final_result_status(&obr.field(usize::from(RESULT_STATUS)).text().to_ascii_uppercase()) {
        return;
    }
    let message = "OBR-25 (result status) says the order's results are not final (preliminary, not yet verified, or only some available): they may change";
    let finding = Finding::new(FindingCode::ResultPreliminary, JsonPointer::root().key("results"), message)
        .with_location(SourceLocation::Hl7(obr.location().field(RESULT_STATUS)));
    findings.push_finding(finding);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hl7::Document;

    fn withdrawn(text: &str) -> Option<String> {
        let doc = Document::parse(text);
        let message = doc.messages().first()?;
        let (orc, obr) = (message.first("ORC"), message.first("OBR"));
        let mut findings = Findings::default();
        check(orc.as_ref(), obr.as_ref(), &mut findings).then(|| {
            let all = findings.into_vec();
            all.first().and_then(|f| f.location()).map(ToString::to_string).unwrap_or_default()
        })
    }

    #[test]
    fn cancelled_discontinued_and_unavailable_orders_are_not_live() {
        let msh = "MSH|^~\\&|A\r";
        let obr25 = |status: &str| format!("{msh}OBR|1{}|{status}", "|".repeat(23));
        assert_eq!(withdrawn(&format!("{msh}ORC|CA\rOBR|1")).as_deref(), Some("ORC[1]-1"));
        assert_eq!(withdrawn(&format!("{msh}ORC|re||||dc\rOBR|1")).as_deref(), Some("ORC[1]-5"));
        assert_eq!(withdrawn(&obr25("X")).as_deref(), Some("OBR[1]-25"));
        assert_eq!(withdrawn(&obr25("I")).as_deref(), Some("OBR[1]-25"));
        for live in ["F", "P", "C", "A", ""] {
            assert_eq!(withdrawn(&obr25(live)), None, "{live}");
        }
        assert_eq!(withdrawn(&format!("{msh}ORC|RE||||CM\rOBR|1")), None);
    }
}
