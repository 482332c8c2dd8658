//! CSV as district offices save it: UTF-8 with or without a BOM, or Windows-1251 (Excel's
//! "CSV" on a Russian Windows), separated by commas, semicolons or tabs, with quoted fields
//! that may hold line breaks. Parsing is the `csv` crate's; this file decides the encoding
//! and the delimiter, and keeps memory bounded.
//!
//! The encoding is decided once for the whole file and can be pinned by a test: a BOM means
//! UTF-8; otherwise a file that is valid UTF-8 from end to end is UTF-8, and any other text is
//! Windows-1251 (every byte decodes, so a wrong guess would show as odd letters, never as a
//! lost row). A NUL byte or many control bytes in the first 64 KiB mean a binary file.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use csv::StringRecord;

use super::{refusal, refusal_with, table, unreadable, Format, Row, Table, MAX_RECORD_BYTES};
use crate::error::{FieldError, Result};

const SAMPLE: usize = 1 << 16;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text encodings a CSV may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1251,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1251 => "windows-1251",
        }
    }
}

pub(super) fn read(file: Box<dyn Read + Send>, total: u64, path: &Path) -> Result<Table> {
    let done = Arc::new(AtomicU64::new(0));
    let mut raw = Counting {
        inner: file,
        done: done.clone(),
    };
    let mut sample = vec![0u8; SAMPLE];
    let got = super::read_up_to(&mut raw, &mut sample)?;
    sample.truncate(got);
    if looks_binary(&sample) {
        return Err(refusal(
            "file_binary",
            "the file is not a spreadsheet or a text file",
        ));
    }
    let bom = sample.starts_with(BOM);
    let encoding = if bom || whole_file_is_utf8(path)? {
        Encoding::Utf8
    } else {
        Encoding::Windows1251
    };
    let start = if bom { BOM.len() } else { 0 };
    let bytes: Box<dyn Read + Send> = Box::new(Cursor::new(sample).chain(raw));
    let mut text: Box<dyn Read + Send> = match encoding {
        Encoding::Utf8 => bytes,
        Encoding::Windows1251 => Box::new(Cp1251::new(bytes)),
    };
    let mut skipped = vec![0u8; start];
    text.read_exact(&mut skipped).map_err(unreadable)?;
    // The delimiter is judged on the first line of the decoded text.
    let mut head = vec![0u8; SAMPLE];
    let got = super::read_up_to(&mut text, &mut head)?;
    head.truncate(got);
    let delimiter = detect_delimiter(&head);
    let text: Box<dyn Read + Send> =
        Box::new(LineEnds::new(Box::new(Cursor::new(head).chain(text))));
    let handed = Arc::new(AtomicU64::new(0));
    let record_start = Arc::new(AtomicU64::new(0));
    let overlong = Arc::new(AtomicBool::new(false));
    let guarded = Guard {
        inner: text,
        handed: handed.clone(),
        record_start: record_start.clone(),
        overlong: overlong.clone(),
    };
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 14)
        .from_reader(guarded);
    let rows = CsvRows {
        reader,
        record: StringRecord::new(),
        record_start,
        overlong,
        finished: false,
    };
    let format = Format::Csv {
        encoding: encoding.label().to_owned(),
        bom,
        delimiter: match delimiter {
            b'\t' => "\t".to_owned(),
            other => (other as char).to_string(),
        },
    };
    table(format, Box::new(rows), done, total)
}

/// A NUL byte, or more than one control byte in a hundred, is not text a person typed.
pub fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 100 > sample.len()
}

/// Whether the whole file is valid UTF-8, read in bounded chunks.
pub fn whole_file_is_utf8(path: &Path) -> Result<bool> {
    let mut file = File::open(path).map_err(unreadable)?;
    let mut buf = vec![0u8; 1 << 20];
    let mut carry = 0usize;
    loop {
        let n = match file.read(&mut buf[carry..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let filled = carry + n;
        if n == 0 {
            return Ok(carry == 0);
        }
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carry = 0,
            // A sequence cut by the chunk's end: carry it over to the next read.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carry = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// The delimiter that splits the first non-blank line most often, outside quotes: semicolon
/// (Excel in Russian), tab, or comma (also the answer for a one-column file).
pub fn detect_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut blank = true;
    for &b in text {
        if !b.is_ascii_whitespace() {
            blank = false;
        }
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted && blank => {}
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Windows-1251 to UTF-8, byte by byte (a single-byte encoding): the table comes from
/// `encoding_rs`, the WHATWG definition browsers use.
struct Cp1251 {
    inner: Box<dyn Read + Send>,
    table: Vec<String>,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
}

impl Cp1251 {
    fn new(inner: Box<dyn Read + Send>) -> Self {
        let table = (0u8..=255)
            .map(|b| {
                encoding_rs::WINDOWS_1251
                    .decode_without_bom_handling(&[b])
                    .0
                    .into_owned()
            })
            .collect();
        Self {
            inner,
            table,
            raw: vec![0; 1 << 15],
            out: Vec::with_capacity(1 << 16),
            at: 0,
        }
    }
}

impl Read for Cp1251 {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.out.len() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                return Ok(0);
            }
            self.out.clear();
            self.at = 0;
            for &b in &self.raw[..n] {
                self.out
                    .extend_from_slice(self.table[b as usize].as_bytes());
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Every line end as one `\n` (`\r\n` and a lone `\r` too), and a `\n` after the last line:
/// then every record ends by consuming one `\n`, and a record's first line is exactly its
/// last line less the line breaks inside its fields.
struct LineEnds {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    after_cr: bool,
    last: u8,
    done: bool,
}

impl LineEnds {
    fn new(inner: Box<dyn Read + Send>) -> Self {
        Self {
            inner,
            buf: vec![0; 1 << 15],
            out: Vec::with_capacity(1 << 15),
            at: 0,
            after_cr: false,
            last: b'\n',
            done: false,
        }
    }
}

impl Read for LineEnds {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.out.clear();
            self.at = 0;
            let n = self.inner.read(&mut self.buf)?;
            if n == 0 {
                self.done = true;
                if self.last != b'\n' {
                    self.out.push(b'\n');
                }
                continue;
            }
            for &b in &self.buf[..n] {
                match b {
                    b'\r' => self.out.push(b'\n'),
                    b'\n' if self.after_cr => {}
                    other => self.out.push(other),
                }
                self.after_cr = b == b'\r';
            }
            if let Some(&last) = self.out.last() {
                self.last = last;
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Counts the file's bytes as they are read, for progress.
struct Counting {
    inner: Box<dyn Read + Send>,
    done: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Refuses to hand the parser more than [`MAX_RECORD_BYTES`] (plus its small buffer) past the
/// start of the record being read, so a 50 MB line is refused instead of buffered.
struct Guard {
    inner: Box<dyn Read + Send>,
    handed: Arc<AtomicU64>,
    record_start: Arc<AtomicU64>,
    overlong: Arc<AtomicBool>,
}

impl Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let handed = self.handed.load(Ordering::Relaxed);
        let start = self.record_start.load(Ordering::Relaxed);
        if handed.saturating_sub(start) > MAX_RECORD_BYTES + (1 << 16) {
            self.overlong.store(true, Ordering::Relaxed);
            return Err(io::Error::other("record too long"));
        }
        let n = self.inner.read(buf)?;
        self.handed.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct CsvRows {
    reader: csv::Reader<Guard>,
    record: StringRecord,
    record_start: Arc<AtomicU64>,
    overlong: Arc<AtomicBool>,
    finished: bool,
}

impl Iterator for CsvRows {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        if self.finished {
            return None;
        }
        let line = self.reader.position().line();
        let result = self.reader.read_record(&mut self.record);
        self.record_start
            .store(self.reader.position().byte(), Ordering::Relaxed);
        match result {
            Ok(false) => {
                self.finished = true;
                None
            }
            Ok(true) => {
                // The record has consumed its closing `\n` (see `LineEnds`).
                let breaks: usize = self.record.iter().map(|f| f.matches('\n').count()).sum();
                let number = self
                    .reader
                    .position()
                    .line()
                    .saturating_sub(1 + breaks as u64)
                    .max(1);
                let bytes = self.record.as_slice().len() as u64;
                if bytes > MAX_RECORD_BYTES {
                    self.finished = true;
                    return Some(Err(too_long(number)));
                }
                Some(Ok(Row {
                    number,
                    cells: self.record.iter().map(str::to_owned).collect(),
                }))
            }
            Err(e) => {
                self.finished = true;
                if self.overlong.load(Ordering::Relaxed) {
                    return Some(Err(too_long(line)));
                }
                tracing::warn!(error = %e, line, "CSV row unreadable");
                Some(Err(refusal_with(
                    FieldError::new("file", "row_unreadable").with("row", line),
                    &format!("row {line} cannot be read"),
                )))
            }
        }
    }
}

fn too_long(row: u64) -> crate::Error {
    refusal_with(
        FieldError::new("file", "row_too_long")
            .with("row", row)
            .with("max", MAX_RECORD_BYTES),
        &format!("row {row} is longer than {MAX_RECORD_BYTES} bytes"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_delimiter_of_the_first_line() {
        assert_eq!(
            detect_delimiter(b"a;b;c\n1,2;3"),
            b';',
            "semicolons split line one"
        );
        assert_eq!(detect_delimiter(b"a\tb\tc\n"), b'\t', "tabs");
        assert_eq!(
            detect_delimiter(b"\"x;y\",b,c\n"),
            b',',
            "quoted ; does not count"
        );
        assert_eq!(detect_delimiter(b"single\n"), b',', "one column: comma");
    }

    #[test]
    fn knows_binary_from_text() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"), "NUL bytes");
        assert!(!looks_binary("ИИН;Фамилия\r\n".as_bytes()), "Cyrillic text");
        assert!(
            !looks_binary(b"\xc8\xc8\xcd;\xd4\xe0\xec"),
            "Windows-1251 text"
        );
    }
}
