//! Types as written in the source. Without a type checker these are the only
//! types faultline knows: enough to tell a pointer from a map from a channel.

use crate::syntax::FastNode;
use crate::syntax::Node;
use crate::syntax::{named_children, text};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldDecl {
    /// The field's name; for an embedded field, the type's name.
    pub name: String,
    pub ty: TypeExpr,
    pub embedded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    /// `T`, `pkg.T`, `T[A]`.
    Named {
        package: Option<String>,
        name: String,
    },
    Pointer(Box<TypeExpr>),
    Slice(Box<TypeExpr>),
    /// `[N]T`, with the length as written (`None` for `[...]T`).
    Array(Option<String>, Box<TypeExpr>),
    Map(Box<TypeExpr>, Box<TypeExpr>),
    Chan(ChanDir, Box<TypeExpr>),
    Func,
    /// `interface{...}`; `empty` for `interface{}`.
    Interface {
        empty: bool,
    },
    Struct(Vec<FieldDecl>),
    Unknown,
}

/// Type expressions nested deeper than this read as [`TypeExpr::Unknown`]:
/// reading them recurses, and hostile input nests 20,000 deep (issue #13).
const MAX_TYPE_DEPTH: u32 = 100;

thread_local! {
    static TYPE_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl TypeExpr {
    /// Reads a type node of tree-sitter-go.
    pub fn from_node(node: Node<'_>, source: &str) -> TypeExpr {
        struct Leave;
        impl Drop for Leave {
            fn drop(&mut self) {
                TYPE_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
            }
        }
        let depth = TYPE_DEPTH.with(|d| d.replace(d.get() + 1));
        let _leave = Leave;
        match depth < MAX_TYPE_DEPTH {
            true => Self::read(node, source),
            false => TypeExpr::Unknown,
        }
    }

    fn read(node: Node<'_>, source: &str) -> TypeExpr {
        let child = |n: Node<'_>| named_children(n).next().map(|c| Box::new(TypeExpr::from_node(c, source)));
        let field = |n: Node<'_>, name: &str| {
            Box::new(n.field_child(name).map(|c| TypeExpr::from_node(c, source)).unwrap_or(TypeExpr::Unknown))
        };
        match node.kind_name() {
            "type_identifier" => match text(node, source) {
                "any" => TypeExpr::Interface { empty: true },
                name => TypeExpr::Named { package: None, name: name.to_string() },
            },
            "qualified_type" => TypeExpr::Named {
                package: node.field_child("package").map(|p| text(p, source).to_string()),
                name: node.field_child("name").map(|n| text(n, source).to_string()).unwrap_or_default(),
            },
            "generic_type" => match node.field_child("type") {
                Some(base) => TypeExpr::from_node(base, source),
                None => TypeExpr::Unknown,
            },
            "pointer_type" => TypeExpr::Pointer(child(node).unwrap_or(Box::new(TypeExpr::Unknown))),
            "slice_type" => TypeExpr::Slice(field(node, "element")),
            "array_type" => {
                TypeExpr::Array(node.field_child("length").map(|l| text(l, source).to_string()), field(node, "element"))
            }
            "implicit_length_array_type" => TypeExpr::Array(None, field(node, "element")),
            "map_type" => TypeExpr::Map(field(node, "key"), field(node, "value")),
            "channel_type" => {
                let src = text(node, source);
                let dir = if src.starts_with("<-") {
                    ChanDir::Recv
                } else if src.starts_with("chan<-") || src.starts_with("chan <-") {
                    ChanDir::Send
                } else {
                    ChanDir::Both
                };
                TypeExpr::Chan(dir, field(node, "value"))
            }
            "function_type" => TypeExpr::Func,
            "interface_type" => TypeExpr::Interface { empty: named_children(node).next().is_none() },
            "struct_type" => TypeExpr::Struct(struct_fields(node, source)),
            "parenthesized_type" => match named_children(node).next() {
                Some(inner) => TypeExpr::from_node(inner, source),
                None => TypeExpr::Unknown,
            },
            _ => TypeExpr::Unknown,
        }
    }

    pub fn is_pointer(&self) -> bool {
        matches!(self, TypeExpr::Pointer(_))
    }

    pub fn is_map(&self) -> bool {
        matches!(self, TypeExpr::Map(..))
    }

    /// `interface{}` or `any`.
    pub fn is_empty_interface(&self) -> bool {
        matches!(self, TypeExpr::Interface { empty: true })
    }

    /// The named type's name when this is `T` or `*T` (no package qualifier).
    pub fn local_name(&self) -> Option<&str> {
        match self {
            TypeExpr::Named { package: None, name } => Some(name),
            TypeExpr::Pointer(inner) => inner.local_name(),
            _ => None,
        }
    }

    /// `pkg.Name` or `Name` when this is a named type.
    pub fn is_named(&self, package: Option<&str>, name: &str) -> bool {
        match self {
            TypeExpr::Named { package: p, name: n } => p.as_deref() == package && n == name,
            _ => false,
        }
    }
}

/// Fields of a `struct_type` node.
pub fn struct_fields(node: Node<'_>, source: &str) -> Vec<FieldDecl> {
    let mut fields = Vec::new();
    let Some(list) = named_children(node).find(|c| c.kind_name() == "field_declaration_list") else { return fields };
    for decl in named_children(list).filter(|d| d.kind_name() == "field_declaration") {
        let ty_node = decl.field_child("type");
        let ty = ty_node.map(|t| TypeExpr::from_node(t, source)).unwrap_or(TypeExpr::Unknown);
        let mut cursor = decl.walk();
        let names: Vec<String> =
            decl.children_by_field_name("name", &mut cursor).map(|n| text(n, source).to_string()).collect();
        if names.is_empty() {
            // tree-sitter-go keeps the `*` of an embedded `*T` outside the type field.
            let starred = decl.children(&mut decl.walk()).any(|c| c.kind_name() == "*");
            let ty = if starred && !ty.is_pointer() { TypeExpr::Pointer(Box::new(ty)) } else { ty };
            // Embedded field: named after its type (`sync.Mutex` -> `Mutex`).
            let base = match &ty {
                TypeExpr::Named { name, .. } => name.clone(),
                TypeExpr::Pointer(inner) => match inner.as_ref() {
                    TypeExpr::Named { name, .. } => name.clone(),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            fields.push(FieldDecl { name: base, ty, embedded: true });
        } else {
            for name in names {
                fields.push(FieldDecl { name, ty: ty.clone(), embedded: false });
            }
        }
    }
    fields
}
