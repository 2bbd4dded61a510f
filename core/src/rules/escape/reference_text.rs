//! What the source text around an identifier shows about the expression it
//! stands in, read without descending the tree to it: a descent from the
//! enclosing function costs thousands of instructions, and ESC006 asked for
//! one per reference of every pointer parameter, most of them `p.f`,
//! `p != nil` or `f(p)`. Each answer is sure or says "ask the tree"; none
//! guesses (comments and line breaks where they could hide a token give up).

/// The token that follows an identifier, as far as it tells its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextToken {
    /// `.name` right after it: the identifier is the operand of a selector
    /// (a selector binds tighter than any operator: `*p.f` is `*(p.f)`).
    Selector,
    /// `==` or `!=`: the identifier ends the left operand of a comparison, so
    /// its parent is that comparison or an operator expression inside it
    /// (`*p == x`, `a + p != b`); it is not a whole value anywhere else.
    Comparison,
    /// Anything else: ask the tree.
    Other,
}

/// The token after the identifier ending at byte `end` of `source`.
pub fn next_token(source: &str, end: usize) -> NextToken {
    let Some(after) = source.as_bytes().get(end..) else { return NextToken::Other };
    if let [b'.', first, ..] = after {
        return match is_ident_start(*first) {
            true => NextToken::Selector,
            false => NextToken::Other,
        };
    }
    match skip_blanks(after) {
        [b'=' | b'!', b'=', ..] => NextToken::Comparison,
        _ => NextToken::Other,
    }
}

/// Could the identifier starting at byte `start` be the first token of a
/// value in a `return` statement (`return p.f`, `return a, (p).f`)? `false`
/// when the token before it (parentheses skipped) is neither `return` nor a
/// comma. Line breaks are crossed only when the line above holds no `//`
/// (a line comment would hide its last token); a `/` before it may end a
/// block comment: `true`.
pub fn may_start_returned_value(source: &str, start: usize) -> bool {
    let Some(before) = source.as_bytes().get(..start) else { return true };
    let mut end = before.len();
    while end > 0 {
        match before[end - 1] {
            b' ' | b'\t' | b'\r' | b'(' => end -= 1,
            b'\n' => {
                end -= 1;
                let line_start = before[..end].iter().rposition(|b| *b == b'\n').map_or(0, |at| at + 1);
                if before[line_start..end].windows(2).any(|w| w == b"//") {
                    return true;
                }
            }
            b',' | b'/' => return true,
            _ => return ends_with_keyword(&before[..end], b"return"),
        }
    }
    false
}

/// The name of the function called when the identifier at `start..end` is
/// the whole first argument of a call written `name(p)` or `name(p, ...)`
/// (`name` possibly selected: `fmt.Println(p)`); `None` when the text does
/// not show that.
pub fn first_argument_of(source: &str, start: usize, end: usize) -> Option<&str> {
    let bytes = source.as_bytes();
    if !matches!(skip_blanks(bytes.get(end..)?), [b',' | b')', ..]) {
        return None;
    }
    let before = bytes.get(..start)?;
    let open = before.iter().rposition(|b| !matches!(b, b' ' | b'\t'))?;
    if before[open] != b'(' {
        return None;
    }
    let name = trailing_name(source.get(..open)?);
    let name_start = open - name.len();
    let first = *name.as_bytes().first()?;
    // Not `return (p)`, `if (p)`, ...; a byte above ASCII may continue the name.
    if !is_ident_start(first) || is_keyword(name) || before[..name_start].last().is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    Some(name)
}

/// Is the token before byte `start` (on the same line) a `:=`?
pub fn follows_define(source: &str, start: usize) -> bool {
    let Some(before) = source.as_bytes().get(..start) else { return false };
    let end = before.iter().rposition(|b| !matches!(b, b' ' | b'\t')).map_or(0, |at| at + 1);
    before[..end].ends_with(b":=")
}

/// The name `text` ends with: its tail of ASCII letters, digits and
/// underscores (empty when none).
pub fn trailing_name(text: &str) -> &str {
    let start = text.bytes().rposition(|b| !is_ident_byte(b)).map_or(0, |at| at + 1);
    text.get(start..).unwrap_or("")
}

fn skip_blanks(bytes: &[u8]) -> &[u8] {
    let at = bytes.iter().position(|b| !matches!(b, b' ' | b'\t')).unwrap_or(bytes.len());
    &bytes[at..]
}

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || !byte.is_ascii()
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Does `text` end with the whole word `keyword`?
fn ends_with_keyword(text: &[u8], keyword: &[u8]) -> bool {
    text.ends_with(keyword)
        && text[..text.len() - keyword.len()].last().is_none_or(|b| !is_ident_byte(*b) && b.is_ascii())
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "break"
            | "case"
            | "chan"
            | "const"
            | "continue"
            | "default"
            | "defer"
            | "else"
            | "fallthrough"
            | "for"
            | "func"
            | "go"
            | "goto"
            | "if"
            | "import"
            | "interface"
            | "map"
            | "package"
            | "range"
            | "return"
            | "select"
            | "struct"
            | "switch"
            | "type"
            | "var"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answers for the identifier `q` in `source` (its first occurrence).
    fn at_q(source: &str) -> (NextToken, bool, Option<&str>) {
        let start = source.find('q').unwrap();
        (
            next_token(source, start + 1),
            may_start_returned_value(source, start),
            first_argument_of(source, start, start + 1),
        )
    }

    #[test]
    fn reads_the_token_after_the_identifier() {
        assert_eq!(at_q("q.f").0, NextToken::Selector);
        assert_eq!(at_q("q._f").0, NextToken::Selector);
        assert_eq!(at_q("q.é").0, NextToken::Selector);
        assert_eq!(at_q("q.(T)").0, NextToken::Other);
        assert_eq!(at_q("q...").0, NextToken::Other);
        assert_eq!(at_q("q .f").0, NextToken::Other);
        assert_eq!(at_q("q == nil").0, NextToken::Comparison);
        assert_eq!(at_q("q\t!= nil").0, NextToken::Comparison);
        assert_eq!(at_q("q = r").0, NextToken::Other);
        assert_eq!(at_q("q /* c */ == nil").0, NextToken::Other);
        assert_eq!(at_q("q\n== nil").0, NextToken::Other);
        assert_eq!(at_q("q").0, NextToken::Other);
        assert_eq!(next_token("q", 5), NextToken::Other);
    }

    #[test]
    fn finds_what_may_start_a_returned_value() {
        assert!(at_q("return q.f").1);
        assert!(at_q("return (\n\t(q).f)").1);
        assert!(at_q("return a, q.f").1);
        assert!(at_q("return a,\n\t\tq.f").1);
        assert!(at_q("return a, // c\n\t\tq.f").1);
        assert!(at_q("return /* c */ q.f").1);
        assert!(!at_q("q.f").1);
        assert!(!at_q("x = q.f").1);
        assert!(!at_q("f(q.f)").1);
        assert!(!at_q("go q.f()").1);
        assert!(!at_q("xreturn q.f").1);
        assert!(!at_q("x := 1\n\tq.f()").1);
        assert!(at_q("x := 1 // c\n\tq.f()").1);
        assert!(!at_q("éreturn q.f").1);
    }

    #[test]
    fn finds_a_define_before() {
        assert!(follows_define("x := q", 5));
        assert!(follows_define("x :=\tq", 5));
        assert!(!follows_define("x = q", 4));
        assert!(!follows_define("x :=\n\tq", 6));
        assert!(!follows_define("q", 0));
        assert!(!follows_define("q", 9));
    }

    #[test]
    fn finds_the_callee_of_a_first_argument() {
        assert_eq!(at_q("f(q)").2, Some("f"));
        assert_eq!(at_q("x.Println( q , 1)").2, Some("Println"));
        assert_eq!(at_q("append(q)").2, Some("append"));
        assert_eq!(at_q("f(q.x)").2, None);
        assert_eq!(at_q("f(a, q)").2, None);
        assert_eq!(at_q("return (q)").2, None);
        assert_eq!(at_q("f[T](q)").2, None);
        assert_eq!(at_q("f(\n\tq)").2, None);
        assert_eq!(at_q("f(q\n)").2, None);
        assert_eq!(at_q("(q)").2, None);
        assert_eq!(at_q("1(q)").2, None);
        assert_eq!(at_q("éf(q)").2, None);
        assert_eq!(at_q("f(/* c */ q)").2, None);
    }
}
