//! `--format table` (the default on a terminal): a compact table per report for a person — analyte, value, unit,
//! range, flag (critical marked `!!`), whether the result is usable — then the status and the findings that need
//! a person (errors and review reasons). Colour is only an addition to the text (and off with `NO_COLOR`).

use std::io::{self, Write};

use labcore::flags::Flag;
use labcore::{Finding, NormalizedResult, Report, Severity, Status};

use crate::line::Checked;

/// ANSI colours, or none.
#[derive(Clone, Copy)]
pub(crate) struct Palette {
    on: bool,
}

impl Palette {
    /// Colours when `on` (a terminal without `NO_COLOR`).
    pub(crate) fn new(on: bool) -> Palette {
        Palette { on }
    }

    fn paint(self, text: &str, code: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// Writes one input as tables.
pub(crate) fn write(out: &mut impl Write, checked: &Checked<'_>, palette: Palette) -> io::Result<()> {
    let line = &checked.line;
    writeln!(out, "== {} ({})", line.input(), status_text(line.status(), palette))?;
    if let Some(error) = line.error_text() {
        writeln!(out, "   unusable input: {error}")?;
    }
    for finding in line.input_findings().iter().filter(|f| needs_person(f, &[])) {
        writeln!(out, "   {}", finding_text(finding))?;
    }
    for (number, report) in line.all_reports().iter().enumerate() {
        write_report(out, number + 1, report, palette)?;
    }
    writeln!(out)?;
    out.flush()
}

fn write_report(out: &mut impl Write, number: usize, report: &Report<'_>, palette: Palette) -> io::Result<()> {
    let panel = report.panel.map_or_else(|| "no panel".to_owned(), |p| format!("{p:?}").to_uppercase());
    writeln!(out, "-- report {number}: {panel}, {}", status_text(Some(report.status), palette))?;
    let rows: Vec<[String; 6]> = report.results.iter().map(row).collect();
    let header = ["analyte", "value", "unit", "range", "flag", "usable"].map(str::to_owned);
    let mut widths = header.clone().map(|h| h.chars().count());
    for cells in &rows {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    writeln!(out, "   {}", cells_text(&header, &widths))?;
    for (cells, result) in rows.iter().zip(&report.results) {
        let text = cells_text(cells, &widths);
        let painted = match result.flag {
            Some(Flag::CriticalLow | Flag::CriticalHigh) => palette.paint(&text, "1;31"),
            Some(Flag::Low | Flag::High | Flag::Abnormal) => palette.paint(&text, "33"),
            _ if !result.usable => palette.paint(&text, "35"),
            _ => text,
        };
        writeln!(out, "   {painted}")?;
    }
    for finding in report.findings.iter().filter(|f| needs_person(f, &report.status_reasons)) {
        writeln!(out, "   {}", finding_text(finding))?;
    }
    Ok(())
}

/// The cells of one result: names as labcore knows them, else as sent.
fn row(result: &NormalizedResult<'_>) -> [String; 6] {
    let sent = &result.original;
    let analyte = result.display.map(str::to_owned).or_else(|| sent.analyte.as_ref().map(ToString::to_string));
    let value = match (result.value, &result.comparator) {
        (Some(v), Some(c)) => format!("{}{v}", comparator_text(*c)),
        (Some(v), None) => v.to_string(),
        (None, _) => sent.value.as_ref().map(ToString::to_string).unwrap_or_default(),
    };
    let unit = result.unit.as_deref().map(str::to_owned).or_else(|| sent.unit.as_ref().map(ToString::to_string));
    [
        analyte.unwrap_or_else(|| "?".to_owned()),
        value,
        unit.unwrap_or_default(),
        range_text(result),
        flag_text(result.flag),
        if result.usable { "yes".to_owned() } else { "NO".to_owned() },
    ]
}

fn comparator_text(comparator: labcore::Comparator) -> String {
    serde_json::to_value(comparator).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn range_text(result: &NormalizedResult<'_>) -> String {
    let Some(range) = &result.range else { return String::new() };
    match (range.low, range.high) {
        (Some(low), Some(high)) => format!("{low}-{high}"),
        (Some(low), None) => format!(">{}{low}", if range.low_inclusive { "=" } else { "" }),
        (None, Some(high)) => format!("<{}{high}", if range.high_inclusive { "=" } else { "" }),
        (None, None) => range.text.as_ref().map(ToString::to_string).unwrap_or_default(),
    }
}

/// The flag in words and its code; critical ones marked `!!` (never colour alone).
fn flag_text(flag: Option<Flag>) -> String {
    match flag {
        None => String::new(),
        Some(Flag::CriticalLow) => "LL critical low !!".to_owned(),
        Some(Flag::Low) => "L low".to_owned(),
        Some(Flag::Normal) => "N normal".to_owned(),
        Some(Flag::High) => "H high".to_owned(),
        Some(Flag::CriticalHigh) => "HH critical high !!".to_owned(),
        Some(Flag::Abnormal) => "A abnormal".to_owned(),
        Some(other) => format!("{other:?}"),
    }
}

fn cells_text(cells: &[String; 6], widths: &[usize; 6]) -> String {
    let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
    padded.join("  ").trim_end().to_owned()
}

fn status_text(status: Option<Status>, palette: Palette) -> String {
    match status {
        Some(Status::Ready) => palette.paint("READY", "32"),
        Some(Status::NeedsReview) => palette.paint("NEEDS_REVIEW", "33"),
        Some(Status::Rejected) => palette.paint("REJECTED", "1;31"),
        None => palette.paint("unreadable", "1;31"),
    }
}

/// Errors, and the findings whose code is a reason of the status.
fn needs_person(finding: &Finding, reasons: &[labcore::FindingCode]) -> bool {
    finding.severity() == Severity::Error || reasons.contains(&finding.code())
}

fn finding_text(finding: &Finding) -> String {
    let place = finding.location().map_or_else(|| finding.path().to_string(), ToString::to_string);
    let place = if place.is_empty() { String::new() } else { format!(" at {place}") };
    format!("! {} {}{place}: {}", finding.severity().as_str(), finding.code().as_str(), finding.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_words_and_critical_ones_are_marked() {
        assert_eq!(flag_text(Some(Flag::CriticalHigh)), "HH critical high !!");
        assert_eq!(flag_text(Some(Flag::Low)), "L low");
        assert_eq!(flag_text(None), "");
    }

    #[test]
    fn colour_is_only_added() {
        assert_eq!(Palette::new(false).paint("READY", "32"), "READY");
        assert_eq!(Palette::new(true).paint("READY", "32"), "\x1b[32mREADY\x1b[0m");
    }
}
