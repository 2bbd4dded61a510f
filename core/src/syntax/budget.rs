//! An optional parse budget per thread. tree-sitter's error recovery is
//! superlinear on binary junk (about 36 s for 1 MB), so an editor must be able
//! to stop a parse. The core has no clock (it also runs as wasm), so the edge
//! that has one (the language server) installs a `should_stop` check with
//! [`with_parse_budget`]; tree-sitter consults it every few hundred parse steps
//! (every ~100 bytes of input) and gives up when it says so. The parse then
//! fails with a "cut short" [`crate::ParseError`].

use std::cell::{Cell, RefCell};

type ShouldStop = Box<dyn FnMut() -> bool>;

thread_local! {
    static BUDGET: RefCell<Option<ShouldStop>> = const { RefCell::new(None) };
    static CUT_SHORT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; every parse it makes on this thread stops as soon as
/// `should_stop` returns true. Budgets nest (the inner one wins) and are
/// removed when `f` returns or unwinds.
pub fn with_parse_budget<R>(should_stop: impl FnMut() -> bool + 'static, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<ShouldStop>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            BUDGET.with(|b| {
                if let Ok(mut slot) = b.try_borrow_mut() {
                    *slot = previous;
                }
            });
        }
    }
    let previous = BUDGET.with(|b| b.try_borrow_mut().ok().and_then(|mut slot| slot.replace(Box::new(should_stop))));
    let _restore = Restore(previous);
    f()
}

/// Asked by the parser's progress callback.
pub(crate) fn should_stop() -> bool {
    BUDGET.with(|b| match b.try_borrow_mut() {
        Ok(mut slot) => slot.as_mut().is_some_and(|check| check()),
        Err(_) => false,
    })
}

pub(crate) fn set_cut_short(cut: bool) {
    CUT_SHORT.with(|c| c.set(cut));
}

/// Whether the last parse on this thread was stopped by its budget.
pub fn parse_was_cut_short() -> bool {
    CUT_SHORT.with(Cell::get)
}

/// Why the last parse of `path` on this thread produced no tree.
pub fn parse_failure_message(path: &str) -> String {
    match parse_was_cut_short() {
        true => format!(
            "{path}: analysis cut short: parsing took longer than its time budget (binary data or a generated file?)"
        ),
        false => format!("{path}: tree-sitter could not run"),
    }
}
