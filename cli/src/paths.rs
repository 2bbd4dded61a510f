//! How paths are resolved and shown. Paths are made absolute lexically (no
//! symlink resolution, so `/usr/lib/go-1.19/src` keeps its name and its
//! ancestors' go.mod) and shown relative to the current directory when they
//! are below it, as given otherwise, always `/`-separated.

use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone)]
pub struct PathStyle {
    cwd: Option<PathBuf>,
}

impl PathStyle {
    pub fn from_env() -> Self {
        Self { cwd: std::env::current_dir().ok().map(|d| normalize(&d)) }
    }

    /// `path` made absolute against the current directory, with `.` and `..` removed.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        match (&self.cwd, path.is_absolute()) {
            (Some(cwd), false) => normalize(&cwd.join(path)),
            _ => normalize(path),
        }
    }

    /// The path as output formats print it.
    pub fn display(&self, path: &Path) -> String {
        let abs = self.absolute(path);
        if let Some(rel) = self.cwd.as_ref().and_then(|cwd| abs.strip_prefix(cwd).ok()) {
            return slash_string(if rel.as_os_str().is_empty() { Path::new(".") } else { rel });
        }
        slash_string(&normalize(path))
    }
}

/// Removes `.` components and folds `..` into the component before it where
/// there is one (a leading `..` of a relative path stays).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// A `/`-separated string for a path (lossy for names that are not UTF-8).
pub fn slash_string(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize(Path::new("./a/./b/../c.go")), PathBuf::from("a/c.go"));
        assert_eq!(normalize(Path::new("../x/a.go")), PathBuf::from("../x/a.go"));
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
        assert_eq!(normalize(Path::new("./")), PathBuf::from("."));
    }

    #[test]
    fn displays_relative_below_cwd() {
        let style = PathStyle { cwd: Some(PathBuf::from("/w/repo")) };
        assert_eq!(style.display(Path::new("./pkg/a.go")), "pkg/a.go");
        assert_eq!(style.display(Path::new("/w/repo/pkg/a.go")), "pkg/a.go");
        assert_eq!(style.display(Path::new("/usr/lib/x.go")), "/usr/lib/x.go");
        assert_eq!(style.display(Path::new("../other/x.go")), "../other/x.go");
        assert_eq!(style.display(Path::new(".")), ".");
    }
}
