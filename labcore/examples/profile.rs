#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]
//! Runs validate over the payloads of a directory in a loop, for profilers.
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let rounds: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let mut inputs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        inputs.push(std::fs::read(e.unwrap().path()).unwrap());
    }
    let catalog = labcore::catalog::Catalog::builtin().unwrap();
    let ctx = labcore::Context::new(&catalog, "2026-11-30T00:00:00Z".parse().unwrap());
    let mut n = 0;
    for _ in 0..rounds {
        for i in &inputs {
            n += labcore::validate(i, &ctx).map(|r| r.results.len()).unwrap_or(0);
        }
    }
    println!("{n}");
}
