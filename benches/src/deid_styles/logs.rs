//! Style 3: what a lab integration emits and what its engineers paste: log lines (plain, key=value, syslog,
//! access log), JSON events, FHIR and HL7 v2 fragments, support tickets and emails with signatures.

use super::record::Record;
use super::template::{render, render_one};
use super::writer::Writer;

const LINES: &[&str] = &[
    "{d.stamp} WARN  [hl7-inbound] patient={pat.hl7} mrn={mrn} msg=\"OBX-5 non-numeric value\" loinc={loinc} \
     ctrl={msgid}",
    "{d.stamp} INFO  result.filed acc={acc} pt_name=\"{pat.full}\" loinc={loinc} value=\"{lab}\"",
    "{d.stamp} ERROR demographics mismatch for order {order}: DOB {dob.iso} on order vs {dob2.iso} in LIS \
     (mrn={mrn})",
    "{d.syslog} lis-prod-02 interface[{pid}]: ADT^A08 received for {pat.REV} MRN:{mrn}",
    "{ip} - - [{d.bracket}] \"GET /api/v2/patients/{mrn}/results HTTP/1.1\" 200 {pid}",
    "{d.stamp} level=info svc=portal event=login_ok email={email} ip={ip6} ua=\"Mozilla/5.0 (Macintosh; Intel Mac \
     OS X 10_15_7) AppleWebKit/605.1.15 Version/{ver} Safari/605.1.15\"",
    "{d.stamp} level=warn svc=courier event=pickup_failed addr=\"{addr.line}\" contact={phone.e164} \
     vehicle={plate}",
    "{d.stamp} AUDIT user=svc_lis_iface action=EXPORT patient_id={mrn} rows=1 dest=outbound/{pid}.hl7",
    "{d.stamp} WARN device-sync: CGM transmitter {device} paired to mrn {mrn} fw={fw}",
    "{d.stamp} INFO eligibility 271 ok member_id={plan} payer=\"{payer}\" subscriber=\"{pat.REV}\"",
    "{d.stamp} ERROR billing: guarantor account {acct} not found for FIN {acct}",
    "{d.stamp} WARN validation: ssn=\"{ssn}\" in PID-19 for mrn {mrn} (masking required)",
    "{d.stamp} INFO fax.sent to={fax} pages=3 job={pid} doc=cumulative_report",
    "{d.stamp} DEBUG notify sms to={phone.e164} template=results_ready link={url}",
    "{d.stamp} INFO critical_value called_to=\"{staff.full}, RN\" by=tech{n} acc={acc} result=\"{lab}\" readback=Y",
    "{d.stamp} WARN duplicate candidates: {mrn} ({pat.rev}, {dob.us}) ~ {mrn2} ({pt2.rev}, {dob2.us}) score=0.9{n}",
    "{d.stamp} ERROR order {order} rejected: ordering provider \"{doc.REV}\" license {lic} not on file",
    "{d.stamp} INFO courier.checkin route=R{n} driver=\"{staff.full}\" van_vin={vin} stop=\"{hosp}\"",
    "{d.stamp} DEBUG geoip ip={ip} -> {city2}, US (portal session {pid})",
    "{d.syslog} mirth[{pid}]: channel ORU_OUT error: PID-5 '{pat.hl7}' PID-7 '{dob.hl7}' exceeds length",
    "{d.stamp} INFO specimen {spec} received at {unit}, collected {visit.dt} by {staff.init}",
    "{d.stamp} WARN analyzer cobas-8000 #2 fw {fw} HL7 {ver}: no order for barcode {acc}",
];

const JSON: &[&str] = &[
    "{{\"ts\":\"{d.stamp}\",\"level\":\"error\",\"logger\":\"labcore.ingest\",\"patient_name\":\"{pat.full}\",\
     \"dob\":\"{dob.iso}\",\"mrn\":\"{mrn}\",\"accession\":\"{acc}\",\"error\":\"unit mismatch: mg/dL vs mmol/L\",\
     \"loinc\":\"{loinc}\"}}",
    "{{\"resourceType\":\"Patient\",\"identifier\":[{{\"system\":\"urn:oid:{oid}\",\"value\":\"{mrn}\"}}],\
     \"name\":[{{\"family\":\"{pat.family}\",\"given\":[\"{pat.given}\"]}}],\"gender\":\"{pat.Sex}\",\
     \"telecom\":[{{\"system\":\"phone\",\"value\":\"{phone}\"}},{{\"system\":\"email\",\"value\":\"{email}\"}}],\
     \"birthDate\":\"{dob.iso}\",\"address\":[{{\"line\":[\"{street}\"],\"city\":\"{city}\",\"state\":\"{st}\",\
     \"postalCode\":\"{zip}\"}}]}}",
    "{{\"event\":\"critical_call\",\"called_to\":\"{staff.full}, RN\",\"called_at\":\"{d.stamp}\",\
     \"result\":\"{lab}\",\"read_back\":true,\"ordering\":\"Dr. {doc.family}\",\"unit\":\"{unit}\"}}",
    "{{\"order_id\":\"{order}\",\"requisition\":\"{req}\",\"ordering_provider\":{{\"name\":\"{doc.rev}\",\
     \"license\":\"{lic}\"}},\"patient\":{{\"name\":\"{pat.UP}\",\"ssn\":\"{ssn}\",\"insurance\":{{\
     \"payer\":\"{payer}\",\"member_id\":\"{plan}\"}}}}}}",
    "{{\"ticket\":\"{ticket}\",\"reporter\":\"{staff.email}\",\"body\":\"pt {pat.full} (MRN {mrn}) says the \
     portal shows someone else's results, logged in from {ip}\"}}",
    "{{\"device\":{{\"type\":\"{insulin_pump|cgm|pacemaker}\",\"serial\":\"{device}\",\"firmware\":\"{fw}\"}},\
     \"patient_ref\":\"{mrn}\",\"last_sync\":\"{d.stamp}\",\"owner_phone\":\"{phone.e164}\"}}",
    "{{\"guarantor\":{{\"name\":\"{rel.full}\",\"relationship\":\"{rel.relation}\",\"account\":\"{acct}\",\
     \"card\":\"{card}\",\"address\":\"{addr2.line}\"}},\"patient_mrn\":\"{mrn}\",\"balance\":1{n}4.50}}",
];

const HL7: &[&str] = &[
    "MSH|^~\\&|LIS|{fac}|EHR|{fac}|{d.hl7ts}||ORU^R01|{msgid}|P|2.5.1\n\
     PID|1||{mrn}^^^{fac}^MR||{pat.hl7}||{dob.hl7}|{pat.sex}|||{addr.hl7}||{phone.hl7}|||||{acct}|{ssn.plain}\n\
     OBR|1|{order}|{acc}|{loinc}^^LN|||{visit.hl7ts}\nOBX|1|NM|{loinc}^^LN||{hr}|mmol/L|3.5-5.1|H|||F",
    "MSH|^~\\&|EHR|{fac}|LIS|{fac}|{d.hl7ts}||ADT^A04|{msgid}|P|2.3\nEVN|A04|{d.hl7ts}\n\
     PID|1||{mrn}^^^MR||{pat.hl7}||{dob.hl7}|{pat.sex}|||{addr.hl7}||{phone.hl7}\n\
     NK1|1|{rel.hl7}|NOK|{addr2.hl7}|{phone2.hl7}\nPV1|1|I|{unit}^{room}^1||||^{doc.hl7}\n\
     IN1|1|{payer}||||||||||||||||||||||||||||||||||||{plan}",
];

const TICKET_BODIES: &[&str] = &[
    "Hi team, since the upgrade to {ver} the interface drops OBX for accession {acc} (MRN {mrn}). Pasted from \
     the log:",
    "Pt's {rel.relation} called twice from {phone2}, very upset that results for {pat.full} are missing. Log below:",
    "Clinic says results for {pat.full} went to the wrong provider (Dr. {doc.family} instead of Dr. \
     {doc2.family}). Excerpt:",
    "Duplicate record created at registration on {d.us1} - {pat.rev} now has MRN {mrn} and {mrn2}. Trace:",
];

const FOOTERS: &[&str] = &[
    "-- {staff.given}",
    "Thanks,\n{staff.full}\n{Interface Analyst|LIS Analyst|Lab Manager}, {hosp}\n{phonex}",
    "Regards,\n{staff.full}\nPhone: {phone2}\nFax: {fax}",
    "--\n{staff.full}, MLS(ASCP)\nDirect: {phone2} | Cell: {phone2}\n{staff.email}",
    "Thanks,\n{staff.given}\n\nSent from my iPhone",
];

const EMAIL_BODIES: &[&str] = &[
    "MRN {mrn} ({pat.rev}) and MRN {mrn2} look like the same patient - same DOB {dob.us}, same phone {phone}. \
     Can you merge?",
    "The requisition for {pat.full} lists DOB {dob2.us1} but the wristband says {dob.us1}. Specimen {spec} is on \
     hold in {unit}.",
    "Our driver {doc2.full} (van plate {plate}) was turned away at the loading dock at {time} on {d.long}.",
    "{pat.title} {pat.family} can't log in; {pat.he} is calling from {phone} and says {pat.he} tried from {ip}.",
    "Please update the fax number for Dr. {doc.full} to {fax}; reports for {pat.full} went to the old number.",
];

/// Every template list of this module, for the slot test.
#[cfg(test)]
pub(super) const ALL: &[&[&str]] = &[LINES, JSON, HL7, TICKET_BODIES, FOOTERS, EMAIL_BODIES];

fn lines(w: &mut Writer, r: &Record, count: u32) {
    for i in 0..count {
        if i > 0 {
            w.t("\n");
        }
        render_one(w, r, LINES);
    }
}

fn ticket(w: &mut Writer, r: &Record) {
    render(w, r, "Ticket {ticket} | Priority: P{1|2|2|3|4} | Reporter: {staff.full}\n");
    render(w, r, "Subject: {results not crossing|wrong patient|duplicate MRN|portal} - {pat.REV}\n\n");
    render_one(w, r, TICKET_BODIES);
    w.t("\n");
    let count = w.between(1, 2);
    lines(w, r, count);
    w.t("\n\n");
    render_one(w, r, FOOTERS);
}

fn email(w: &mut Writer, r: &Record) {
    render(w, r, "From: {staff.full} <{staff.email}>\nSent: {d.rfc}\nTo: LIS Support\n");
    render(w, r, "Subject: Re: {duplicate MRN|wrong DOB on requisition|courier|portal access|fax numbers}\n\n");
    render(w, r, "{Hi|Hi all|Hello|Team},\n\n");
    render_one(w, r, EMAIL_BODIES);
    w.t("\n\n");
    render_one(w, r, FOOTERS);
}

/// Writes log lines, a JSON event, an HL7 fragment, a support ticket or an email.
pub(super) fn write(w: &mut Writer, r: &Record) {
    if w.chance(50) {
        r.seed(w);
    }
    match w.below(7) {
        0 | 1 => {
            let count = w.between(1, 4);
            lines(w, r, count);
        }
        2 => render_one(w, r, JSON),
        3 => render_one(w, r, HL7),
        4 => ticket(w, r),
        5 => email(w, r),
        _ => {
            render_one(w, r, JSON);
            w.t("\n");
            lines(w, r, 1);
        }
    }
}
