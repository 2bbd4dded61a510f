//! Build constraints: whether the go command compiles a file for a target
//! GOOS/GOARCH, from its name's `_GOOS`/`_GOARCH` suffixes and its
//! `//go:build` line (or the older `// +build` lines), as `go/build` decides.
//!
//! faultline checks every file it is given, whatever its constraints. This
//! decides which *siblings* a file sees as its package: on linux, `f.go` is
//! compiled with `f_linux.go`, never with `f_windows.go`, and reading both
//! would mix two definitions of one function (and parse files no build of
//! `f.go` contains). Also read for the Go version floor a `//go:build` line
//! sets ([`super::GoVersion::from_build_constraint`]).

/// Operating systems the go command knows (`go/build`'s `knownOS`): a file
/// name ending in one of them is constrained to it.
const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// Architectures the go command knows (`go/build`'s `knownArch`).
const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

/// Systems the `unix` build tag stands for (`go/build`'s `unixOS`).
const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Architectures with the register-based calling convention, where the go
/// command turns on the `regabiwrappers` and `regabiargs` experiments by
/// default (Go 1.19 through today: `internal/buildcfg`).
const REGABI_ARCH: &[&str] = &["amd64", "arm64", "ppc64", "ppc64le", "riscv64"];

/// The build configuration siblings are chosen for: like `go env GOOS
/// GOARCH CGO_ENABLED GOEXPERIMENT` and `go build -tags`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BuildTarget {
    pub goos: String,
    pub goarch: String,
    pub cgo: bool,
    /// The tags `-tags` turns on, in the order given.
    pub tags: Vec<String>,
    /// `GOEXPERIMENT`'s items in order, lower-cased: `x` turns experiment
    /// `x` on, `nox` off, `none` every one (defaults included) off.
    pub experiments: Vec<String>,
}

/// The go command's settings a [`BuildTarget`] is read from; `None` or empty
/// for unset, as go treats them.
#[derive(Debug, Clone, Copy, Default)]
pub struct GoEnv<'a> {
    pub goos: Option<&'a str>,
    pub goarch: Option<&'a str>,
    pub cgo_enabled: Option<&'a str>,
    /// `GOFLAGS`: its `-tags=` flag, if any, is read.
    pub goflags: Option<&'a str>,
    pub goexperiment: Option<&'a str>,
}

impl Default for BuildTarget {
    fn default() -> Self {
        Self::host()
    }
}

impl BuildTarget {
    /// The system faultline runs on, in Go's names; linux/amd64 where that
    /// means nothing to Go programs (the browser's wasm32).
    pub fn host() -> Self {
        let goos = match std::env::consts::OS {
            "macos" => "darwin",
            "" => "linux",
            os if KNOWN_OS.contains(&os) => os,
            _ => "linux",
        };
        let goarch = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "x86" => "386",
            "aarch64" => "arm64",
            "loongarch64" => "loong64",
            "powerpc64" if cfg!(target_endian = "little") => "ppc64le",
            "powerpc64" => "ppc64",
            "mips" if cfg!(target_endian = "little") => "mipsle",
            "mips64" if cfg!(target_endian = "little") => "mips64le",
            arch if KNOWN_ARCH.contains(&arch) => arch,
            _ => "amd64",
        };
        let (goos, goarch) = if cfg!(target_family = "wasm") { ("linux", "amd64") } else { (goos, goarch) };
        Self {
            goos: goos.to_string(),
            goarch: goarch.to_string(),
            cgo: true,
            tags: Vec::new(),
            experiments: Vec::new(),
        }
    }

    /// The target of the go command's environment (`GOOS`, `GOARCH`,
    /// `CGO_ENABLED`, `GOEXPERIMENT`, the `-tags` of `GOFLAGS`), else the
    /// host's. For the edges (CLI, language server): the analysis itself
    /// never reads the environment.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok();
        let (goos, goarch, cgo_enabled) = (var("GOOS"), var("GOARCH"), var("CGO_ENABLED"));
        let (goflags, goexperiment) = (var("GOFLAGS"), var("GOEXPERIMENT"));
        Self::from_go_env(&GoEnv {
            goos: goos.as_deref(),
            goarch: goarch.as_deref(),
            cgo_enabled: cgo_enabled.as_deref(),
            goflags: goflags.as_deref(),
            goexperiment: goexperiment.as_deref(),
        })
    }

    /// The host's target with the go command's settings applied (empty ones
    /// are ignored, as go does).
    pub fn from_go_env(env: &GoEnv<'_>) -> Self {
        let set = |value: Option<&str>| value.filter(|s| !s.is_empty()).map(str::to_string);
        let mut target = Self::host();
        if let Some(goos) = set(env.goos) {
            target.goos = goos;
        }
        if let Some(goarch) = set(env.goarch) {
            target.goarch = goarch;
        }
        if let Some(cgo) = set(env.cgo_enabled) {
            target.cgo = cgo != "0";
        }
        if let Some(tags) = env.goflags.and_then(tags_of_goflags) {
            target.tags = parse_tags(tags);
        }
        if let Some(experiments) = env.goexperiment {
            target.experiments =
                experiments.split(',').map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).collect();
        }
        target
    }

    /// This target with `-tags` set to `tags` (as `go build -tags`: a
    /// comma-separated list, or space-separated as go once took it),
    /// replacing any from `GOFLAGS`, as a flag on go's command line does.
    pub fn with_tags(mut self, tags: &str) -> Self {
        self.tags = parse_tags(tags);
        self
    }

    /// Whether the go command would compile the file named `file_name` (no
    /// directory) with this text for this target. An unreadable constraint
    /// counts as satisfied: a sibling is left out only when it surely is not
    /// in the build.
    pub fn includes(&self, file_name: &str, source: &str) -> bool {
        self.includes_name(file_name) && header_constraint(source).is_none_or(|c| c.eval(&|tag| self.has_tag(tag)))
    }

    /// `go/build`'s `goodOSArchFile`: `x_GOOS.go`, `x_GOARCH.go`,
    /// `x_GOOS_GOARCH.go`, each also with `_test` before `.go`. What comes
    /// before the first `_` never counts (`linux.go` is not constrained).
    /// False means [`Self::includes`] is false whatever the text.
    pub fn includes_name(&self, file_name: &str) -> bool {
        let stem = file_name.split('.').next().unwrap_or(file_name);
        let Some(first) = stem.find('_') else { return true };
        let mut parts: Vec<&str> = stem[first..].split('_').collect();
        if parts.last() == Some(&"test") {
            parts.pop();
        }
        let (os, arch) = match parts.as_slice() {
            [.., os, arch] if KNOWN_OS.contains(os) && KNOWN_ARCH.contains(arch) => (Some(*os), Some(*arch)),
            [.., last] if KNOWN_OS.contains(last) => (Some(*last), None),
            [.., last] if KNOWN_ARCH.contains(last) => (None, Some(*last)),
            _ => (None, None),
        };
        os.is_none_or(|os| self.has_tag(os)) && arch.is_none_or(|arch| self.has_tag(arch))
    }

    /// `go/build`'s `matchTag`: the target's system and architecture (with
    /// the systems that imply another), `unix`, `cgo`, the `gc` compiler,
    /// every release tag (`go1.N`: faultline assumes a toolchain new enough),
    /// the experiments on (by default for the architecture, or by
    /// `GOEXPERIMENT`) and the `-tags`. Any other tag (`ignore`, custom tags)
    /// is off, as in a plain `go build`.
    fn has_tag(&self, tag: &str) -> bool {
        // The old name of an experiment; `-tags boringcrypto` does not set it.
        let tag = if tag == "boringcrypto" { "goexperiment.boringcrypto" } else { tag };
        let given = self.tags.iter().any(|t| t == tag);
        if let Some(experiment) = tag.strip_prefix("goexperiment.") {
            return given || self.has_experiment(experiment);
        }
        let goos = self.goos.as_str();
        given
            || tag == goos
            || tag == self.goarch
            || tag == "gc"
            || (tag == "cgo" && self.cgo)
            || (tag == "linux" && goos == "android")
            || (tag == "solaris" && goos == "illumos")
            || (tag == "darwin" && goos == "ios")
            || (tag == "unix" && UNIX_OS.contains(&goos))
            || tag
                .strip_prefix("go1.")
                .is_some_and(|minor| !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Whether experiment `name` is on: its default for the architecture,
    /// then `GOEXPERIMENT`'s items in order (`internal/buildcfg`).
    fn has_experiment(&self, name: &str) -> bool {
        let on_by_default =
            matches!(name, "regabiwrappers" | "regabiargs") && REGABI_ARCH.contains(&self.goarch.as_str());
        self.experiments.iter().fold(on_by_default, |on, item| match item.strip_prefix("no") {
            _ if item == "none" => false,
            Some(off) if off == name => false,
            _ if item == name => true,
            _ => on,
        })
    }
}

/// The value of the last `-tags=` (or `--tags=`) flag in `GOFLAGS`, which
/// go splits at spaces and reads in `-flag=value` form only.
fn tags_of_goflags(goflags: &str) -> Option<&str> {
    goflags
        .split_whitespace()
        .filter_map(|flag| flag.strip_prefix("--").or_else(|| flag.strip_prefix('-')))
        .filter_map(|flag| flag.strip_prefix("tags="))
        .next_back()
}

/// `-tags`' value as go's `tagsFlag` reads it: comma-separated, or
/// space-separated when it has no comma; empty items dropped.
fn parse_tags(value: &str) -> Vec<String> {
    let items: Vec<&str> = match value.contains(',') {
        true => value.split(',').collect(),
        false => value.split_whitespace().collect(),
    };
    items.into_iter().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// A build expression: `linux && (amd64 || arm64)`, `!cgo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Constraint {
    Tag(String),
    Not(Box<Constraint>),
    And(Box<Constraint>, Box<Constraint>),
    Or(Box<Constraint>, Box<Constraint>),
}

impl Constraint {
    pub(crate) fn eval(&self, has_tag: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Constraint::Tag(tag) => has_tag(tag),
            Constraint::Not(inner) => !inner.eval(has_tag),
            Constraint::And(a, b) => a.eval(has_tag) && b.eval(has_tag),
            Constraint::Or(a, b) => a.eval(has_tag) || b.eval(has_tag),
        }
    }
}

/// The file's constraint: its `//go:build` line, else its `// +build` lines
/// (ANDed), from the header before the package clause; `None` when it has
/// none or it cannot be read.
pub(crate) fn header_constraint(source: &str) -> Option<Constraint> {
    let mut plus_build: Option<Constraint> = None;
    let mut plus_build_lines = 0;
    for line in header_lines(source) {
        if let Some(expr) = go_build_expr(line) {
            return parse_go_build(expr);
        }
        if let Some(expr) = line.strip_prefix("//").map(str::trim_start).and_then(|l| l.strip_prefix("+build")) {
            if expr.is_empty() || expr.starts_with(char::is_whitespace) {
                plus_build_lines += 1;
                if plus_build_lines > MAX_TOKENS {
                    return None;
                }
                let line = parse_plus_build(expr)?;
                plus_build = Some(match plus_build {
                    Some(before) => Constraint::And(Box::new(before), Box::new(line)),
                    None => line,
                });
            }
        }
    }
    plus_build
}

/// The expression of a `//go:build` line.
pub(crate) fn go_build_expr(line: &str) -> Option<&str> {
    line.strip_prefix("//go:build").filter(|expr| expr.is_empty() || expr.starts_with(char::is_whitespace))
}

/// The trimmed lines before the package clause that may hold constraints:
/// blank lines and comments (go/build reads constraints only there).
pub(crate) fn header_lines(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .map(str::trim)
        .take_while(|line| line.is_empty() || line.starts_with("//") || line.starts_with("/*") || line.starts_with('*'))
}

/// Nesting deeper than this, or more tokens than that, make an expression
/// unreadable: evaluation recurses through `&&` and `||` chains too, and
/// hostile input must not overflow the stack.
const MAX_DEPTH: usize = 100;
const MAX_TOKENS: usize = 1000;

/// A `//go:build` expression: `||`, `&&`, `!`, parentheses and tags.
pub(crate) fn parse_go_build(expr: &str) -> Option<Constraint> {
    let tokens = tokenize(expr);
    if tokens.len() > MAX_TOKENS {
        return None;
    }
    let mut parser = ExprParser { tokens, pos: 0, depth: 0 };
    let constraint = parser.or()?;
    (parser.pos == parser.tokens.len()).then_some(constraint)
}

/// A `// +build` line: space-separated options ORed, each a comma-separated
/// list of terms ANDed, each term a tag or `!tag`.
fn parse_plus_build(expr: &str) -> Option<Constraint> {
    if expr.split([' ', '\t', ',']).count() > MAX_TOKENS {
        return None;
    }
    let term = |t: &str| match t.strip_prefix('!') {
        Some(tag) if is_tag(tag) => Some(Constraint::Not(Box::new(Constraint::Tag(tag.to_string())))),
        None if is_tag(t) => Some(Constraint::Tag(t.to_string())),
        _ => None,
    };
    combine(expr.split_whitespace().map(|option| combine(option.split(',').map(term), Constraint::And)), Constraint::Or)
}

/// How two constraints are joined: `Constraint::And` or `Constraint::Or`.
type Join = fn(Box<Constraint>, Box<Constraint>) -> Constraint;

/// The items joined from the left; `None` when there are none or one is unreadable.
fn combine(items: impl IntoIterator<Item = Option<Constraint>>, join: Join) -> Option<Constraint> {
    let mut items = items.into_iter();
    let first = items.next()??;
    items.try_fold(first, |acc, item| Some(join(Box::new(acc), Box::new(item?))))
}

fn is_tag(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

fn tokenize(expr: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = expr.trim();
    while !rest.is_empty() {
        let len = if rest.starts_with("&&") || rest.starts_with("||") {
            2
        } else if rest.starts_with(['(', ')', '!']) {
            1
        } else {
            rest.find(|c: char| c.is_whitespace() || "()!&|".contains(c)).unwrap_or(rest.len()).max(1)
        };
        // `len` ends at a char boundary: `find` gives one, and the other
        // cases are ASCII.
        tokens.push(&rest[..len]);
        rest = rest[len..].trim_start();
    }
    tokens
}

struct ExprParser<'a> {
    tokens: Vec<&'a str>,
    pos: usize,
    depth: usize,
}

impl ExprParser<'_> {
    fn or(&mut self) -> Option<Constraint> {
        self.chain("||", Self::and, Constraint::Or)
    }

    fn and(&mut self) -> Option<Constraint> {
        self.chain("&&", Self::not, Constraint::And)
    }

    /// `operand (op operand)*`, grouped from the left.
    fn chain(&mut self, op: &str, operand: fn(&mut Self) -> Option<Constraint>, join: Join) -> Option<Constraint> {
        let mut acc = operand(self)?;
        while self.tokens.get(self.pos) == Some(&op) {
            self.pos += 1;
            acc = join(Box::new(acc), Box::new(operand(self)?));
        }
        Some(acc)
    }

    fn not(&mut self) -> Option<Constraint> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let token = *self.tokens.get(self.pos)?;
        self.pos += 1;
        let result = match token {
            "!" => Constraint::Not(Box::new(self.not()?)),
            "(" => {
                let inner = self.or()?;
                if self.tokens.get(self.pos) != Some(&")") {
                    return None;
                }
                self.pos += 1;
                inner
            }
            tag if is_tag(tag) => Constraint::Tag(tag.to_string()),
            _ => return None,
        };
        self.depth -= 1;
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linux() -> BuildTarget {
        BuildTarget { goos: "linux".into(), goarch: "amd64".into(), cgo: true, tags: vec![], experiments: vec![] }
    }

    #[test]
    fn file_names_as_go_build_reads_them() {
        let t = linux();
        for name in
            ["a.go", "linux.go", "windows.go", "a_linux.go", "a_amd64.go", "a_linux_amd64.go", "a_linux_test.go"]
        {
            assert!(t.includes(name, "package p\n"), "{name}");
        }
        for name in ["a_windows.go", "a_arm64.go", "a_linux_arm64.go", "a_windows_amd64.go", "a_windows_test.go"] {
            assert!(!t.includes(name, "package p\n"), "{name}");
        }
        // Only the last one or two elements count; unknown words do not constrain.
        assert!(t.includes("windows_linux.go", "package p\n"));
        assert!(t.includes("a_windows_x.go", "package p\n"));
        assert!(t.includes("zsyscall_linux_amd64.go", "package p\n"));
        assert!(!t.includes("zsyscall_linux_mips64le.go", "package p\n"));
        // android is linux, ios is darwin, illumos is solaris.
        let android = BuildTarget { goos: "android".into(), ..linux() };
        assert!(android.includes("a_linux.go", "package p\n"));
        assert!(!linux().includes("a_android.go", "package p\n"));
    }

    #[test]
    fn go_build_lines() {
        let t = linux();
        let with = |line: &str| format!("// Copyright 2022 🦀 著作権\n\n{line}\n\npackage p\n");
        assert!(t.includes("a.go", &with("//go:build linux && (amd64 || arm64)")));
        assert!(t.includes("a.go", &with("//go:build unix && cgo && go1.18")));
        assert!(t.includes("a.go", &with("//go:build !windows")));
        assert!(!t.includes("a.go", &with("//go:build ignore")));
        assert!(!t.includes("a.go", &with("//go:build windows || (darwin && arm64)")));
        assert!(!t.includes("a.go", &with("//go:build !cgo")));
        assert!(!t.includes("a.go", &with("//go:build goexperiment.boringcrypto")));
        assert!(t.includes("a.go", &with("//go:build goexperiment.regabiargs")));
        let i386 = BuildTarget { goarch: "386".into(), ..linux() };
        assert!(!i386.includes("a.go", &with("//go:build goexperiment.regabiargs")));
        let no_cgo = BuildTarget { cgo: false, ..linux() };
        assert!(no_cgo.includes("a.go", &with("//go:build !cgo")));
        // A constraint after the package clause is not one.
        assert!(t.includes("a.go", "package p\n\n//go:build ignore\n"));
        // `//go:buildx` is not the directive.
        assert!(t.includes("a.go", "//go:buildx ignore\n\npackage p\n"));
    }

    #[test]
    fn plus_build_lines_when_there_is_no_go_build_line() {
        let t = linux();
        assert!(t.includes("a.go", "// +build linux,amd64 darwin\n\npackage p\n"));
        assert!(!t.includes("a.go", "// +build darwin,amd64 windows\n\npackage p\n"));
        assert!(!t.includes("a.go", "// +build linux\n// +build !cgo\n\npackage p\n"));
        assert!(t.includes("a.go", "// +build !windows,!plan9\n\npackage p\n"));
        // `//go:build` wins over `// +build`.
        assert!(t.includes("a.go", "//go:build linux\n// +build windows\n\npackage p\n"));
    }

    #[test]
    fn unreadable_constraints_keep_the_file() {
        let t = linux();
        for header in [
            "//go:build linux &&\n",
            "//go:build (linux\n",
            "//go:build linux windows\n",
            "//go:build $$$\n",
            "// +build !\n",
        ] {
            assert!(t.includes("a.go", &format!("{header}\npackage p\n")), "{header}");
        }
        let deep = format!("//go:build {}windows{}\npackage p\n", "(".repeat(5000), ")".repeat(5000));
        assert!(t.includes("a.go", &deep));
        let long = format!("//go:build windows{}\npackage p\n", " && windows".repeat(200_000));
        assert!(t.includes("a.go", &long));
        let long = format!("// +build windows{}\n\npackage p\n", ",windows".repeat(200_000));
        assert!(t.includes("a.go", &long));
        let long = format!("{}\npackage p\n", "// +build windows\n".repeat(200_000));
        assert!(t.includes("a.go", &long));
        assert!(t.includes("a.go", ""));
        assert!(t.includes("a_.go", "package p"));
        assert!(t.includes("_.go", "package p"));
    }

    #[test]
    fn go_environment_overrides_the_host() {
        let env = GoEnv { goos: Some("windows"), goarch: Some("arm64"), cgo_enabled: Some("0"), ..GoEnv::default() };
        let t = BuildTarget::from_go_env(&env);
        assert_eq!(t, BuildTarget { goos: "windows".into(), goarch: "arm64".into(), cgo: false, ..linux() });
        let empty = GoEnv { goos: Some(""), cgo_enabled: Some(""), goflags: Some(""), ..GoEnv::default() };
        assert_eq!(BuildTarget::from_go_env(&empty), BuildTarget::host());
    }

    #[test]
    fn tags_from_goflags_or_the_command_line() {
        let with_flags = |goflags| BuildTarget::from_go_env(&GoEnv { goflags: Some(goflags), ..GoEnv::default() });
        assert_eq!(with_flags("-mod=mod -tags=integration,e2e").tags, ["integration", "e2e"]);
        assert_eq!(with_flags("--tags=a -tags=b -trimpath").tags, ["b"]);
        assert!(with_flags("-trimpath -tagsx=a").tags.is_empty());
        let t = linux().with_tags(" integration, ,e2e ");
        assert_eq!(t.tags, ["integration", "e2e"]);
        assert_eq!(linux().with_tags("a b").tags, ["a", "b"]);
        let header = |line: &str| format!("{line}\n\npackage p\n");
        assert!(t.includes("a.go", &header("//go:build integration && linux")));
        assert!(t.includes("a.go", &header("// +build e2e")));
        assert!(!t.includes("a.go", &header("//go:build !integration")));
        assert!(!linux().includes("a.go", &header("//go:build integration")));
        // As in go/build, a tag satisfies whatever names it, file names too.
        assert!(linux().with_tags("ignore").includes("a.go", &header("//go:build ignore")));
        assert!(linux().with_tags("windows").includes("a_windows.go", "package p\n"));
    }

    #[test]
    fn experiments_from_goexperiment() {
        let on = |goexperiment, goarch| {
            let env = GoEnv { goexperiment: Some(goexperiment), goarch: Some(goarch), ..GoEnv::default() };
            let t = BuildTarget::from_go_env(&env);
            ["boringcrypto", "regabiargs", "arenas"]
                .map(|x| t.includes("a.go", &format!("//go:build goexperiment.{x}\npackage p\n")))
        };
        assert_eq!(on("", "amd64"), [false, true, false]);
        assert_eq!(on("BoringCrypto,arenas", "amd64"), [true, true, true]);
        assert_eq!(on("noregabiargs", "amd64"), [false, false, false]);
        assert_eq!(on("regabiargs", "386"), [false, true, false]);
        assert_eq!(on("arenas,none,boringcrypto", "amd64"), [true, false, false]);
        assert_eq!(on("arenas,noarenas", "arm64"), [false, true, false]);
        // `boringcrypto` is the experiment's old name, and `-tags` can set an
        // experiment's tag too.
        let header = |tag: &str| format!("//go:build {tag}\npackage p\n");
        let boring = BuildTarget::from_go_env(&GoEnv { goexperiment: Some("boringcrypto"), ..GoEnv::default() });
        assert!(boring.includes("a.go", &header("boringcrypto")));
        assert!(!linux().with_tags("boringcrypto").includes("a.go", &header("boringcrypto")));
        assert!(linux().with_tags("goexperiment.arenas").includes("a.go", &header("goexperiment.arenas")));
    }
}
