//! Splitting HL7 v2 text into messages, segments and fields, without copying.
//!
//! Segments end at CR (the standard's terminator), LF or CRLF (a lone LF in a text using CR only before a segment,
//! see `lines.rs`); MLLP framing bytes (VT, FS) and blank lines are
//! skipped, so files written on any system and captures of MLLP streams read alike. A message starts at each
//! `MSH`; `FHS`, `BHS`, `BTS` and `FTS` form the batch envelope around messages. A segment is kept as its line
//! (its fields counted once); a field is found when asked for, by one SIMD scan of the line, and components and
//! repetitions are split only when asked for. Keeping one span per segment rather than one per field is what keeps
//! a message of hundreds of thousands of OBX within a small multiple of its size.

use super::delimiters::{DelimiterProblem, Delimiters};
use super::field::Field;
use super::lines::Lines;
use crate::{Hl7Location, SegmentId};

/// At most this many fields are kept per segment; no segment of the standard has more than about 50.
pub(crate) const MAX_FIELDS: usize = 256;

/// A whole HL7 v2 input: its messages and, for a batch, its envelope.
#[derive(Debug, Default)]
pub struct Document<'a> {
    /// The messages, in order.
    pub(crate) messages: Vec<Message<'a>>,
    /// FHS, BHS, BTS and FTS segments, in order.
    pub(crate) envelope: Message<'a>,
    /// Lines outside any message that are not envelope segments: (1-based line among the input's segments).
    pub(crate) stray: Vec<u32>,
    /// For each envelope segment, how many messages came before it.
    pub(crate) messages_before: Vec<usize>,
}

/// One message: the segments from an `MSH` to the next `MSH` (or batch trailer).
#[derive(Debug, Default)]
pub struct Message<'a> {
    pub(crate) delimiters: Delimiters,
    /// Why the header's delimiters could not be used (the message is then unreadable).
    pub(crate) delimiter_problem: Option<DelimiterProblem>,
    /// MSH-2 declared fewer than the four usual encoding characters.
    pub(crate) short_encoding: bool,
    pub(crate) segments: Vec<SegmentSpan<'a>>,
    /// How many segments of each identifier so far.
    counts: crate::hash::FastMap<SegmentId, u32>,
}

/// One segment: its line, and how many fields it has.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SegmentSpan<'a> {
    pub(crate) id: Option<SegmentId>,
    /// 1-based occurrence among the segments with the same identifier (or, without one, position in the message).
    pub(crate) sequence: u32,
    line: &'a str,
    /// How many fields are kept (the identifier counted, at most [`MAX_FIELDS`]); 0 when the delimiters are unusable.
    count: u16,
    /// The field separator the line was counted with.
    separator: u8,
    /// A header segment (MSH, FHS, BHS), whose field 1 is the field separator itself.
    header: bool,
    /// The segment had more than [`MAX_FIELDS`] fields.
    pub(crate) truncated: bool,
}

impl<'a> SegmentSpan<'a> {
    /// Field `n`, numbered as the standard does (below `count`).
    fn field(&self, n: usize) -> &'a str {
        match (self.header, n) {
            (true, 1) => self.line.get(3..4).unwrap_or_default(),
            (true, n) if n > 1 => piece(self.line, self.separator, n - 1),
            _ => piece(self.line, self.separator, n),
        }
    }
}

/// The `index`-th (0-based) piece of a line split at a separator byte (empty when there are fewer).
fn piece(line: &str, separator: u8, index: usize) -> &str {
    let bytes = line.as_bytes();
    let start = match index.checked_sub(1) {
        None => 0,
        Some(before) => match memchr::memchr_iter(separator, bytes).nth(before) {
            Some(at) => at + 1,
            None => return "",
        },
    };
    let end = bytes.get(start..).and_then(|rest| memchr::memchr(separator, rest)).map_or(line.len(), |at| start + at);
    line.get(start..end).unwrap_or_default()
}

/// A segment of a message, borrowed from it.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'m, 'a> {
    message: &'m Message<'a>,
    span: SegmentSpan<'a>,
}

impl<'a> Document<'a> {
    /// Splits text into messages and segments.
    ///
    /// ```
    /// use labcore::hl7::Document;
    /// let doc = Document::parse("MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|42|P|2.5.1\nPID|1||MRN1\r\nOBX|1|NM|2345-7^Glucose^LN||100|mg/dL\r");
    /// let message = &doc.messages()[0];
    /// let obx = message.first("OBX").unwrap();
    /// assert_eq!(obx.field(5).as_str(), "100");
    /// assert_eq!(message.segments().next().unwrap().field(10).as_str(), "42");
    /// ```
    pub fn parse(text: &'a str) -> Document<'a> {
        let mut document = Document::default();
        let mut current: Option<Message<'a>> = None;
        let lines = Lines::new(text).filter(|l| l.bytes().any(|b| !b.is_ascii_whitespace()));
        for (number, line) in lines.enumerate() {
            let number = u32::try_from(number + 1).unwrap_or(u32::MAX);
            match line.get(..3) {
                Some("MSH") => {
                    document.messages.extend(current.take());
                    current = Some(Message::starting(line));
                }
                Some("FHS" | "BHS") => {
                    document.messages.extend(current.take());
                    document.messages_before.push(document.messages.len());
                    document.envelope.restart_with(line);
                }
                Some("BTS" | "FTS") => {
                    document.messages.extend(current.take());
                    document.messages_before.push(document.messages.len());
                    document.envelope.push(line);
                }
                _ => match current.as_mut() {
                    Some(message) => message.push(line),
                    None => document.stray.push(number),
                },
            }
        }
        document.messages.extend(current);
        document
    }

    /// The messages, in order.
    pub fn messages(&self) -> &[Message<'a>] {
        &self.messages
    }

    /// The batch envelope's segments (FHS, BHS, BTS, FTS), in order.
    pub fn envelope(&self) -> &Message<'a> {
        &self.envelope
    }
}

impl<'a> Message<'a> {
    /// Segments found outside any message (pasted into a ticket, a log line), read with an `MSH` line's own
    /// delimiters or else the standard ones.
    pub(crate) fn loose(lines: impl IntoIterator<Item = &'a str>) -> Message<'a> {
        let mut message = Message::default();
        for line in lines {
            if line.starts_with("MSH") { message.restart_with(line) } else { message.push(line) }
        }
        message
    }

    fn starting(header: &'a str) -> Message<'a> {
        let mut message = Message::default();
        message.restart_with(header);
        message
    }

    /// Takes a header segment's delimiters and adds the segment.
    fn restart_with(&mut self, header: &'a str) {
        match Delimiters::read(header) {
            Ok((delimiters, short)) => {
                self.delimiters = delimiters;
                self.short_encoding = short;
                self.delimiter_problem = None;
            }
            Err(problem) => self.delimiter_problem = Some(problem),
        }
        self.push(header);
    }

    /// Adds one segment line, counting its fields.
    fn push(&mut self, line: &'a str) {
        let separator = self.delimiters.field;
        let id =
            SegmentId::read(line).filter(|_| line.get(3..).is_some_and(|r| r.is_empty() || r.starts_with(separator)));
        let sequence = match id {
            Some(id) => {
                let count = self.counts.entry(id).or_insert(0);
                *count = count.saturating_add(1);
                *count as usize
            }
            None => self.segments.len() + 1,
        };
        let header = matches!(id.as_ref().map(SegmentId::as_str), Some("MSH" | "FHS" | "BHS"));
        // Delimiters are ASCII (checked when read), so splitting at their bytes keeps UTF-8 intact.
        let separator = u8::try_from(separator).unwrap_or(b'|');
        // One SIMD pass over the line counts its fields (up to one more than are kept).
        let fields = if self.delimiter_problem.is_some() {
            0
        } else {
            let pieces = memchr::memchr_iter(separator, line.as_bytes()).take(MAX_FIELDS).count() + 1;
            pieces + usize::from(header)
        };
        self.segments.push(SegmentSpan {
            id,
            sequence: u32::try_from(sequence).unwrap_or(u32::MAX),
            line,
            count: u16::try_from(fields.min(MAX_FIELDS)).unwrap_or(u16::MAX),
            separator,
            header,
            truncated: fields > MAX_FIELDS,
        });
    }

    /// The delimiters the message declared (or the defaults when it declared unusable ones).
    pub fn delimiters(&self) -> &Delimiters {
        &self.delimiters
    }

    /// Whether the header declared delimiters that can be used.
    pub fn is_readable(&self) -> bool {
        self.delimiter_problem.is_none()
    }

    /// The segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_, 'a>> + '_ {
        self.segments.iter().map(move |span| Segment { message: self, span: *span })
    }

    /// The segment at this position in the message.
    pub fn segment(&self, index: usize) -> Option<Segment<'_, 'a>> {
        self.segments.get(index).map(|span| Segment { message: self, span: *span })
    }

    /// The first segment with this identifier.
    pub fn first(&self, id: &str) -> Option<Segment<'_, 'a>> {
        self.segments().find(|s| s.is(id))
    }

    /// How many segments the message has.
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// Whether the message has no segment.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

/// The first position of a byte: a plain loop for the short components and values of HL7 (where the SIMD
/// search's set-up costs more than it saves), `memchr` for longer text.
pub(crate) fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    if haystack.len() < 32 { haystack.iter().position(|b| *b == needle) } else { memchr::memchr(needle, haystack) }
}

/// Splits text at one ASCII byte (faster than `str::split` for the short fields of HL7).
pub(crate) struct SplitByte<'a> {
    pub(crate) rest: Option<&'a str>,
    pub(crate) separator: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match find_byte(self.separator, rest.as_bytes()) {
            Some(at) => {
                self.rest = rest.get(at + 1..);
                rest.get(..at)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

impl<'m, 'a> Segment<'m, 'a> {
    /// The segment identifier, when it has a valid one.
    pub fn id(&self) -> Option<SegmentId> {
        self.span.id
    }

    /// Whether the segment has this identifier (`"OBX"`).
    pub fn is(&self, id: &str) -> bool {
        self.span.id.is_some_and(|own| own.as_str() == id)
    }

    /// Where the segment is (`OBX[3]`).
    pub fn location(&self) -> Hl7Location {
        match self.span.id {
            Some(id) => Hl7Location::of(id, self.span.sequence),
            None => Hl7Location::line(self.span.sequence),
        }
    }

    /// Field `n` (1-based, as the standard numbers them; 0 is the identifier). Absent fields are empty.
    pub fn field(&self, n: usize) -> Field<'a> {
        let raw = if n < usize::from(self.span.count) { self.span.field(n) } else { "" };
        Field::new(raw, self.message.delimiters)
    }

    /// How many fields the segment has (the identifier not counted).
    pub fn field_count(&self) -> usize {
        usize::from(self.span.count).saturating_sub(1)
    }

    /// Whether the segment had more fields than labcore keeps.
    pub fn is_truncated(&self) -> bool {
        self.span.truncated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_inside_a_field_is_no_segment_when_the_text_uses_cr() {
        let text = "MSH|^~\\&|A\rSPM|1|||^871810001^\nSCT||||x\rPID|1\nOBR|1\r\nOBX|1";
        let doc = Document::parse(text);
        let ids: Vec<_> = doc.messages()[0].segments().map(|s| s.id().map(|i| i.as_str().to_owned())).collect();
        let ids: Vec<_> = ids.into_iter().flatten().collect();
        assert_eq!(ids, ["MSH", "SPM", "PID", "OBR", "OBX"], "a lone LF before a segment still ends one");
        let spm = doc.messages()[0].first("SPM").map(|s| s.field(4).as_str().to_owned());
        assert_eq!(spm.as_deref(), Some("^871810001^\nSCT"));
        let lf_only = Document::parse("MSH|^~\\&|A\nSPM|1|||^871810001^\nSCT||||x");
        assert_eq!(lf_only.messages()[0].segments().count(), 3, "without CR every LF ends a segment");
    }

    #[test]
    fn terminators_framing_and_batches() {
        let text =
            "\u{0B}FHS|^~\\&|A\rBHS|^~\\&|A\rMSH|^~\\&|A|B\r\nPID|1\n\nOBX|1\rOBX|2\u{1C}\rMSH|^~\\&|C\rBTS|1\rFTS|1";
        let doc = Document::parse(text);
        assert_eq!(doc.messages().len(), 2);
        let first = &doc.messages()[0];
        let ids: Vec<_> = first.segments().map(|s| s.id().map(|i| i.as_str().to_owned()).unwrap_or_default()).collect();
        assert_eq!(ids, ["MSH", "PID", "OBX", "OBX"]);
        assert_eq!(first.segments().nth(3).map(|s| s.location().to_string()), Some("OBX[2]".into()));
        assert_eq!(doc.envelope().len(), 4);
        assert!(doc.stray.is_empty());
    }

    #[test]
    fn header_fields_are_numbered_as_the_standard_does() {
        let doc = Document::parse("MSH|^~\\&|LIS|LAB|EHR|HOSP|20261124||ORU^R01|CTRL1|P|2.5.1");
        let msh = doc.messages()[0].first("MSH").unwrap();
        assert_eq!((msh.field(1).as_str(), msh.field(2).as_str(), msh.field(3).as_str()), ("|", "^~\\&", "LIS"));
        assert_eq!((msh.field(10).as_str(), msh.field(12).as_str(), msh.field(40).as_str()), ("CTRL1", "2.5.1", ""));
    }

    #[test]
    fn other_delimiters_invalid_ids_and_stray_lines() {
        let doc = Document::parse("garbage\rMSH#@!*%#A#B\rOBX#1#NM#x@y\robx|lower\rOBXX#1");
        assert_eq!(doc.stray, [1]);
        let message = &doc.messages()[0];
        let obx = message.first("OBX").unwrap();
        assert_eq!(obx.field(3).as_str(), "x@y");
        assert_eq!(message.segments().filter(|s| s.id().is_none()).count(), 2);
        let unusable = Document::parse("MSH|^^\\&|A\rPID|1");
        assert!(!unusable.messages()[0].is_readable());
    }

    #[test]
    fn many_fields_are_capped() {
        let line = format!("OBX{}", "|x".repeat(10_000));
        let text = format!("MSH|^~\\&|A\r{line}");
        let doc = Document::parse(&text);
        let obx = doc.messages()[0].first("OBX").unwrap();
        assert!(obx.is_truncated());
        assert_eq!(obx.field_count(), MAX_FIELDS - 1);
    }
}
