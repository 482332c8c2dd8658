//! Reading a bulk transfer sheet (CSV, XLSX or XLS, through the shared reader in
//! [`crate::sheets`]) into rows of IIN -> unit (and optional position). Columns are found by
//! their header in Kazakh, Russian or English; `iin` and `unit` must be there.

use std::path::Path;

use super::bulk::BulkRow;
use crate::clock::new_id;
use crate::error::{Error, FieldError, Result};
use crate::sheets::{self, Field, HeaderMatcher};

const FIELDS: &[Field] = &[
    Field {
        key: "iin",
        aliases: &["ЖСН", "ИИН", "IIN", "ИИН добровольца"],
    },
    Field {
        key: "unit",
        aliases: &["Бөлім", "Подразделение", "Unit", "unit_id", "Часть"],
    },
    Field {
        key: "position",
        aliases: &["Лауазым", "Должность", "Position"],
    },
];

/// A bulk transfer of more rows than this is refused: a region's whole brigade is a few
/// thousand people.
pub const MAX_BULK_ROWS: usize = 50_000;
/// Largest file the desktop app sends.
pub const MAX_BULK_BYTES: usize = 20 << 20;

/// The rows of a bulk transfer sheet.
pub fn read_bulk_rows(path: &Path) -> Result<Vec<BulkRow>> {
    let mut table = sheets::open(path)?;
    let matcher = HeaderMatcher::new(FIELDS);
    let columns = matcher.require(&table.header)?;
    let column = |key: &str| columns.iter().position(|c| *c == Some(key));
    let mut missing = Vec::new();
    for key in ["iin", "unit"] {
        if column(key).is_none() {
            missing.push(FieldError::new("file", "missing_column").with("column", key));
        }
    }
    let (Some(iin), Some(unit)) = (column("iin"), column("unit")) else {
        return Err(Error::invalid(missing));
    };
    let position = column("position");
    let mut rows = Vec::new();
    for row in table.by_ref() {
        let row = row?;
        if rows.len() == MAX_BULK_ROWS {
            return Err(Error::field("file", "too_many").with("max", MAX_BULK_ROWS));
        }
        rows.push(BulkRow {
            row: u32::try_from(row.number).unwrap_or(u32::MAX),
            iin: row.cell(iin).trim().to_owned(),
            unit: row.cell(unit).trim().to_owned(),
            position: position
                .map(|c| row.cell(c).trim().to_owned())
                .filter(|p| !p.is_empty()),
        });
    }
    Ok(rows)
}

/// The rows of a sheet sent as bytes (the desktop app's file input): written to a private
/// temporary file for the reader, removed afterwards whatever happens.
pub fn read_bulk_bytes(content: &[u8], now: chrono::DateTime<chrono::Utc>) -> Result<Vec<BulkRow>> {
    if content.len() > MAX_BULK_BYTES {
        return Err(Error::field("file", "too_large").with("max", MAX_BULK_BYTES));
    }
    let path = std::env::temp_dir().join(format!("jasaq-bulk-{}.sheet", new_id(now)));
    write_private(&path, content)
        .map_err(|e| Error::internal(format!("bulk temp file {}: {e}", path.display())))?;
    let rows = read_bulk_rows(&path);
    if let Err(e) = std::fs::remove_file(&path) {
        tracing::warn!(path = %path.display(), %e, "could not remove a bulk transfer temp file");
    }
    rows
}

/// Writes a new file only its owner can read (the sheet holds IINs).
pub(crate) fn write_private(path: &Path, content: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(content)
}
