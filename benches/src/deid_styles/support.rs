//! Style 2: conversational and customer-support text, in the spirit of the PII evaluation sets of Microsoft
//! Presidio (presidio-research): self-introductions, requests to update contact details, identifiers given to
//! prove who one is, chat transcripts and web contact forms.

use super::record::Record;
use super::template::{render, render_one};
use super::writer::Writer;

const INTROS: &[&str] = &[
    "My name is {pat.full} and I'm writing about my lab results from {d.casual}.",
    "Hi, this is {pat.given}{| again} - I called yesterday about a billing issue.",
    "Hello, I am {pat.full}. My date of birth is {dob.casual}.",
    "I'm {pat.full}, a patient at {hosp}.",
    "{pat.full} here. I got a text saying my results are ready but the link doesn't work.",
    "Hi there, my name's {pat.given} and I need help with my account.",
    "Good morning. I'm writing on behalf of my {rel.relation}, {rel.full}, who is {relage.n} and doesn't use email.",
    "Hey, it's {pat.full}.",
    "This is {pat.title} {pat.family} calling back about my appointment on {next.wk}.",
    "Dear support team, I ({pat.full}, born {dob.casual}) cannot access my lab portal.",
    "Hello! My {rel.relation} {rel.given} gave me this address.",
    "hi my name is {pat.low} i need my test results for travel",
    "Hi, I'm {pat.given} - it's {pat.full} on my insurance card.",
];

const DETAILS: &[&str] = &[
    "You can reach me at {phone} or {email}.",
    "My cell is {phone}, texts are fine; work number is {phonex}.",
    "Please call me back on {phone} after {time}.",
    "I'm abroad until {next.casual}, so please use {intl} (WhatsApp works too).",
    "Please use my {rel.relation}'s email, {rel.email}, for anything urgent.",
    "The fax number of my doctor's office is {fax}, could you send the report there?",
    "Please contact my {rel.relation} {rel.full} at {rel.email} or {intl}.",
    "I just moved to {addr.line}, please update your records.",
    "Please mail the kit to:\n{pat.full}\n{addr.nl}",
    "Billing address: {addr.nostate}.",
    "I live at {street} in {city}, near the {hosp} campus.",
    "Send it to my {rel.relation}'s place instead: {addr2.line}.",
    "My address is {abroad}.",
    "The courier left my package at {street2} instead of {street}.",
    "My SSN is {ssn}, if you need it to find my file.",
    "my social is {ssn.plain}",
    "Social security number: {ssn.dash}.",
    "Insurance is {payer}, member ID {plan}.",
    "My Medicare number is {mbi}.",
    "My driver's license number is {dl} (issued in {state}).",
    "I can send a copy of my passport, number {passport}.",
    "Please charge card {card} for the balance.",
    "Refund to IBAN {iban} please, I've moved to Europe.",
    "Your invoice says account {acct} but my account number is {acct}.",
    "My order number is {order} and the requisition says {req}.",
    "My car (plate {plate}) got a ticket in your garage on {d.casual}, even though I had a validation sticker.",
    "The VIN on the parking permit form is {vin}.",
    "My insulin pump (serial {device}) keeps alarming since the app update to {ver}.",
    "I need a letter for airport security about my pacemaker, serial number {device}.",
    "The CGM transmitter ID is {device}; the app says 'sensor error'.",
    "I'm trying to log in from {ip} and it keeps saying access denied.",
    "Your security team asked for my IP address: {ip6}.",
    "Here's the fundraiser page for my surgery: {url}",
    "I uploaded the screenshot here: {url}",
    "My {rel.relation} set up a page for updates: {rel.url}.",
    "I was seen on {d.casual} and still haven't heard back.",
    "My appointment was moved from {d.casual} to {next.casual}.",
    "I was born {dob.casual}.",
    "My date of birth is {dob.us1}.",
    "My {rel.relation} is {relage.n} and was admitted on {d.casual}.",
    "My {rel.relation} turned {relage.n} last week and needs a home blood draw.",
    "The specimen ID on the tube was {spec}, if that helps.",
    "The person who drew my blood was {staff.given}, {staff.he} was lovely.",
    "I spoke to {staff.full} on {d.casual} and {staff.he} said it would be fixed.",
];

const CHATTER: &[&str] = &[
    "Your office hours say 8:30-5, Mon-Fri, is that still right?",
    "I've been a patient since {year}.",
    "The app is on version {ver}.",
    "My BP was {bp} this morning, is that OK?",
    "The portal flagged my {lab} - should I worry?",
    "I'm in {Texas|Ohio|California|Florida|New York|Arizona} this week for work.",
    "I'll be 4{n} in June.",
    "I called {n} times and was on hold for 40 minutes.",
    "I get my labs done at {hosp}, not {hosp}.",
    "Please don't call before 9 AM.",
    "My doctor at {hosp} ordered a {test}.",
    "I have {eponym}, so I bruise easily.",
    "The kit said to fast for 12 hours; is black coffee OK?",
];

const CLOSERS: &[&str] = &[
    "Thanks, {pat.given}",
    "Thank you!\n{pat.full}",
    "Best,\n{pat.given}",
    "Regards, {pat.full}\n{phone}",
    "Thanks so much.",
    "Cheers",
    "-- sent from my phone",
    "Kind regards,\n{pat.mid}",
];

const CHATS: &[&str] = &[
    "[{time}] Agent ({staff.given}): Thanks for contacting {hosp} patient support, who am I speaking with?\n\
     [{time}] Customer: {pat.full}\n[{time}] Agent ({staff.given}): Thanks {pat.given}. Can you verify your date \
     of birth?\n[{time}] Customer: {dob.casual}\n[{time}] Agent ({staff.given}): And the phone number on file?\n\
     [{time}] Customer: {phone}\n[{time}] Agent ({staff.given}): Perfect, I've reset your portal password.",
    "Agent: Good afternoon, you've reached {payer} member services. May I have your member ID?\n\
     Caller: sure it's {plan}\nAgent: Thank you. And your name?\nCaller: it's under my {rel.relation}'s name, \
     {rel.full}\nAgent: No problem. Best callback number?\nCaller: {intl}, I'm visiting {city2} right now",
    "User: hi i need to change my address\nBot: Sure! What's your new address?\nUser: {addr.line}\n\
     Bot: Got it. And your email?\nUser: {email}\nBot: Thanks! Anything else?\nUser: also my phone changed to \
     {phone2}",
    "Customer: My name is {pat.full}, I was billed twice for the test on {d.casual}.\nAgent ({staff.full}): Sorry \
     about that! What's the account number on the statement?\nCustomer: {acct}\nAgent ({staff.full}): I see two \
     charges to card {card}. I'll refund one today. Reference {ticket}.",
    "Visitor: hello? is anyone there\nAgent: Hi, I'm {staff.given}. How can I help?\nVisitor: my {rel.relation} \
     {rel.low} had blood work at your {city2} location and we never got results. {rel.his} DOB is {dob2.casual}\n\
     Agent: I can help. What's the best email to send the release form to?\nVisitor: {rel.email}",
];

const FORMS: &[&str] = &[
    "Name: {pat.full}\nEmail: {email}\nPhone: {phone}\nDate of birth: {dob.us1}\nMessage: ",
    "Full name: {pat.UP}\nAddress: {addr.line}\nPreferred contact: {email}\nComments: ",
    "First name: {pat.given}\nLast name: {pat.family}\nMobile: {phone}\nZIP code: {zip}\nHow can we help? ",
    "Contact request #{pid}\nFrom: {pat.full} <{email}>\nIP: {ip}\nSubject: {results|billing|portal}\n\n",
];

/// Every template list of this module, for the slot test.
#[cfg(test)]
pub(super) const ALL: &[&[&str]] = &[INTROS, DETAILS, CHATTER, CLOSERS, CHATS, FORMS];

fn message(w: &mut Writer, r: &Record) {
    render_one(w, r, INTROS);
    for _ in 0..w.between(1, 3) {
        w.t(" ");
        let list = if w.chance(25) { CHATTER } else { DETAILS };
        render_one(w, r, list);
    }
    if w.chance(60) {
        let gap = if w.chance(50) { "\n\n" } else { " " };
        w.t(gap);
        render_one(w, r, CLOSERS);
    }
}

/// Writes one support message, chat transcript or contact form.
pub(super) fn write(w: &mut Writer, r: &Record) {
    if w.chance(20) {
        r.seed(w);
    }
    match w.below(6) {
        0 => render_one(w, r, CHATS),
        1 => {
            render_one(w, r, FORMS);
            render_one(w, r, DETAILS);
            if w.chance(50) {
                w.t(" ");
                render_one(w, r, CHATTER);
            }
        }
        2 => {
            render(w, r, "Subject: {question about my results|address change|billing|portal login}\n\n");
            message(w, r);
        }
        _ => message(w, r),
    }
}
