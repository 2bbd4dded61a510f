//! Builds a [`FileModel`] in one iterative walk (no recursion: deeply nested
//! input cannot overflow the stack). Package-level names are declared first so
//! that functions see each other regardless of order; inside functions, names
//! come into scope where Go says they do (after their declaring statement).

use super::reuse::{PackageSpan, Previous, UnitSpan};
use super::*;
use crate::syntax::FastNode;
use crate::syntax::{field, is_comment, kind, named_children, text};

enum Task<'t> {
    Visit(Node<'t>),
    /// Declare the left side of `:=`, `var`, `const`, `range` after the right side was visited.
    Declare(Node<'t>, BindingKind),
    PushScope(ScopeKind, TextRange),
    PopScope,
    PopFunction,
    /// Visit the operand of an assignment target with the given access.
    Target(Node<'t>, Access),
    /// A `literal_value`, knowing whether its literal is a map (keys are then expressions).
    LiteralValue(Node<'t>, bool),
    /// A `keyed_element`, knowing whether its literal is a map.
    KeyedElement(Node<'t>, bool),
    /// An identifier that is dereferenced where it stands (`x.f`, `*x`, `x[i]`).
    Dereferenced(Node<'t>),
    /// The `selector_expression` a call expression calls (`x.m` of `x.m()`):
    /// its operand is not dereferenced by the selection (a method may take a nil receiver).
    CalledSelector(Node<'t>),
    /// Entering (`true`) or leaving the arguments of `unsafe.Sizeof`,
    /// `Alignof` or `Offsetof`, which are never evaluated: `unsafe.Sizeof(*p)`
    /// does not dereference `p`.
    Unevaluated(bool),
}

/// Pushes `items` so that they pop in the order given (no temporary `Vec`).
fn push_in_order<'t>(tasks: &mut Vec<Task<'t>>, items: impl Iterator<Item = Task<'t>>) {
    let at = tasks.len();
    tasks.extend(items);
    tasks[at..].reverse();
}

struct Builder<'s> {
    source: &'s str,
    model: FileModel,
    scope_stack: Vec<ScopeId>,
    function_stack: Vec<FunctionId>,
    /// name -> bindings with that name, innermost last, for scopes on the stack.
    /// Keys borrow the source: no allocation per declaration.
    visible: super::fast_hash::FastMap<&'s str, Vec<BindingId>>,
    /// Bindings declared in each scope on the stack, to drop them on pop.
    declared: Vec<Vec<BindingId>>,
    /// The package-level names are declared; the top-level nodes are walked.
    walking_units: bool,
    /// A name was declared at package level while walking a top-level node
    /// (only in broken code): later nodes see it, so their models cannot be copied.
    leaked: bool,
    /// Package-level bindings the node being walked takes the address of.
    package_addresses: Vec<BindingId>,
    /// How many `unsafe.Sizeof(...)`-like calls enclose the node visited.
    unevaluated: usize,
}

/// Builds the model of `tree`; with `previous`, top-level nodes the edit did
/// not touch are moved over from the previous model (see [`super::reuse`]).
/// Also says whether `previous` declared the same package-level names in the
/// same order (false without `previous`).
pub(super) fn build(
    tree: &FlatTree,
    top_level: &[Node<'_>],
    source: &str,
    mut previous: Option<Previous>,
) -> (FileModel, bool) {
    let mut b = Builder {
        source,
        model: FileModel::default(),
        scope_stack: Vec::new(),
        function_stack: Vec::new(),
        visible: Default::default(),
        declared: Vec::new(),
        walking_units: false,
        leaked: false,
        package_addresses: Vec::new(),
        unevaluated: 0,
    };
    if let Some(p) = &previous {
        b.model.reserve_like(&p.model);
    }
    let root = tree.root_node();
    b.push_scope(ScopeKind::Package, TextRange::of(root));
    b.declare_package_level(top_level, previous.as_mut());
    b.model.package_bindings = b.model.bindings.len();
    b.walking_units = true;
    let mut previous = previous.filter(|p| p.same_package_names(&b.model));
    let same_package_names = previous.is_some();
    // One buffer of children for the whole walk.
    let mut children = Vec::new();
    for &unit in top_level.iter().filter(|c| !matches!(kind(**c), "package_clause" | "import_declaration")) {
        let range = TextRange::of(unit);
        let clean = !b.leaked && !unit.has_error();
        let old = previous.as_mut().filter(|_| clean).and_then(|p| Some((p.take_unit(unit.kind_id(), range)?, p)));
        let span = match old {
            Some((old_unit, p)) => b.model.copy_unit(&mut p.model, &old_unit, range.start),
            None => b.walk_unit(unit, clean, &mut children),
        };
        b.model.units.push(span);
    }
    b.model.index_references();
    (b.model, same_package_names)
}

impl<'s> Builder<'s> {
    fn current_scope(&self) -> ScopeId {
        self.scope_stack.last().copied().unwrap_or(0)
    }

    fn current_function(&self) -> Option<FunctionId> {
        self.function_stack.last().copied()
    }

    fn push_scope(&mut self, kind: ScopeKind, range: TextRange) {
        let id = self.model.scopes.len();
        self.model.scopes.push(Scope {
            kind,
            parent: self.scope_stack.last().copied(),
            range,
            function: self.current_function(),
        });
        self.scope_stack.push(id);
        self.declared.push(Vec::new());
    }

    fn pop_scope(&mut self) {
        self.scope_stack.pop();
        for id in self.declared.pop().unwrap_or_default() {
            let name = self.model.bindings[id].name.as_str();
            if let Some(stack) = self.visible.get_mut(name) {
                stack.pop();
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn declare(
        &mut self,
        ident: Node<'_>,
        kind: BindingKind,
        statement: Node<'_>,
        declared_type: Option<TypeExpr>,
        init: Option<TextRange>,
        init_index: Option<usize>,
    ) -> Option<BindingId> {
        let name = text(ident, self.source);
        if name == "_" || name.is_empty() {
            return None;
        }
        let id = self.model.bindings.len();
        self.leaked |= self.walking_units && self.current_scope() == 0;
        self.model.bindings.push(Binding {
            name: name.to_string(),
            kind,
            range: TextRange::of(ident),
            statement: TextRange::of(statement),
            scope: self.current_scope(),
            function: self.current_function(),
            declared_type,
            init,
            init_index,
            address_taken: false,
        });
        self.model.binding_at.entry(ident.start_byte()).or_insert(id);
        self.visible.entry(name).or_default().push(id);
        if let Some(list) = self.declared.last_mut() {
            list.push(id);
        }
        Some(id)
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.visible.get(name).and_then(|s| s.last().copied())
    }

    fn reference(&mut self, ident: Node<'_>, access: Access) {
        let Some(binding) = self.lookup(text(ident, self.source)) else { return };
        self.model.references.push(Reference {
            range: TextRange::of(ident),
            binding,
            access,
            function: self.current_function(),
        });
        self.model.dereferenced.push(false);
        self.model.ref_at.insert(ident.start_byte(), self.model.references.len() - 1);
    }

    fn declare_package_level(&mut self, top_level: &[Node<'_>], mut previous: Option<&mut Previous>) {
        for &decl in top_level {
            match kind(decl) {
                "package_clause" => {
                    self.model.package = named_children(decl).next().map(|n| text(n, self.source).to_string());
                }
                "import_declaration" => self.declare_imports(decl),
                "function_declaration" => {
                    if let Some(name) = field!(decl, "name") {
                        self.declare(name, BindingKind::PackageFunc, decl, Some(TypeExpr::Func), None, None);
                    }
                }
                "var_declaration" | "const_declaration" | "type_declaration" => {
                    let (range, clean) = (TextRange::of(decl), !decl.has_error());
                    let (bindings, types) = (self.model.bindings.len(), self.model.types.len());
                    let old = previous
                        .as_deref_mut()
                        .filter(|_| clean)
                        .and_then(|p| Some((p.take_package_unit(decl.kind_id(), range)?, p)));
                    match old {
                        Some((span, p)) => self.redeclare(&mut p.model, &span, range.start),
                        None => {
                            for spec in specs(decl) {
                                let kind = match spec.kind_name() {
                                    "var_spec" => BindingKind::PackageVar,
                                    "const_spec" => BindingKind::PackageConst,
                                    _ => BindingKind::PackageType,
                                };
                                self.declare_spec(spec, kind);
                            }
                        }
                    }
                    self.model.package_units.push(PackageSpan {
                        kind: decl.kind_id(),
                        range,
                        reusable: clean,
                        bindings: bindings..self.model.bindings.len(),
                        types: types..self.model.types.len(),
                    });
                }
                _ => {}
            }
        }
    }

    /// Declares again the package-level names and types a `var`, `const` or
    /// `type` declaration of the previous model declared, moved to `new_start`
    /// (what `declare_spec` would do: they depend only on the declaration's text).
    /// Types are moved out of `old`; binding names are cloned, because the
    /// build compares the old package-level names with the new ones afterwards.
    fn redeclare(&mut self, old: &mut FileModel, span: &PackageSpan, new_start: usize) {
        let delta = new_start as isize - span.range.start as isize;
        let moved = |r: TextRange| r.moved(delta);
        for t in old.types.get_mut(span.types.clone()).unwrap_or_default() {
            let (name, ty) = (std::mem::take(&mut t.name), std::mem::replace(&mut t.ty, TypeExpr::Unknown));
            self.model.types.push(TypeDecl { name, ty, range: moved(t.range) });
        }
        for b in old.bindings.get_mut(span.bindings.clone()).unwrap_or_default() {
            let range = moved(b.range);
            // The name as this source spells it: `visible` borrows its keys from the source.
            let Some(name) = self.source.get(range.start..range.end) else { continue };
            let id = self.model.bindings.len();
            self.model.bindings.push(Binding {
                name: b.name.clone(),
                kind: b.kind,
                range,
                statement: moved(b.statement),
                scope: self.current_scope(),
                function: None,
                declared_type: b.declared_type.take(),
                init: b.init.map(moved),
                init_index: b.init_index,
                address_taken: false,
            });
            self.model.binding_at.entry(range.start).or_insert(id);
            self.visible.entry(name).or_default().push(id);
            if let Some(list) = self.declared.last_mut() {
                list.push(id);
            }
        }
    }

    fn declare_imports(&mut self, decl: Node<'_>) {
        let mut specs_found = Vec::new();
        for child in named_children(decl) {
            match child.kind_name() {
                "import_spec" => specs_found.push(child),
                "import_spec_list" => {
                    specs_found.extend(named_children(child).filter(|c| c.kind_name() == "import_spec"))
                }
                _ => {}
            }
        }
        for spec in specs_found {
            let Some(path_node) = field!(spec, "path") else { continue };
            let path = text(path_node, self.source).trim_matches(|c| c == '"' || c == '`').to_string();
            let alias = field!(spec, "name");
            let name = match alias {
                Some(a) => text(a, self.source).to_string(),
                None => default_import_name(&path),
            };
            self.model.imports.push(Import {
                path,
                name: name.clone(),
                explicit_alias: alias.is_some(),
                range: TextRange::of(spec),
            });
            if let Some(a) = alias.filter(|a| a.kind_name() == "package_identifier") {
                self.declare(a, BindingKind::Import, spec, None, None, None);
            }
        }
    }

    /// Declares the names of a var/const/type spec (values are visited separately).
    fn declare_spec(&mut self, spec: Node<'_>, kind: BindingKind) {
        let source = self.source;
        match spec.kind_name() {
            "type_spec" | "type_alias" => {
                let Some(name) = field!(spec, "name") else { return };
                let ty = field!(spec, "type").map(|t| TypeExpr::from_node(t, source));
                if let Some(ty) = ty.clone() {
                    self.model.types.push(TypeDecl {
                        name: text(name, source).to_string(),
                        ty,
                        range: TextRange::of(spec),
                    });
                }
                // Type names are identifiers of kind type_identifier: record for completeness.
                let kind = if kind == BindingKind::PackageType { kind } else { BindingKind::LocalType };
                self.declare(name, kind, spec, ty, None, None);
            }
            _ => {
                let ty = field!(spec, "type").map(|t| TypeExpr::from_node(t, source));
                let values: Vec<Node<'_>> =
                    field!(spec, "value").map(|v| named_children(v).collect()).unwrap_or_default();
                let names: Vec<Node<'_>> = declared_names(spec).collect();
                let single_call = values.len() == 1 && names.len() > 1;
                for (i, name) in names.iter().enumerate() {
                    let (init, index) = if single_call {
                        (values.first().map(|v| TextRange::of(*v)), Some(i))
                    } else {
                        (values.get(i).map(|v| TextRange::of(*v)), None)
                    };
                    self.declare(*name, kind, spec, ty.clone(), init, index);
                }
            }
        }
    }

    /// Walks one top-level node and returns what it added to the model.
    fn walk_unit<'t>(&mut self, unit: Node<'t>, clean: bool, children: &mut Vec<Node<'t>>) -> UnitSpan {
        let m = &self.model;
        let (scopes, bindings, functions, references, types) =
            (m.scopes.len(), m.bindings.len(), m.functions.len(), m.references.len(), m.types.len());
        self.package_addresses.clear();
        self.unevaluated = 0;
        self.run(vec![Task::Visit(unit)], children);
        let m = &self.model;
        UnitSpan {
            kind: unit.kind_id(),
            range: TextRange::of(unit),
            reusable: clean && !self.leaked,
            scopes: scopes..m.scopes.len(),
            bindings: bindings..m.bindings.len(),
            functions: functions..m.functions.len(),
            references: references..m.references.len(),
            types: types..m.types.len(),
            package_addresses: std::mem::take(&mut self.package_addresses),
        }
    }

    fn run<'t>(&mut self, mut tasks: Vec<Task<'t>>, children: &mut Vec<Node<'t>>) {
        while let Some(task) = tasks.pop() {
            match task {
                Task::Visit(node) => self.visit(node, &mut tasks, children),
                Task::Declare(node, kind) => self.declare_left(node, kind),
                Task::PushScope(kind, range) => self.push_scope(kind, range),
                Task::PopScope => self.pop_scope(),
                Task::PopFunction => {
                    self.function_stack.pop();
                }
                Task::Target(node, access) => self.visit_target(node, access, &mut tasks),
                Task::LiteralValue(node, in_map) => push_literal_value(node, in_map, &mut tasks),
                Task::KeyedElement(node, in_map) => push_keyed_element(node, in_map, &mut tasks),
                Task::Dereferenced(ident) => {
                    let before = self.model.references.len();
                    self.reference(ident, Access::Read);
                    if let Some(flag) = self.model.dereferenced.get_mut(before).filter(|_| self.unevaluated == 0) {
                        *flag = true;
                    }
                }
                Task::CalledSelector(selector) => {
                    if let Some(operand) = field!(selector, "operand") {
                        tasks.push(Task::Visit(operand));
                    }
                }
                Task::Unevaluated(true) => self.unevaluated += 1,
                Task::Unevaluated(false) => self.unevaluated = self.unevaluated.saturating_sub(1),
            }
        }
    }

    fn visit<'t>(&mut self, node: Node<'t>, tasks: &mut Vec<Task<'t>>, children: &mut Vec<Node<'t>>) {
        let source = self.source;
        // Children are pushed in reverse so they pop in document order.
        let mut push_children = |tasks: &mut Vec<Task<'t>>, node: Node<'t>| push_named_children(children, tasks, node);
        let node_kind = kind(node);
        match node_kind {
            "identifier" => self.reference(node, Access::Read),
            "function_declaration" | "method_declaration" | "func_literal" => self.enter_function(node, tasks),
            "block" => {
                tasks.push(Task::PopScope);
                push_children(tasks, node);
                tasks.push(Task::PushScope(ScopeKind::Block, TextRange::of(node)));
            }
            "if_statement"
            | "for_statement"
            | "expression_switch_statement"
            | "type_switch_statement"
            | "select_statement"
            | "expression_case"
            | "default_case"
            | "type_case"
            | "communication_case" => {
                tasks.push(Task::PopScope);
                if node_kind == "type_switch_statement" {
                    self.push_type_switch(node, tasks);
                } else {
                    push_children(tasks, node);
                }
                tasks.push(Task::PushScope(ScopeKind::Block, TextRange::of(node)));
            }
            "short_var_declaration" => {
                tasks.push(Task::Declare(node, BindingKind::LocalVar));
                if let Some(right) = field!(node, "right") {
                    tasks.push(Task::Visit(right));
                }
            }
            "range_clause" => {
                let defines = node.children(&mut node.walk()).any(|c| c.kind_name() == ":=");
                if defines {
                    tasks.push(Task::Declare(node, BindingKind::RangeVar));
                } else if let Some(left) = field!(node, "left") {
                    tasks.push(Task::Target(left, Access::Write));
                }
                if let Some(right) = field!(node, "right") {
                    tasks.push(Task::Visit(right));
                }
            }
            "for_clause" => {
                // The initializer's `:=` declares loop variables.
                let initializer = field!(node, "initializer");
                let at = tasks.len();
                for part in named_children(node) {
                    let is_init = initializer == Some(part);
                    if is_init && kind(part) == "short_var_declaration" {
                        // In pop order (the segment is reversed below): the right side, then the names.
                        if let Some(right) = field!(part, "right") {
                            tasks.push(Task::Visit(right));
                        }
                        tasks.push(Task::Declare(part, BindingKind::ForClauseVar));
                    } else {
                        tasks.push(Task::Visit(part));
                    }
                }
                tasks[at..].reverse();
            }
            "var_declaration" | "const_declaration" | "type_declaration" => {
                for spec in specs(node).into_iter().rev() {
                    let kind = match kind(spec) {
                        "var_spec" => BindingKind::LocalVar,
                        "const_spec" => BindingKind::LocalConst,
                        _ => BindingKind::LocalType,
                    };
                    if self.function_stack.is_empty() {
                        // Package level: names were declared up front; visit values only.
                        if let Some(value) = field!(spec, "value") {
                            tasks.push(Task::Visit(value));
                        }
                        continue;
                    }
                    tasks.push(Task::Declare(spec, kind));
                    if let Some(value) = field!(spec, "value") {
                        tasks.push(Task::Visit(value));
                    }
                }
            }
            "assignment_statement" => {
                let compound = field!(node, "operator").is_some_and(|op| text(op, source) != "=");
                let access = if compound { Access::ReadWrite } else { Access::Write };
                if let Some(left) = field!(node, "left") {
                    tasks.push(Task::Target(left, access));
                }
                if let Some(right) = field!(node, "right") {
                    tasks.push(Task::Visit(right));
                }
            }
            "inc_statement" | "dec_statement" => {
                if let Some(operand) = named_children(node).next() {
                    tasks.push(Task::Target(operand, Access::ReadWrite));
                }
            }
            "unary_expression" => {
                if let Some(operand) = field!(node, "operand") {
                    let is_addr = field!(node, "operator").is_some_and(|op| text(op, source) == "&");
                    if is_addr {
                        if let Some(id) = self.lookup(text(crate::syntax::unparen(operand), source)) {
                            if crate::syntax::unparen(operand).kind_name() == "identifier" {
                                self.model.bindings[id].address_taken = true;
                                if id < self.model.package_bindings {
                                    self.package_addresses.push(id);
                                }
                            }
                        }
                    }
                    let is_deref = field!(node, "operator").is_some_and(|op| text(op, source) == "*");
                    tasks.push(deref_or_visit(operand, is_deref));
                }
            }
            "selector_expression" => {
                if let Some(operand) = field!(node, "operand") {
                    tasks.push(deref_or_visit(operand, true));
                }
            }
            "call_expression" => {
                let unevaluated = is_unsafe_layout_call(node, self.source);
                if unevaluated {
                    tasks.push(Task::Unevaluated(false));
                }
                let at = tasks.len();
                push_children(tasks, node);
                if let Some(function) = field!(node, "function").filter(|f| kind(*f) == "selector_expression") {
                    mark_task(&mut tasks[at..], function, Task::CalledSelector(function));
                }
                if unevaluated {
                    tasks.push(Task::Unevaluated(true));
                }
            }
            "index_expression" => {
                let at = tasks.len();
                push_children(tasks, node);
                if let Some(operand) = field!(node, "operand").filter(|o| kind(*o) == "identifier") {
                    mark_task(&mut tasks[at..], operand, Task::Dereferenced(operand));
                }
            }
            // `keyed_element` needs to know whether its literal is a map: the
            // composite literal tells its `literal_value` and that its elements
            // (written when `Node::parent` walked down from tree-sitter's root;
            // on the flat tree it is an index read).
            "composite_literal" => {
                let in_map = field!(node, "type").is_some_and(|t| kind(t) == "map_type");
                push_in_order(
                    tasks,
                    named_children(node).map(|child| match kind(child) {
                        "literal_value" => Task::LiteralValue(child, in_map),
                        _ => Task::Visit(child),
                    }),
                );
            }
            "literal_value" => push_literal_value(node, literal_value_in_map(node), tasks),
            // A nested `{...}` element: its `literal_value`'s parent is this
            // element, which has no type, so it is not a map's body.
            "literal_element" => push_in_order(
                tasks,
                named_children(node).map(|child| match kind(child) {
                    "literal_value" => Task::LiteralValue(child, false),
                    _ => Task::Visit(child),
                }),
            ),
            "keyed_element" => {
                let in_map = node.parent().is_some_and(literal_value_in_map);
                push_keyed_element(node, in_map, tasks);
            }
            // Types, labels and parameter lists of function types name no variables.
            "parameter_list"
            | "type_parameter_list"
            | "field_declaration_list"
            | "interface_type"
            | "type_arguments"
            | "label_name"
            | "comment"
            | "package_clause"
            | "import_declaration" => {}
            _ => push_children(tasks, node),
        }
    }

    fn push_type_switch<'t>(&mut self, node: Node<'t>, tasks: &mut Vec<Task<'t>>) {
        push_in_order(
            tasks,
            named_children(node).filter(|c| matches!(kind(*c), "type_case" | "default_case")).map(Task::Visit),
        );
        // Popped in reverse: initializer, then the switched value, then the alias.
        if let Some(alias) = field!(node, "alias") {
            tasks.push(Task::Declare(alias, BindingKind::TypeSwitchVar));
        }
        if let Some(value) = field!(node, "value") {
            tasks.push(Task::Visit(value));
        }
        if let Some(init) = field!(node, "initializer") {
            tasks.push(Task::Visit(init));
        }
    }

    /// Assignment targets: a bare identifier is written; anything else
    /// (`m[k]`, `p.f`, `*p`) reads the names it mentions.
    fn visit_target<'t>(&mut self, node: Node<'t>, access: Access, tasks: &mut Vec<Task<'t>>) {
        if kind(node) == "expression_list" {
            push_in_order(tasks, named_children(node).map(|child| Task::Target(child, access)));
            return;
        }
        let inner = crate::syntax::unparen(node);
        if inner.kind_name() == "identifier" {
            self.reference(inner, access);
        } else {
            tasks.push(Task::Visit(node));
        }
    }

    fn declare_left(&mut self, node: Node<'_>, kind: BindingKind) {
        let source = self.source;
        match node.kind_name() {
            "var_spec" | "const_spec" | "type_spec" | "type_alias" => self.declare_spec(node, kind),
            "expression_list" => {
                // type switch alias
                for ident in named_children(node).filter(|n| n.kind_name() == "identifier") {
                    self.declare(ident, kind, node, None, None, None);
                }
            }
            _ => {
                // short_var_declaration or range_clause
                let Some(left) = field!(node, "left") else { return };
                let values: Vec<Node<'_>> = field!(node, "right")
                    .map(|r| if r.kind_name() == "expression_list" { named_children(r).collect() } else { vec![r] })
                    .unwrap_or_default();
                let names: Vec<Node<'_>> = named_children(left).collect();
                let single_call = values.len() == 1 && names.len() > 1;
                let current = self.current_scope();
                for (i, name) in names.iter().enumerate() {
                    if name.kind_name() != "identifier" {
                        continue;
                    }
                    // `a, err := ...` reuses `err` when this scope already declares it.
                    let existing = self
                        .lookup(text(*name, source))
                        .filter(|&id| self.model.bindings[id].scope == current && kind == BindingKind::LocalVar);
                    if existing.is_some() {
                        self.reference(*name, Access::Write);
                        continue;
                    }
                    let (init, index) = match kind {
                        BindingKind::RangeVar => (values.first().map(|v| TextRange::of(*v)), Some(i)),
                        _ if single_call => (values.first().map(|v| TextRange::of(*v)), Some(i)),
                        _ => (values.get(i).map(|v| TextRange::of(*v)), None),
                    };
                    self.declare(*name, kind, node, None, init, index);
                }
            }
        }
    }

    fn enter_function<'t>(&mut self, node: Node<'t>, tasks: &mut Vec<Task<'t>>) {
        let source = self.source;
        let kind = match node.kind_name() {
            "function_declaration" => FunctionKind::Func,
            "method_declaration" => FunctionKind::Method,
            _ => FunctionKind::Closure,
        };
        let id = self.model.functions.len();
        let parent = self.current_function();
        self.function_stack.push(id);
        self.push_scope(ScopeKind::Function, TextRange::of(node));
        let scope = self.current_scope();

        let receiver =
            field!(node, "receiver").and_then(|r| self.declare_params(r, BindingKind::Receiver).into_iter().next());
        let receiver_type = receiver.as_ref().and_then(|r| r.ty.local_name().map(str::to_string));
        let params = field!(node, "parameters").map(|p| self.declare_params(p, BindingKind::Param)).unwrap_or_default();
        let results = match field!(node, "result") {
            Some(r) if r.kind_name() == "parameter_list" => self.declare_params(r, BindingKind::Result),
            Some(r) => vec![Param { name: None, ty: TypeExpr::from_node(r, source), binding: None, variadic: false }],
            None => Vec::new(),
        };
        let name = if kind == FunctionKind::Closure {
            None
        } else {
            field!(node, "name").map(|n| text(n, source).to_string())
        };
        let body = field!(node, "body");
        self.model.functions.push(FunctionInfo {
            kind,
            name,
            receiver_type,
            receiver,
            params,
            results,
            range: TextRange::of(node),
            body: body.map(TextRange::of),
            scope,
            parent,
        });
        self.model.function_at.insert(node.start_byte(), id);

        tasks.push(Task::PopFunction);
        tasks.push(Task::PopScope);
        if let Some(body) = body {
            tasks.push(Task::Visit(body));
        }
    }

    fn declare_params(&mut self, list: Node<'_>, kind: BindingKind) -> Vec<Param> {
        let source = self.source;
        let mut params = Vec::new();
        for decl in named_children(list) {
            let variadic = decl.kind_name() == "variadic_parameter_declaration";
            if !variadic && decl.kind_name() != "parameter_declaration" {
                continue;
            }
            let ty = field!(decl, "type").map(|t| TypeExpr::from_node(t, source)).unwrap_or(TypeExpr::Unknown);
            let ty = if variadic { TypeExpr::Slice(Box::new(ty)) } else { ty };
            let mut names = declared_names(decl).peekable();
            if names.peek().is_none() {
                params.push(Param { name: None, ty, binding: None, variadic });
                continue;
            }
            for name in names {
                let binding = self.declare(name, kind, decl, Some(ty.clone()), None, None);
                params.push(Param { name: Some(text(name, source).to_string()), ty: ty.clone(), binding, variadic });
            }
        }
        params
    }
}

/// The `name` children of a parameter declaration, `var_spec` or `const_spec`:
/// its identifiers (a `const_spec`'s `name` field also holds the commas
/// between them, which are no names). In tree-sitter-go a type is never an `identifier` (a type
/// name is a `type_identifier`) and a value list is an `expression_list`, so
/// no other child of these nodes is one; this spares a cursor and the field
/// table's scan over every child (`children_by_field_name`).
fn declared_names<'t>(decl: Node<'t>) -> impl Iterator<Item = Node<'t>> {
    named_children(decl).filter(|c| kind(*c) == "identifier")
}

/// `unsafe.Sizeof(x)`, `unsafe.Alignof(x)`, `unsafe.Offsetof(x.f)`: the
/// compiler works their value out from `x`'s type; `x` is never evaluated.
pub(crate) fn is_unsafe_layout_call(call: Node<'_>, source: &str) -> bool {
    matches!(crate::syntax::callee_name(call, source), Some((Some("unsafe"), "Sizeof" | "Alignof" | "Offsetof")))
}

/// The task for the operand of a dereference: an identifier (inside any
/// parentheses) is recorded as dereferenced when `is_deref`.
fn deref_or_visit(operand: Node<'_>, is_deref: bool) -> Task<'_> {
    let inner = crate::syntax::unparen(operand);
    match is_deref && kind(inner) == "identifier" {
        true => Task::Dereferenced(inner),
        false => Task::Visit(operand),
    }
}

/// Replaces the `Visit` task of `node` among the just pushed `tasks` by `task`.
fn mark_task<'t>(tasks: &mut [Task<'t>], node: Node<'t>, task: Task<'t>) {
    if let Some(slot) = tasks.iter_mut().find(|t| matches!(t, Task::Visit(n) if *n == node)) {
        *slot = task;
    }
}

/// Whether a `literal_value` is the body of a map literal: its parent is the
/// composite literal (a nested `{...}` element's parent is a `literal_element`).
fn literal_value_in_map(literal_value: Node<'_>) -> bool {
    literal_value.parent().and_then(|cl| field!(cl, "type")).is_some_and(|t| kind(t) == "map_type")
}

fn push_literal_value<'t>(node: Node<'t>, in_map: bool, tasks: &mut Vec<Task<'t>>) {
    push_in_order(
        tasks,
        named_children(node).map(|child| match kind(child) {
            "keyed_element" => Task::KeyedElement(child, in_map),
            _ => Task::Visit(child),
        }),
    );
}

/// In struct literals the key is a field name, not a variable.
fn push_keyed_element<'t>(node: Node<'t>, in_map: bool, tasks: &mut Vec<Task<'t>>) {
    push_in_order(
        tasks,
        named_children(node)
            .enumerate()
            .filter(|&(i, child)| !(i == 0 && !in_map && is_bare_identifier_element(child)))
            .map(|(_, child)| Task::Visit(child)),
    );
}

/// Pushes the named children of `node` (comments skipped) so that they pop in
/// document order, read into `children`, a buffer kept for the whole walk.
fn push_named_children<'t>(children: &mut Vec<Node<'t>>, tasks: &mut Vec<Task<'t>>, node: Node<'t>) {
    children.clear();
    children.extend(node.named_child_iter());
    let kept = children.iter().rev().filter(|child| !is_comment(**child));
    tasks.extend(kept.map(|child| Task::Visit(*child)));
}

fn specs(decl: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for child in named_children(decl) {
        match child.kind_name() {
            "var_spec" | "const_spec" | "type_spec" | "type_alias" => out.push(child),
            "var_spec_list" | "const_spec_list" | "type_spec_list" => out.extend(named_children(child)),
            _ => {}
        }
    }
    out
}

fn is_bare_identifier_element(element: Node<'_>) -> bool {
    element.kind_name() == "literal_element"
        && named_children(element).next().is_some_and(|c| c.kind_name() == "identifier")
        || element.kind_name() == "identifier"
}

/// The name a package is used by when imported without an alias: the last
/// path element, skipping a major-version suffix (`/v2`) and a `go-` prefix.
fn default_import_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    let is_major = last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit());
    if is_major {
        last = parts.next().unwrap_or(last);
    }
    let last = last.strip_prefix("go-").unwrap_or(last);
    let last = match last.find(".v") {
        Some(i) if last[i + 2..].chars().all(|c| c.is_ascii_digit()) => &last[..i],
        _ => last,
    };
    last.replace(['-', '.'], "_")
}

#[cfg(test)]
mod tests {
    use super::{declared_names, default_import_name};
    use crate::syntax::{field_children, walk_preorder_to_depth};

    /// `declared_names` finds exactly the `name` field children, on every
    /// declaration that can have them, in well-formed and broken code.
    #[test]
    fn declared_names_are_the_name_fields() {
        let sources = [
            "package p\nvar a, /* c */ b int = 1, 2\nconst (x, y = iota, 2; z)\nvar (u = f(); v, w T)\n\
             func f(a, b int, c ...string) (n int, err error) { var q, r = g(); const k T = 1; _ = func(x, y *T, _ int) {} }\n\
             func (t *T[K]) m(p pkg.T, fn func(int) int, m map[K]V) {}\nfunc g(int, string) {}\n",
            "package p\nvar a b c\nconst = 1\nfunc f(a, b, ) {}\nfunc g(x int y) { var , z = 1 }\nfunc h(... int, k) {\n",
        ];
        let mut checked = 0;
        for source in sources {
            let tree = crate::syntax::FlatTree::parse(source).expect("parses");
            walk_preorder_to_depth(tree.root_node(), u32::MAX, |node| {
                if matches!(
                    node.kind(),
                    "parameter_declaration" | "variadic_parameter_declaration" | "var_spec" | "const_spec"
                ) {
                    checked += 1;
                    // A `const_spec`'s `name` field also holds the commas between the names.
                    let names: Vec<_> = field_children(node, "name").into_iter().filter(|n| n.is_named()).collect();
                    assert_eq!(declared_names(node).collect::<Vec<_>>(), names, "{node:?}");
                }
                true
            });
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn import_names() {
        assert_eq!(default_import_name("fmt"), "fmt");
        assert_eq!(default_import_name("net/http"), "http");
        assert_eq!(default_import_name("github.com/x/y/v2"), "y");
        assert_eq!(default_import_name("gopkg.in/yaml.v3"), "yaml");
        assert_eq!(default_import_name("github.com/mattn/go-sqlite3"), "sqlite3");
    }
}
