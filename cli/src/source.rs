//! Reading Go source from disk or stdin: the size cap, and what to do with
//! bytes that are not UTF-8.
//!
//! Go source must be UTF-8, yet files with stray Latin-1 bytes exist (mostly
//! in testdata). Refusing them would hide findings and fail whole CI runs for
//! a file the user cannot change, so each invalid byte is read as `?`: one
//! byte for one byte, which keeps every offset, line and byte column exact for
//! the real file. A warning on stderr says so; the exit code is unaffected.

use crate::problems::Problems;
use std::io::Read;
use std::path::Path;

/// The text of a Go file, or `None` after a message explaining why not.
/// `quiet` suppresses messages (for files read only as package context).
pub fn read_go_file(path: &Path, shown: &str, max_size: u64, problems: &Problems, quiet: bool) -> Option<String> {
    match read_capped(path, max_size) {
        Ok(Ok(bytes)) => Some(decode(bytes, shown, problems, quiet)),
        Ok(Err(size)) => {
            if !quiet {
                problems.note(format!("{shown}: skipped: {size} bytes is over --max-file-size ({max_size})"));
            }
            None
        }
        Err(e) => {
            if !quiet {
                problems.error(format!("{shown}: cannot read: {}", io_message(&e)));
            }
            None
        }
    }
}

/// The file's bytes, or `Err(size)` when it is over `max_size`. The size
/// comes from the open file, not its path: one lookup of the path per file.
fn read_capped(path: &Path, max_size: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max_size {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}

/// Reads all of stdin under the same rules as a file.
pub fn read_stdin(shown: &str, max_size: u64, problems: &Problems) -> Option<String> {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        problems.error(format!("{shown}: cannot read stdin: {}", io_message(&e)));
        return None;
    }
    if bytes.len() as u64 > max_size {
        problems.note(format!("{shown}: skipped: {} bytes is over --max-file-size ({max_size})", bytes.len()));
        return None;
    }
    Some(decode(bytes, shown, problems, false))
}

fn decode(bytes: Vec<u8>, shown: &str, problems: &Problems, quiet: bool) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.into_bytes();
            let (text, first_bad) = replace_invalid_bytes(&bytes);
            if !quiet {
                let (line, column) = line_col(&bytes, first_bad);
                problems.warning(format!(
                    "{shown}:{line}:{column}: not valid UTF-8; checked with each invalid byte read as `?` \
                     (positions are unchanged)"
                ));
            }
            text
        }
    }
}

/// Replaces every byte that is not part of a valid UTF-8 sequence with `?`,
/// returning the text and the offset of the first replaced byte.
pub fn replace_invalid_bytes(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut first_bad = None;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // The prefix was just validated, so this never fails.
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                first_bad.get_or_insert(bytes.len() - rest.len() + good);
                out.extend(std::iter::repeat_n('?', bad));
                rest = &rest[good + bad..];
            }
        }
    }
    (out, first_bad.unwrap_or(0))
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// The OS message without Rust's " (os error N)" suffix.
pub fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_keep_offsets() {
        let bytes = b"a\n// caf\xe9 \xff\xfe x\n\xe6\x97\xa5";
        let (text, first) = replace_invalid_bytes(bytes);
        assert_eq!(text.len(), bytes.len());
        assert_eq!(text, "a\n// caf? ?? x\n\u{65e5}");
        assert_eq!(first, 8);
        assert_eq!(line_col(bytes, first), (2, 7));
        // A truncated multi-byte sequence at the end.
        let (text, _) = replace_invalid_bytes(b"ok\xe6\x97");
        assert_eq!(text, "ok??");
    }
}
