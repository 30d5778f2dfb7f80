//! Reading `results`: each result's fields, its value and its vendor reference range.

use super::model::VendorRange;
use super::raw::{JsonType, Node, RawRange, RawResult, Shaped};
use super::raw_payload::{ResultSink, Streamed};
use super::read::{MAX_COMMENT, MAX_VALUE_TEXT, Reader, ResultInput, field, free_text, is_blank, owned_phi};
use crate::finding::Findings;
use crate::value::shared_text;
use crate::{FindingCode, JsonPointer, Phi, ReportedValue, TextKind, value};

/// The results of a payload, each read as soon as the parser has it, with the findings about them.
#[derive(Debug, Default)]
pub(crate) struct ResultsRead {
    pub(crate) results: Vec<ResultInput>,
    pub(crate) findings: Findings,
}

impl<'de> ResultSink<'de> for ResultsRead {
    fn element(&mut self, index: usize, element: &Shaped<'de, RawResult<'de>>) {
        let at = JsonPointer::root().key("results").index(index);
        let mut reader = Reader { findings: &mut self.findings };
        match element {
            Shaped::Object(result) => {
                if self.results.capacity() == 0 {
                    // A panel has 5 to ~30 results: start at 32 rather than grow through 4, 8, 16… (each growth
                    // copies every result read so far; capacity not used is never touched).
                    self.results.reserve(32);
                }
                // Filled where it lies: a result is large, and building it aside would copy it once more.
                self.results.push(ResultInput::default());
                if let Some(input) = self.results.last_mut() {
                    reader.result(result, index, &at, input);
                }
            }
            Shaped::Text(_) => {
                reader.findings.push(FindingCode::InvalidType, at, "a result must be an object, not a string")
            }
            Shaped::Other(t) => {
                let message = format!("a result must be an object, not {}", t.as_str());
                reader.findings.push(FindingCode::InvalidType, at, message);
            }
        }
    }
}

impl Reader<'_> {
    /// Checks the shape of `results` (its elements were read as they came, by [`ResultsRead`]).
    pub(super) fn results(&mut self, streamed: Option<Streamed>, root: &JsonPointer) {
        let path = root.key("results");
        match streamed {
            None | Some(Streamed::Other(JsonType::Null)) => {
                self.findings.push(FindingCode::MissingField, path, "`results` is required");
            }
            Some(Streamed::Array(0)) => self.findings.push(FindingCode::NoResults, path, "`results` is empty"),
            Some(Streamed::Array(_)) => {}
            Some(Streamed::Other(t)) => {
                self.wrong_type::<()>(path, "results", "an array", t.as_str());
            }
        }
    }

    fn result(&mut self, raw: &RawResult<'_>, index: usize, path: &JsonPointer, input: &mut ResultInput) {
        self.extras(&raw.extras, path);
        let analyte = self.text(raw.analyte.as_ref(), path, field("analyte", 256), false).map(|t| shared_text(&t));
        let loinc = self.text(raw.loinc.as_ref(), path, field("loinc", 32), false).map(|t| shared_text(&t));
        // Sent with a wrong type (a finding says so already), as opposed to absent, null or blank.
        let sent = |node: &Option<Node<'_>>| match node {
            None | Some(Node::Null) => false,
            Some(Node::Str(s)) => !is_blank(s),
            Some(_) => true,
        };
        // When either was sent with a wrong type, that finding already says what is wrong.
        if analyte.is_none() && loinc.is_none() && !sent(&raw.analyte) && !sent(&raw.loinc) {
            self.findings.push(FindingCode::MissingField, *path, "a result needs `analyte` or `loinc`");
        }
        input.index = index;
        input.analyte = analyte;
        input.loinc = loinc;
        input.value = self.value(raw.value.as_ref().map(|n| &n.0), path);
        input.unit = self.text(raw.unit.as_ref(), path, field("unit", 64), false).map(|t| shared_text(&t));
        input.reference_range = raw.reference_range.as_ref().and_then(|r| self.range(r, path));
        input.flag = self.text(raw.flag.as_ref(), path, field("flag", 32), false).map(|t| shared_text(&t));
        input.comment = self.text(raw.comment.as_ref(), path, free_text("comment", MAX_COMMENT), false).map(owned_phi);
    }

    fn value(&mut self, node: Option<&Node<'_>>, parent: &JsonPointer) -> Option<ReportedValue> {
        let path = parent.key("value");
        let value = match node {
            None | Some(Node::Null) => {
                self.findings.push(FindingCode::MissingField, path, "`value` is required");
                return None;
            }
            Some(Node::Number(raw)) => value::read_json_number(raw.unwrap_or_default()),
            Some(Node::Str(text)) => {
                if text.len() > MAX_VALUE_TEXT {
                    ReportedValue::Text { kind: TextKind::Text, text: Phi::new(text.to_string()) }
                } else {
                    value::read_value_text(text)
                }
            }
            Some(other) => {
                let got = other.json_type().as_str();
                let message = format!("`value` must be a number or a string, not {got}");
                self.findings.push(FindingCode::InvalidType, path, message);
                return None;
            }
        };
        self.value_findings(&value, &path);
        Some(value)
    }

    pub(crate) fn value_findings(&mut self, value: &ReportedValue, path: &JsonPointer) {
        let (code, message) = match value {
            ReportedValue::Number { comparator: Some(_), decimal_comma, .. } => {
                if *decimal_comma {
                    self.findings.push(FindingCode::DecimalComma, *path, "decimal comma read as a decimal point");
                }
                (FindingCode::ValueCensored, "value is a bound (it has a comparator), not a measurement")
            }
            ReportedValue::Number { decimal_comma: true, .. } => {
                (FindingCode::DecimalComma, "decimal comma read as a decimal point")
            }
            ReportedValue::Number { .. } => return,
            ReportedValue::Text { kind, .. } => text_finding(*kind),
        };
        self.findings.push(code, *path, message);
    }

    fn range(&mut self, shaped: &Shaped<'_, RawRange<'_>>, parent: &JsonPointer) -> Option<VendorRange> {
        let path = parent.key("reference_range");
        match shaped {
            Shaped::Other(JsonType::Null) => None,
            Shaped::Text(text) => {
                let text = self.check_text(text, parent, field("reference_range", 128), false)?;
                Some(VendorRange { text: Some(shared_text(text)), ..VendorRange::default() })
            }
            Shaped::Object(range) => Some(self.range_object(range, &path)),
            Shaped::Other(t) => self.wrong_type(path, "reference_range", "a string or an object", t.as_str()),
        }
    }

    fn range_object(&mut self, raw: &RawRange<'_>, path: &JsonPointer) -> VendorRange {
        self.extras(&raw.extras, path);
        let mut bound = |node: Option<&Node<'_>>, name: &'static str| match node {
            None | Some(Node::Null) => None,
            Some(Node::Number(text)) => Some(value::read_json_number(text.unwrap_or_default())),
            Some(Node::Str(text)) => {
                if text.len() > 64 {
                    self.findings.push(
                        FindingCode::TooLong,
                        path.key(name),
                        format!("`{name}` is longer than 64 bytes"),
                    );
                    return None;
                }
                Some(value::read_value_text(text))
            }
            Some(other) => {
                let got = other.json_type().as_str();
                let message = format!("`{name}` must be a number or a string, not {got}");
                self.findings.push(FindingCode::InvalidType, path.key(name), message);
                None
            }
        };
        let low = bound(raw.low.as_ref().map(|n| &n.0), "low");
        let high = bound(raw.high.as_ref().map(|n| &n.0), "high");
        let text = self.text(raw.text.as_ref(), path, field("text", 128), false).map(|t| shared_text(&t));
        VendorRange { text, low, high, ..VendorRange::default() }
    }
}

fn text_finding(kind: TextKind) -> (FindingCode, &'static str) {
    match kind {
        TextKind::Empty => (FindingCode::ValueNotNumeric, "value is empty; kept as text"),
        TextKind::Masked => (FindingCode::ValueNotNumeric, "value is masked; kept as text"),
        TextKind::Text => (FindingCode::ValueNotNumeric, "value is not a number; kept as text"),
        TextKind::OutOfRange => {
            (FindingCode::ValueNotNumeric, "value is beyond the range or the precision of a 64-bit float; kept as text")
        }
        TextKind::Ambiguous => (
            FindingCode::ValueAmbiguous,
            "value's separators allow two readings (thousands or decimal); send it with a decimal point",
        ),
    }
}
