//! The semantic model on its own: scopes, bindings, shadowing, `:=`
//! redeclaration, closures, declared types, imports and summaries.

use faultline_core::model::{Access, BindingKind, FileModel, FunctionKind, TypeExpr};
use faultline_core::syntax::{walk_preorder, FlatTree, Node};
use faultline_core::{BuildTarget, GoEnv, PackageContext, SourceFile, Workspace};

/// The `nth` identifier node whose text is `name`.
fn ident<'t>(root: Node<'t>, src: &str, name: &str, nth: usize) -> Node<'t> {
    let mut found = Vec::new();
    walk_preorder(root, |n| {
        if n.kind() == "identifier" && &src[n.byte_range()] == name {
            found.push(n);
        }
        true
    });
    found[nth]
}

fn model(src: &str) -> (FlatTree, FileModel) {
    let tree = FlatTree::parse(src).unwrap();
    let model = FileModel::build(&tree, src);
    (tree, model)
}

#[test]
fn shadowing_and_redeclaration() {
    let src = "package p\n\nvar x = 1\n\nfunc f() int {\n\tx := x + 1 // 新\n\tif true {\n\t\tx := 3\n\t\t_ = x\n\t}\n\ty, x := 2, 5\n\treturn x + y\n}\n";
    let (tree, m) = model(src);
    let root = tree.root_node();
    // `x := x + 1`: the right-hand x is the package variable.
    let pkg_x = m.binding_of(ident(root, src, "x", 0)).unwrap();
    assert_eq!(pkg_x.kind, BindingKind::PackageVar);
    let rhs = m.binding_of(ident(root, src, "x", 2)).unwrap();
    assert_eq!(rhs.kind, BindingKind::PackageVar);
    let local = m.binding_id_of(ident(root, src, "x", 1)).unwrap();
    assert_eq!(m.bindings[local].kind, BindingKind::LocalVar);
    // Inner block shadows; `_ = x` uses the inner one.
    let inner = m.binding_id_of(ident(root, src, "x", 3)).unwrap();
    assert_ne!(inner, local);
    assert_eq!(m.binding_id_of(ident(root, src, "x", 4)), Some(inner));
    // `y, x := 2, 5` reuses the outer local x (a write), declares y.
    let reuse = m.reference_at(ident(root, src, "x", 5)).unwrap();
    assert_eq!((reuse.binding, reuse.access), (local, Access::Write));
    assert_eq!(m.binding_id_of(ident(root, src, "x", 6)), Some(local));
    let y = m.binding_of(ident(root, src, "y", 0)).unwrap();
    assert_eq!(y.kind, BindingKind::LocalVar);
}

#[test]
fn loops_closures_and_functions() {
    let src = "package p\n\nfunc g(items []string, p *T) (n int, err error) {\n\tfor i := 0; i < 3; i++ {\n\t\tgo func() { println(i) }()\n\t}\n\tfor _, v := range items {\n\t\tv := v\n\t\t_ = v\n\t}\n\tn++\n\treturn\n}\n";
    let (tree, m) = model(src);
    let root = tree.root_node();
    let i = m.binding_of(ident(root, src, "i", 0)).unwrap();
    assert_eq!(i.kind, BindingKind::ForClauseVar);
    let use_in_closure = m.reference_at(ident(root, src, "i", 3)).unwrap();
    let closure = use_in_closure.function.unwrap();
    assert_eq!(m.functions[closure].kind, FunctionKind::Closure);
    assert_ne!(Some(closure), i.function, "the closure is not the declaring function");
    assert!(m.function_within(Some(closure), i.function));
    let v = m.binding_of(ident(root, src, "v", 0)).unwrap();
    assert_eq!(v.kind, BindingKind::RangeVar);
    assert_eq!(m.binding_of(ident(root, src, "v", 1)).unwrap().kind, BindingKind::LocalVar);
    // `v := v`: right side is the range variable.
    assert_eq!(m.binding_of(ident(root, src, "v", 2)).unwrap().kind, BindingKind::RangeVar);
    let n = m.reference_at(ident(root, src, "n", 1)).unwrap();
    assert_eq!(n.access, Access::ReadWrite);
    let g = &m.functions[0];
    assert_eq!(g.name.as_deref(), Some("g"));
    assert_eq!(g.params.len(), 2);
    assert_eq!(g.params[0].ty, TypeExpr::Slice(Box::new(TypeExpr::Named { package: None, name: "string".into() })));
    assert!(g.params[1].ty.is_pointer());
    assert_eq!(g.results.len(), 2);
}

#[test]
fn types_imports_and_summaries() {
    let src = "package p\n\nimport (\n\tstdjson \"encoding/json\"\n\t\"net/http\"\n\t\"gopkg.in/yaml.v3\"\n)\n\ntype S struct {\n\tmu sync.Mutex\n\tm  map[string]int\n\t*Embedded\n}\n\ntype M map[string][]int\n\nfunc (s *S) Get(p *S, q int) int {\n\treturn p.m[\"a\"] + q\n}\n\nfunc Safe() {\n\tdefer func() { recover() }()\n}\n\nfunc Handler() {\n\trecover()\n}\n";
    let file = SourceFile::new("p/a.go", src.to_string()).unwrap();
    let m = &file.model;
    assert_eq!(m.package.as_deref(), Some("p"));
    let names: Vec<_> = m.imports.iter().map(|i| (i.name.as_str(), i.path.as_str())).collect();
    assert_eq!(names, vec![("stdjson", "encoding/json"), ("http", "net/http"), ("yaml", "gopkg.in/yaml.v3")]);
    let s = m.type_named("S").unwrap();
    let TypeExpr::Struct(fields) = &s.ty else { panic!("S is a struct") };
    assert_eq!(fields.len(), 3);
    assert!(fields[0].ty.is_named(Some("sync"), "Mutex"));
    assert!(fields[1].ty.is_map());
    assert!(fields[2].embedded && fields[2].name == "Embedded");
    assert!(m.type_named("M").unwrap().ty.is_map());
    let summary = &file.summary;
    let get = summary.functions.iter().find(|f| f.name == "Get").unwrap();
    assert_eq!(get.receiver_type.as_deref(), Some("S"));
    assert!(get.params[0].dereferenced, "p.m dereferences p");
    assert!(!get.params[1].dereferenced);
    assert!(!summary.functions.iter().find(|f| f.name == "Safe").unwrap().calls_recover, "recover is in a closure");
    assert!(summary.functions.iter().find(|f| f.name == "Handler").unwrap().calls_recover);
}

#[test]
fn package_context_sees_siblings_of_same_package_only() {
    let mut ws = Workspace::default();
    ws.set_file("m/go.mod", "module m\n\ngo 1.21\n".into()).unwrap();
    ws.set_file("m/a/a.go", "package a\n\nfunc A() {}\n".into()).unwrap();
    ws.set_file("m/a/b.go", "package a\n\ntype T struct{ m map[string]int }\n".into()).unwrap();
    ws.set_file("m/a/a_test.go", "package a_test\n\nfunc X() {}\n".into()).unwrap();
    ws.set_file("m/a/sub/c.go", "package a\n\nfunc C() {}\n".into()).unwrap();
    let cx = ws.package_context("m/a/a.go");
    assert_eq!(cx.siblings.len(), 1);
    assert!(cx.type_named("T").is_some());
    assert!(cx.function_named("X").is_none() && cx.function_named("C").is_none());
    assert_eq!(cx.module_go_version.map(|v| v.to_string()), Some("1.21".into()));
    // go.mod sets the module's language version; a go.work beside it does not.
    ws.set_file("m/go.work", "go 1.22\n".into()).unwrap();
    assert_eq!(ws.package_context("m/a/a.go").module_go_version.map(|v| v.to_string()), Some("1.21".into()));
}

#[test]
fn package_context_sees_the_siblings_the_target_builds() {
    let mut ws = Workspace::default();
    ws.set_build_target(BuildTarget::from_go_env(&GoEnv {
        goos: Some("linux"),
        goarch: Some("amd64"),
        cgo_enabled: Some("1"),
        ..GoEnv::default()
    }));
    ws.set_file("p/a.go", "package p\n\nfunc A() { F() }\n".into()).unwrap();
    ws.set_file("p/f_linux.go", "package p\n\nfunc F() {}\n".into()).unwrap();
    ws.set_file("p/f_windows.go", "package p\n\nfunc F() { recover() }\n".into()).unwrap();
    ws.set_file("p/g.go", "// 🐧 only\n//go:build !linux\n\npackage p\n\nfunc G() {}\n".into()).unwrap();
    let names = |cx: PackageContext| {
        let mut names: Vec<String> = cx.siblings.iter().map(|s| s.path.clone()).collect();
        names.sort();
        names
    };
    assert_eq!(names(ws.package_context("p/a.go")), ["p/f_linux.go"]);
    assert!(!ws.package_context("p/a.go").function_named("F").unwrap().calls_recover);
    // A file the target does not build sees every sibling.
    assert_eq!(names(ws.package_context("p/g.go")), ["p/a.go", "p/f_linux.go", "p/f_windows.go"]);
    ws.set_build_target(BuildTarget::from_go_env(&GoEnv { goos: Some("windows"), ..GoEnv::default() }));
    assert_eq!(names(ws.package_context("p/a.go")), ["p/f_windows.go", "p/g.go"]);
}

#[test]
fn broken_and_deep_input_does_not_crash() {
    let deep = format!("package p\nfunc f() {{ x := {}1{} }}\n", "(".repeat(50_000), ")".repeat(50_000));
    let blocks = format!("package p\nfunc f() {{ {} }}\n", "{".repeat(20_000) + &"}".repeat(20_000));
    let closures = format!("package p\nvar f = {}\n", "func() {".repeat(10_000) + &"}".repeat(10_000));
    for src in [deep, blocks, closures, "package p\nfunc (".into(), "\u{0}\u{feff}日本😀".into(), String::new()] {
        let file = SourceFile::new("x.go", src).unwrap();
        let _ = faultline_core::check_file(&file, &Default::default(), &Default::default());
    }
}

#[test]
fn incremental_edit_matches_fresh_parse() {
    let src = "package p\n\n// 日本 😀\nfunc f() {\n\tgo func() { recover() }()\n}\n";
    let mut file = SourceFile::new("x.go", src.to_string()).unwrap();
    let at = src.find("recover").unwrap();
    file.edit(faultline_core::TextRange::new(at, at + "recover".len()), "println").unwrap();
    let fresh = SourceFile::new("x.go", file.text.clone()).unwrap();
    assert_eq!(file.parse_tree().map(|t| t.root_node().to_sexp()), fresh.parse_tree().map(|t| t.root_node().to_sexp()));
    // Out-of-range and mid-character edits clamp instead of panicking.
    let emoji = file.text.find('😀').unwrap();
    file.edit(faultline_core::TextRange::new(emoji + 1, emoji + 2), "x").unwrap();
    file.edit(faultline_core::TextRange::new(10_000, 20_000), "// end\n").unwrap();
    assert!(file.text.ends_with("// end\n"));
}
