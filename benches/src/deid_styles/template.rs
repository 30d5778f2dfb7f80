//! Templates: text with `{slot}`s filled from the [`Record`] and the random stream.
//!
//! A slot is `{head.form}` or `{head}`: `{pat.rev}` writes the patient's name as `Doe, Jane` (a `name` span),
//! `{visit.long}` the visit date as `March 14, 2024` (a `date` span), `{labs}` a few lab values (plain text).
//! `{a|b|c}` writes one of the alternatives as plain text (an alternative may be empty). `{{` and `}}` write
//! literal braces (JSON). An unknown slot writes `{?slot}`, which the tests look for.

use super::contact::{self, PERSONAL_DOMAINS, UsNumber, WORK_DOMAINS};
use super::dates::{self, random_day, shift};
use super::ids;
use super::noise;
use super::places::{self, Address, US_CITIES};
use super::record::Record;
use super::writer::Writer;

/// Writes `template` with its slots filled.
pub(super) fn render(w: &mut Writer, r: &Record, template: &str) {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let (literal, tail) = rest.split_at(at);
        w.t(literal);
        if let Some(after) = tail.strip_prefix("{{") {
            w.t("{");
            rest = after;
        } else if let Some(after) = tail.strip_prefix('}') {
            w.t("}");
            rest = after.strip_prefix('}').unwrap_or(after);
        } else if let Some((slot, after)) = tail.get(1..).unwrap_or("").split_once('}') {
            fill(w, r, slot);
            rest = after;
        } else {
            w.t(tail);
            rest = "";
        }
    }
    w.t(rest);
}

/// Writes one of `templates`, filled.
pub(super) fn render_one(w: &mut Writer, r: &Record, templates: &[&'static str]) {
    let template = w.pick(templates);
    render(w, r, template);
}

fn fill(w: &mut Writer, r: &Record, slot: &str) {
    if slot.contains('|') {
        let options: Vec<&str> = slot.split('|').collect();
        let chosen = w.pick_or(&options, "");
        w.t(chosen);
        return;
    }
    let (head, form) = slot.split_once('.').unwrap_or((slot, ""));
    let known = person(w, r, head, form)
        || date(w, r, head, form)
        || place(w, r, head, form)
        || contact(w, r, head, form)
        || identifier(w, r, head, form)
        || noise::write(w, slot);
    if !known {
        w.t(&format!("{{?{slot}}}"));
    }
}

fn person(w: &mut Writer, r: &Record, head: &str, form: &str) -> bool {
    let Some(p) = r.person(head) else { return false };
    if form == "email" {
        let email = if head == "pat" {
            r.email.clone()
        } else {
            let domains = if matches!(head, "rel" | "pt2") { PERSONAL_DOMAINS } else { WORK_DOMAINS };
            p.email(w, domains)
        };
        w.phi("email", &email);
        return true;
    }
    if form == "url" {
        let url = contact::personal_url(w, p, &r.mrn);
        w.phi("url", &url);
        return true;
    }
    if let Some(name) = p.name(w, form) {
        w.phi("name", &name);
        return true;
    }
    match p.plain(w, form) {
        Some(text) => {
            w.t(text);
            true
        }
        None => false,
    }
}

fn date(w: &mut Writer, r: &Record, head: &str, form: &str) -> bool {
    let day = match head {
        "age" => return dates::age(w, r.age, form),
        "relage" => return dates::age(w, r.rel_age, form),
        "time" => {
            let time = dates::time(w);
            w.t(&time);
            return true;
        }
        "visit" => r.visit,
        "dis" => r.dis,
        "next" => r.next,
        "prior" => r.prior,
        "dob" => r.dob,
        "d" => shift(r.visit, -i64::from(w.between(0, 30))),
        "any" => random_day(w, 2014, 2025),
        "dob2" => random_day(w, 1922, 2004),
        _ => return false,
    };
    match dates::format(w, day, form) {
        Some(text) => {
            w.phi("date", &text);
            true
        }
        None => false,
    }
}

fn place(w: &mut Writer, r: &Record, head: &str, form: &str) -> bool {
    match head {
        "addr" => return r.home.write(w, form),
        "addr2" => return Address::us(w).write(w, form),
        "abroad" => places::write_abroad(w),
        "street" => _ = w.phi("street_address", &r.home.street),
        "city" => _ = w.phi("city", r.home.city),
        "zip" => _ = w.phi("zip", &r.home.zip),
        "st" => _ = w.t(r.home.state),
        "state" => _ = w.t(r.home.state_name),
        "city2" => {
            let (city, ..) = w.pick_or(US_CITIES, ("Tucson", "AZ", "Arizona", "857"));
            w.phi("city", city);
        }
        "street2" => {
            let street = places::us_street(w);
            w.phi("street_address", &street);
        }
        _ => return false,
    }
    true
}

fn contact(w: &mut Writer, r: &Record, head: &str, form: &str) -> bool {
    let (category, text) = match head {
        "phone" => ("phone", r.phone.written(w, form)),
        "phone2" => {
            let number = UsNumber::random(w);
            ("phone", number.written(w, form))
        }
        "phonex" => {
            let number = UsNumber::random(w).written(w, "");
            ("phone", format!("{number}{}", contact::extension(w)))
        }
        "intl" => ("phone", contact::international(w)),
        "fax" => {
            let number = UsNumber::random(w);
            ("fax", number.written(w, form))
        }
        "faxintl" => ("fax", contact::international(w)),
        "email" => ("email", r.email.clone()),
        "url" => ("url", contact::personal_url(w, &r.pat, &r.mrn)),
        "ip" => ("ip", contact::ipv4(w)),
        "ip6" => ("ip", contact::ipv6(w)),
        _ => return false,
    };
    w.phi(category, &text);
    true
}

fn identifier(w: &mut Writer, r: &Record, head: &str, form: &str) -> bool {
    let (category, text) = match head {
        "mrn" => ("mrn", r.mrn.clone()),
        "mrn2" => ("mrn", ids::mrn(w)),
        "ssn" => ("ssn", ids::ssn(w, form)),
        "plan" => ("health_plan", ids::plan(w)),
        "mbi" => ("health_plan", ids::mbi(w)),
        "acct" => ("account", ids::account(w)),
        "card" => ("account", ids::card(w)),
        "iban" => ("account", ids::iban(w)),
        "dl" => ("license", ids::driver_license(w)),
        "passport" => ("license", ids::passport(w)),
        "lic" => ("license", ids::professional_license(w)),
        "vin" => ("vehicle", ids::vin(w)),
        "plate" => ("vehicle", ids::plate(w)),
        "device" => ("device", ids::device_serial(w)),
        "acc" | "order" | "req" | "spec" | "case" => ("other_id", ids::specimen_id(w, head)),
        _ => return false,
    };
    w.phi(category, &text);
    true
}
