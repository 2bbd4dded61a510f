//! Calls known to return a nil value together with a non-nil error: a table
//! of standard-library functions and methods, and the package's own functions
//! through their summaries (`return nil, err` paths).

use super::callee::{called_name, CalleeNames};
use crate::model::{BindingId, FileSummary, FunctionSummary, TypeExpr};
use crate::rules::quick::kind;
use crate::rules::RuleContext;
use crate::syntax::field;
use crate::syntax::Node;
use crate::syntax::{named_children, unparen};

/// Standard-library functions whose first result is a nil pointer (or nil
/// interface) whenever their error result is non-nil: (import path, name).
const STD_FUNCS: &[(&str, &str)] = &[
    ("net/http", "Get"),
    ("net/http", "Post"),
    ("net/http", "Head"),
    ("net/http", "PostForm"),
    ("net/http", "NewRequest"),
    ("net/http", "NewRequestWithContext"),
    ("net/http", "ReadRequest"),
    ("net/http", "ReadResponse"),
    ("os", "Open"),
    ("os", "Create"),
    ("os", "OpenFile"),
    ("os", "CreateTemp"),
    ("os", "Stat"),
    ("os", "Lstat"),
    ("os", "StartProcess"),
    ("io/ioutil", "TempFile"),
    ("net", "Dial"),
    ("net", "DialTimeout"),
    ("net", "Listen"),
    ("net", "ListenPacket"),
    ("net", "ResolveTCPAddr"),
    ("net", "ResolveUDPAddr"),
    ("net/url", "Parse"),
    ("net/url", "ParseRequestURI"),
    ("database/sql", "Open"),
    ("regexp", "Compile"),
    ("regexp", "CompilePOSIX"),
    ("text/template", "ParseFiles"),
    ("text/template", "ParseGlob"),
    ("html/template", "ParseFiles"),
    ("html/template", "ParseGlob"),
    ("crypto/x509", "ParseCertificate"),
    ("crypto/x509", "ParseCertificateRequest"),
    ("crypto/x509", "ParsePKCS1PrivateKey"),
    ("crypto/x509", "ParseECPrivateKey"),
    ("crypto/tls", "Dial"),
    ("crypto/tls", "Listen"),
    ("os/user", "Current"),
    ("os/user", "Lookup"),
    ("os/user", "LookupId"),
    ("plugin", "Open"),
    ("archive/zip", "OpenReader"),
    ("archive/zip", "NewReader"),
    ("compress/gzip", "NewReader"),
    ("debug/elf", "Open"),
];

/// Standard-library methods with the same behaviour: (import path, receiver type, method).
const STD_METHODS: &[(&str, &str, &str)] = &[
    ("net/http", "Client", "Do"),
    ("net/http", "Client", "Get"),
    ("net/http", "Client", "Post"),
    ("net/http", "Client", "Head"),
    ("net/http", "Client", "PostForm"),
    ("database/sql", "DB", "Query"),
    ("database/sql", "DB", "QueryContext"),
    ("database/sql", "DB", "Prepare"),
    ("database/sql", "DB", "PrepareContext"),
    ("database/sql", "DB", "Begin"),
    ("database/sql", "DB", "BeginTx"),
    ("database/sql", "DB", "Conn"),
    ("database/sql", "Tx", "Query"),
    ("database/sql", "Tx", "QueryContext"),
    ("database/sql", "Tx", "Prepare"),
    ("database/sql", "Tx", "PrepareContext"),
    ("database/sql", "Stmt", "Query"),
    ("database/sql", "Stmt", "QueryContext"),
    ("os/exec", "Cmd", "StdoutPipe"),
    ("os/exec", "Cmd", "StderrPipe"),
    ("os/exec", "Cmd", "StdinPipe"),
];

/// `*os.File` methods check for a nil receiver and return `os.ErrInvalid`;
/// only `Name` panics.
const OS_FILE_PANICKING_METHODS: &[&str] = &["Name"];

/// Functions returning `*os.File`: (import path, name).
const OS_FILE_FUNCS: &[(&str, &str)] =
    &[("os", "Open"), ("os", "Create"), ("os", "OpenFile"), ("os", "CreateTemp"), ("io/ioutil", "TempFile")];

/// Who says the value is nil when the call fails, for the message.
pub struct NilOnError {
    /// When only some methods panic on a nil receiver, their names.
    pub panicking_methods: Option<&'static [&'static str]>,
    /// `http.Get`, `s.load`, as written at the call.
    pub callee: String,
    /// `the standard library` or `its return nil, err path (file.go:12)`.
    pub source: String,
}

/// When `call` is known to return a nil value at result `index` whenever its
/// error result is non-nil, with `results` values on the left of the assignment.
pub fn nil_on_error(call: Node<'_>, index: usize, results: usize, cx: &RuleContext<'_>) -> Option<NilOnError> {
    let model = cx.model();
    let function = unparen(field!(call, "function")?);
    let callee = cx.text(function).to_string();
    match kind(function) {
        "identifier" => {
            if model.reference_at(function).is_some_and(|r| {
                model.bindings.get(r.binding).is_none_or(|b| b.kind != crate::model::BindingKind::PackageFunc)
            }) {
                return None;
            }
            let name = cx.text(function);
            let summary = own_and_sibling(cx).find(|f| f.receiver_type.is_none() && f.name == name)?;
            from_summary(summary, index, results).then(|| NilOnError {
                callee,
                source: "see its `return nil, err`".into(),
                panicking_methods: None,
            })
        }
        "selector_expression" => {
            let operand = unparen(field!(function, "operand")?);
            let name = cx.text(field!(function, "field")?);
            if let Some(path) = import_path_of(operand, cx) {
                let known = index == 0 && results == 2 && STD_FUNCS.contains(&(path, name));
                let panicking_methods = OS_FILE_FUNCS.contains(&(path, name)).then_some(OS_FILE_PANICKING_METHODS);
                return known.then(|| NilOnError { callee, source: "standard library".into(), panicking_methods });
            }
            // `http.DefaultClient.Do(req)`
            if kind(operand) == "selector_expression" {
                let inner = field!(operand, "operand").map(unparen)?;
                let field = cx.text(field!(operand, "field")?);
                let known = import_path_of(inner, cx) == Some("net/http")
                    && field == "DefaultClient"
                    && STD_METHODS.contains(&("net/http", "Client", name));
                return (known && index == 0 && results == 2).then(|| NilOnError {
                    callee,
                    source: "standard library".into(),
                    panicking_methods: None,
                });
            }
            if kind(operand) != "identifier" {
                return None;
            }
            let binding = model.bindings.get(model.reference_at(operand)?.binding)?;
            if let Some(type_name) = super::callee::local_type_of(binding, cx) {
                let summary =
                    own_and_sibling(cx).find(|f| f.receiver_type.as_deref() == Some(type_name) && f.name == name)?;
                return from_summary(summary, index, results).then(|| NilOnError {
                    callee,
                    source: "see its `return nil, err`".into(),
                    panicking_methods: None,
                });
            }
            let ty = match binding.declared_type.as_ref()? {
                TypeExpr::Pointer(inner) => inner.as_ref(),
                other => other,
            };
            match ty {
                TypeExpr::Named { package: Some(qualifier), name: type_name } => {
                    let path = model.import_named(qualifier)?.path.as_str();
                    let known = index == 0 && results == 2 && STD_METHODS.contains(&(path, type_name.as_str(), name));
                    known.then(|| NilOnError { callee, source: "standard library".into(), panicking_methods: None })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn own_and_sibling<'a>(cx: &'a RuleContext<'_>) -> impl Iterator<Item = &'a FunctionSummary> {
    cx.file.summary.functions.iter().chain(cx.package.functions())
}

/// The summary says result `index` is nil on some path where the error is
/// not, and the result's type is one where a field access or method call
/// panics on nil (a pointer or an interface, not a map, slice or func).
fn from_summary(summary: &FunctionSummary, index: usize, results: usize) -> bool {
    summary.results.len() == results
        && summary.nil_returns.with_error.contains(&index)
        && summary.results.get(index).is_some_and(|t| {
            matches!(t, TypeExpr::Pointer(_) | TypeExpr::Interface { empty: false })
                || matches!(t, TypeExpr::Named { package: Some(_), .. })
        })
}

/// The import path when `operand` is an imported package's name.
fn import_path_of<'a>(operand: Node<'_>, cx: &RuleContext<'a>) -> Option<&'a str> {
    let model = cx.model();
    if kind(operand) != "identifier" || model.reference_at(operand).is_some() {
        return None;
    }
    model.import_named(cx.text(operand)).map(|i| i.path.as_str())
}

/// The binding an identifier on the left of `:=`/`=` declares or assigns.
pub fn assigned_binding(ident: Node<'_>, cx: &RuleContext<'_>) -> Option<BindingId> {
    let model = cx.model();
    if kind(ident) != "identifier" || cx.text(ident) == "_" {
        return None;
    }
    model.reference_at(ident).map(|r| r.binding).or_else(|| model.binding_id_of(ident))
}

/// The single call on the right of an assignment or short variable
/// declaration (`a, err := f()`); [`assigned_targets`] reads the left side.
pub fn assigned_call<'t>(stmt: Node<'t>, cx: &RuleContext<'_>) -> Option<Node<'t>> {
    // This runs for every assignment. One call on the right ends the
    // statement with its `)` (tree-sitter leaves trailing comments out of a
    // node): anything else is dropped before a field is read. A statement
    // with a syntax error may end anywhere: it takes the long way.
    let error_free = !stmt.has_error();
    if !cx.text(stmt).ends_with(')') && error_free {
        return None;
    }
    // The right side is then the last named child (no trailing comment, see
    // above), read by index instead of by field.
    let right = match error_free {
        true => stmt.named_child(u32::try_from(stmt.named_child_count()).ok()?.checked_sub(1)?)?,
        false => field!(stmt, "right")?,
    };
    // One value, a call: checked before anything is collected (this runs for every assignment).
    let value = match kind(right) {
        // One named child: read by index (a lone comment is no call either).
        "expression_list" if right.named_child_count() == 1 => right.named_child(0)?,
        "expression_list" => {
            let mut values = named_children(right);
            let first = values.next()?;
            if values.next().is_some() {
                return None;
            }
            first
        }
        _ => right,
    };
    let call = unparen(value);
    (kind(call) == "call_expression").then_some(call)
}

/// The expressions on the left of an assignment (see [`assigned_call`]).
pub fn assigned_targets(left: Node<'_>) -> Vec<Node<'_>> {
    if kind(left) == "expression_list" {
        named_children(left).collect()
    } else {
        vec![left]
    }
}

/// The package's functions and methods with a `return nil, err` path, and
/// the selected names of the standard-library tables, by name (once per package).
struct NilOnErrorCallees(CalleeNames);

fn nil_on_error_callees(files: &[&FileSummary]) -> NilOnErrorCallees {
    let mut names = CalleeNames::of(files, |f| !f.nil_returns.with_error.is_empty());
    let std_names = STD_FUNCS.iter().map(|(_, f)| *f).chain(STD_METHODS.iter().map(|(_, _, m)| *m));
    for name in std_names {
        names.insert((true, name));
    }
    NilOnErrorCallees(names)
}

/// Can [`nil_on_error`] know anything about a call of `function` (the call's
/// `function` child without parentheses)? Its name must be one of the
/// standard-library tables' or a package function's with a `return nil, err`
/// path: most calls are dropped here.
pub fn may_be_nil_on_error(function: Node<'_>, cx: &RuleContext<'_>) -> bool {
    let Some(called) = called_name(function, cx) else { return false };
    cx.package_fact(nil_on_error_callees).0.may_contain(called)
}
