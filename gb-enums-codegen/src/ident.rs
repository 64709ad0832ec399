//! Names: snake_case checks, case conversion, Rust identifiers.

/// Whether `s` is `[a-z][a-z0-9_]*`.
pub fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// The non-empty `_`-separated parts of `s`, each with its first letter in upper case.
fn capitalized_parts(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split('_').filter(|p| !p.is_empty()).map(|p| {
        let mut c = p.chars();
        match c.next() {
            Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
            None => String::new(),
        }
    })
}

/// `waiting_approval` -> `WaitingApproval`.
pub fn upper_camel(s: &str) -> String {
    capitalized_parts(s).collect()
}

/// `WaitingApproval` -> `waiting_approval`, `HTTPStatus` -> `http_status`.
pub fn snake_case(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && !out.ends_with('_') && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else if c == '-' || c == ' ' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `task_status` -> `Task Status`.
pub fn title_case(s: &str) -> String {
    capitalized_parts(s).collect::<Vec<_>>().join(" ")
}

/// Rust's strict and reserved keywords (all editions); none can name a type or variant.
pub const RUST_KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Why `s` cannot be a Rust type or variant identifier, if it cannot.
pub fn rust_ident_problem(s: &str) -> Option<&'static str> {
    let mut chars = s.chars();
    let first_ok = matches!(chars.next(), Some('A'..='Z' | 'a'..='z' | '_'));
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || s == "_" {
        return Some("is not a Rust identifier");
    }
    if RUST_KEYWORDS.contains(&s) {
        return Some("is a Rust keyword");
    }
    None
}

/// Whether `s` is a plain SQL identifier, `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_sql_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('A'..='Z' | 'a'..='z' | '_'))
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(upper_camel("waiting_approval"), "WaitingApproval");
        assert_eq!(upper_camel("a__b1"), "AB1");
        assert_eq!(snake_case("WaitingApproval"), "waiting_approval");
        assert_eq!(snake_case("HTTPStatus"), "http_status");
        assert_eq!(snake_case("LlmProvider"), "llm_provider");
        assert_eq!(snake_case("APP_CREATE"), "app_create");
        assert_eq!(title_case("llm_provider"), "Llm Provider");
        assert!(is_snake_case("app_create2"));
        assert!(!is_snake_case("AppCreate") && !is_snake_case("_x") && !is_snake_case(""));
        assert_eq!(rust_ident_problem("Self"), Some("is a Rust keyword"));
        assert_eq!(rust_ident_problem("9x"), Some("is not a Rust identifier"));
        assert_eq!(rust_ident_problem("Running"), None);
    }
}
