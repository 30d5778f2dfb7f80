#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let si = std::env::args().nth(2).is_some();
    let catalog = labcore::catalog::Catalog::builtin().unwrap();
    let as_of = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap().to_utc();
    let mut ctx = labcore::Context::new(&catalog, as_of);
    if si {
        ctx = ctx.with_unit_system(labcore::UnitSystem::Si);
    }
    let input = std::fs::read(path).unwrap();
    match labcore::validate(&input, &ctx) {
        Ok(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap()),
        Err(e) => println!("ERR {e} {e:?}"),
    }
}
