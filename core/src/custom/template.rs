//! `message` and `fix` templates: text with `{{capture}}` placeholders filled
//! from the query's captures.

/// A parsed template: literal text and capture indices, in order.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Capture(u32),
}

/// What went wrong, at a byte offset of the decoded template.
pub struct TemplateError {
    pub offset: usize,
    pub message: String,
}

impl Template {
    /// `capture_index` resolves a capture name of the rule's query.
    pub fn parse(text: &str, capture_index: impl Fn(&str) -> Option<u32>) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = text;
        let mut consumed = 0;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                return Err(TemplateError {
                    offset: consumed + open,
                    message: "unclosed placeholder: expected `}}` after `{{name`".to_string(),
                });
            };
            let name = after[..close].trim();
            let name = name.strip_prefix('@').unwrap_or(name);
            match capture_index(name) {
                Some(index) => parts.push(Part::Capture(index)),
                None => {
                    return Err(TemplateError {
                        offset: consumed + open,
                        message: format!(
                        "placeholder `{{{{{name}}}}}` names no capture of the query (expected `@{name}` in `query`)"
                    ),
                    })
                }
            }
            let used = open + 2 + close + 2;
            consumed += used;
            rest = &rest[used..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Self { parts })
    }

    /// Fills placeholders; `capture_text` gives a capture's text (`None`: empty).
    pub fn render<'a>(&self, capture_text: impl Fn(u32) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Capture(i) => out.push_str(capture_text(*i).unwrap_or("")),
            }
        }
        out
    }
}

/// A capture's text as it reads in a one-line message: first line, at most 60 characters.
pub fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim_end();
    let mut out: String = line.chars().take(60).collect();
    if out.len() < line.len() || line.len() < text.trim_end().len() {
        out.push('…');
    }
    out
}
