//! The `Workspace` class: several files by path, so a file is checked with
//! its package's sibling files and the Go version of the nearest `go.mod`.

use crate::{convert, js};
use faultline_core::{TextRange, Workspace};
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Workspace)]
pub struct JsWorkspace {
    inner: Workspace,
    /// Paths whose text tree-sitter refused (never seen in practice): they
    /// check to no findings rather than vanish.
    unparsed: BTreeSet<String>,
}

#[wasm_bindgen(js_class = Workspace)]
impl JsWorkspace {
    /// Throws `OptionsError` for invalid options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<js::WorkspaceOptions>) -> Result<JsWorkspace, JsValue> {
        let settings = workspace_settings(options)?;
        Ok(Self { inner: Workspace::new(settings), unparsed: BTreeSet::new() })
    }

    /// Replaces the options of every later check. Throws `OptionsError`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: Option<js::WorkspaceOptions>) -> Result<(), JsValue> {
        self.inner.set_settings(workspace_settings(options)?);
        Ok(())
    }

    /// Adds or replaces a file. `go.mod` and `go.work` set the Go version of
    /// their directory tree; any other path is read as Go source.
    #[wasm_bindgen(js_name = setFile)]
    pub fn set_file(&mut self, path: &str, text: String) {
        match self.inner.set_file(path, text) {
            Ok(()) => self.unparsed.remove(path),
            Err(_) => {
                self.inner.remove_file(path);
                self.unparsed.insert(path.to_string())
            }
        };
    }

    /// Replaces `text.slice(start, end)` (UTF-16 offsets) of an open Go file
    /// with `newText`, reparsing incrementally. Returns false when the
    /// workspace does not hold the file. Offsets are clamped to the text.
    #[wasm_bindgen(js_name = editFile)]
    pub fn edit_file(
        &mut self,
        path: &str,
        start: u32,
        end: u32,
        #[wasm_bindgen(js_name = newText)] new_text: &str,
    ) -> bool {
        let Some(file) = self.inner.file(path) else { return false };
        let (start, end) = (start.min(end), end.max(start));
        let range = TextRange::new(byte_offset(&file.text, start), byte_offset(&file.text, end));
        match self.inner.edit_file(path, range, new_text) {
            Ok(found) => found,
            Err(_) => {
                self.inner.remove_file(path);
                self.unparsed.insert(path.to_string());
                true
            }
        }
    }

    #[wasm_bindgen(js_name = removeFile)]
    pub fn remove_file(&mut self, path: &str) {
        self.inner.remove_file(path);
        self.unparsed.remove(path);
    }

    /// The file's text as the workspace holds it (`undefined` when absent).
    /// Lone surrogates read as U+FFFD, which keeps every UTF-16 offset.
    #[wasm_bindgen(js_name = getFile)]
    pub fn get_file(&self, path: &str) -> Option<String> {
        self.inner.file(path).map(|f| f.text.clone())
    }

    /// Paths of the Go files held, sorted.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn paths(&self) -> Vec<String> {
        self.inner.paths().map(str::to_string).collect()
    }

    /// Diagnostics for one file; `undefined` when the workspace does not hold it.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[] | undefined")]
    pub fn check(&self, path: &str) -> JsValue {
        if self.unparsed.contains(path) {
            return js::to_js::<[convert::JsDiagnostic]>(&[]);
        }
        match (self.inner.check(path), self.inner.file(path)) {
            (Some(found), Some(file)) => js::to_js(&convert::diagnostics(&file.text, found)),
            _ => JsValue::UNDEFINED,
        }
    }
}

fn workspace_settings(options: Option<js::WorkspaceOptions>) -> Result<faultline_core::Settings, JsValue> {
    let options = js::options(options.map(JsValue::from))?;
    if options.path.is_some() {
        return Err(js::options_error(crate::options::OptionsProblem::new(
            "path",
            "`path` is an option of check(source, options), not of a Workspace: name files in setFile".to_string(),
        )));
    }
    Ok(options.settings)
}

/// The byte offset of UTF-16 offset `units` (clamped; inside a surrogate pair
/// snaps to the character's start).
fn byte_offset(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, ch) in text.char_indices() {
        let next = seen + ch.len_utf16() as u32;
        if units < next {
            return i;
        }
        seen = next;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::byte_offset;

    #[test]
    fn utf16_to_bytes() {
        let text = "a😀日b";
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 1), 1);
        assert_eq!(byte_offset(text, 2), 1); // inside the pair
        assert_eq!(byte_offset(text, 3), 5);
        assert_eq!(byte_offset(text, 4), 8);
        assert_eq!(byte_offset(text, 99), text.len());
    }
}
