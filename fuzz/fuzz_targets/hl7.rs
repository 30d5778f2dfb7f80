//! Fuzzes the HL7 v2 reader end to end — decoding, splitting, escapes, the ORU mapping, processing and the ACK:
//! any input gives an outcome (or, empty or too large, an error), never a panic; an accepted order has a typed
//! payload and renders as FHIR; a rejected (AR) message accepts no order; every ACK reads back as HL7 and echoes the control ID.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static labcore::catalog::Catalog {
    static CATALOG: OnceLock<labcore::catalog::Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| labcore::catalog::Catalog::builtin().expect("built-in catalog"))
}

fuzz_target!(|data: &[u8]| {
    let as_of = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(20_000);
    let context = labcore::Context::new(catalog(), as_of);
    let Ok(outcome) = labcore::hl7::process(data, &context) else { return };
    let options = labcore::fhir::FhirOptions { issued: as_of, subject: None, id: None };
    for message in &outcome.messages {
        if message.ack_code == labcore::hl7::AckCode::AR {
            // A rejected message may still list its orders (a training message's are read so that its sender sees
            // every finding), but none of them is accepted.
            assert!(message.orders.iter().all(|order| !order.report.accepted));
        }
        for order in &message.orders {
            assert_eq!(order.report.accepted, order.payload.is_some());
            let fhir = labcore::fhir::to_fhir(&order.report, catalog(), &options);
            assert_eq!(fhir.is_ok(), order.report.accepted);
            assert!(order.report.results.iter().all(|r| r.location.is_some()));
        }
    }
    let ack_options = labcore::hl7::AckOptions::new("ACK", as_of.fixed_offset());
    let acks = outcome.acks(&ack_options);
    assert_eq!(acks.len(), outcome.messages.len().max(1));
    for (i, ack) in acks.iter().enumerate() {
        let document = labcore::hl7::Document::parse(ack);
        assert_eq!(document.messages().len(), 1, "one ACK, one message");
        let parsed = &document.messages()[0];
        assert!(parsed.is_readable());
        assert!(parsed.segments().all(|s| s.id().is_some()), "every ACK line is a segment");
        if let (Some(msa), Some(message)) = (parsed.first("MSA"), outcome.messages.get(i)) {
            assert_eq!(msa.field(2).text(), message.header.control_id.trim());
        }
    }
});
