//! Standard-library functions known to keep their `...any` arguments on the
//! heap (Go 1.19, `-gcflags='-m -l'`: "leaking param content: a"), and where
//! those arguments start. Anything not listed is unknown: callers stay quiet.

/// `(import path, function, index of the first interface argument)`.
const LEAKING: &[(&str, &str, usize)] = &[
    ("fmt", "Print", 0),
    ("fmt", "Println", 0),
    ("fmt", "Printf", 1),
    ("fmt", "Sprint", 0),
    ("fmt", "Sprintln", 0),
    ("fmt", "Sprintf", 1),
    ("fmt", "Fprint", 1),
    ("fmt", "Fprintln", 1),
    ("fmt", "Fprintf", 2),
    ("fmt", "Errorf", 1),
    ("fmt", "Append", 1),
    ("fmt", "Appendln", 1),
    ("fmt", "Appendf", 2),
    ("log", "Print", 0),
    ("log", "Println", 0),
    ("log", "Printf", 1),
    ("log", "Fatal", 0),
    ("log", "Fatalln", 0),
    ("log", "Fatalf", 1),
    ("log", "Panic", 0),
    ("log", "Panicln", 0),
    ("log", "Panicf", 1),
];

/// Where the leaked interface arguments of `path.function` start, if it is known to leak them.
pub fn leaking_from(path: &str, function: &str) -> Option<usize> {
    LEAKING.iter().find(|(p, f, _)| *p == path && *f == function).map(|(_, _, from)| *from)
}

/// Is some listed function named `function` (in any package)?
pub fn is_leaking_name(function: &str) -> bool {
    LEAKING.iter().any(|(_, f, _)| *f == function)
}

/// Can a call to a function named `name` (`panic`, or a listed function of
/// any package) keep its first argument? `false` is sure; `true` may be.
pub fn may_keep_first_argument(name: &str) -> bool {
    name == "panic" || LEAKING.iter().any(|(_, f, from)| *from == 0 && *f == name)
}
