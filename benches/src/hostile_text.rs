//! Hostile free text for the linear-time checks of the PHI detector: each [`Shape`] is one short piece repeated to
//! the asked size (runs of name words, titles, cue words, placeholders, digits, dates, pasted HL7 segments, one
//! long line without spaces…). A detector that is linear costs the same per byte at 1 KB and at 10 MB on every
//! shape; one quadratic loop shows as a cost per byte that grows with the size.

use std::time::{Duration, Instant};

/// One hostile shape: a name for reports and the piece it repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// A short name (`jane_smith`), for benchmark ids.
    pub name: &'static str,
    /// The piece repeated to the size.
    pub piece: &'static str,
}

/// Every shape, from the runs of name words that were once quadratic to the shapes of other detectors' inputs.
pub const SHAPES: &[Shape] = &[
    Shape { name: "jane_smith", piece: "Jane Smith " },
    Shape { name: "smith", piece: "Smith " },
    Shape { name: "smith_comma", piece: "Smith, " },
    Shape { name: "jane_tab_smith", piece: "Jane\tSmith\t" },
    Shape { name: "shouted_names", piece: "JANE SMITH " },
    Shape { name: "capitalised_words", piece: "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel " },
    Shape { name: "names_with_initials", piece: "Kelly B. Brown Jones A. " },
    Shape { name: "dr", piece: "Dr. " },
    Shape { name: "called_cue", piece: "called " },
    Shape { name: "placeholders", piece: "[NAME-1] " },
    Shape { name: "placeholders_and_phones", piece: "[NAME-1] called 217-555-0199 " },
    Shape { name: "mrn_cue", piece: "MRN " },
    Shape { name: "emails", piece: "a@b.c " },
    Shape { name: "dates", piece: "01/02/2003 " },
    Shape { name: "digits", piece: "0123456789" },
    Shape { name: "no_spaces", piece: "JaneSmithcalledDrKellyBrown" },
    Shape { name: "pid_pieces", piece: "PID|" },
    Shape { name: "pid_lines", piece: "PID|1||00482913^^^NW^MR||DOE^JANE\n" },
    Shape { name: "newlines", piece: "\n" },
    Shape { name: "short_lines", piece: "Pt: Jane\n" },
    Shape { name: "spaces", piece: " " },
    Shape { name: "streets", piece: "12 Elm St " },
    Shape { name: "cities", piece: "lives in Baton Rouge " },
    Shape { name: "signatures", piece: "-- Ashley " },
    Shape { name: "nul_separated", piece: "Jane\u{0}Smith\u{0}" },
    Shape { name: "invisibles", piece: "J\u{200B}ane\u{00AD} Sm\u{2060}ith " },
    Shape { name: "cyrillic_lookalikes", piece: "Jаne Smіth " },
];

/// The shape's piece repeated to `size` bytes (cut at a character boundary, so a little shorter at most).
pub fn input(shape: &Shape, size: usize) -> String {
    let repeats = size / shape.piece.len().max(1) + 1;
    let mut text = shape.piece.repeat(repeats);
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The sizes every shape runs at: 1 KB, 100 KB and 1 MB (10 MB is the benchmark's opt-in size).
pub const SIZES: &[usize] = &[1 << 10, 100 << 10, 1 << 20];

/// The opt-in size, 10 MB.
pub const LARGE: usize = 10 << 20;

/// The cost per byte of `run` on `text`, in nanoseconds: `run` repeated until `budget` has passed (once at least,
/// so a slow run is measured once), the total divided by the bytes processed.
pub fn cost_per_byte(text: &str, budget: Duration, mut run: impl FnMut(&str)) -> (f64, usize) {
    let (mut rounds, start) = (0usize, Instant::now());
    while rounds == 0 || start.elapsed() < budget {
        run(text);
        rounds += 1;
    }
    let bytes = (rounds * text.len()).max(1) as f64;
    (start.elapsed().as_secs_f64() * 1e9 / bytes, rounds)
}

/// A size as a report writes it (`1 KB`, `10 MB`).
pub fn label(size: usize) -> String {
    if size >= 1 << 20 { format!("{} MB", size >> 20) } else { format!("{} KB", size >> 10) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_have_the_asked_size_and_stay_text() {
        for shape in SHAPES {
            let text = input(shape, 1000);
            assert!((990..=1000).contains(&text.len()), "{}: {}", shape.name, text.len());
            assert!(text.starts_with(shape.piece), "{}", shape.name);
        }
        let names: std::collections::HashSet<&str> = SHAPES.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), SHAPES.len(), "shape names are unique");
    }
}
