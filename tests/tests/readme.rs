//! README.md as a test subject: its Rust snippets are doctests of `gb-enums-layers-tests`
//! (`tests/layers/lib.rs`, `readme`); this file checks that none of them opts out of that, and that the SQL template
//! snippet renders to the output shown under it.

use gb_enums_codegen::model::Dialect;
use gb_enums_codegen::source::Source;
use gb_enums_tests::workspace_root;

/// The fenced blocks of `markdown`: (info string, body, line of the opening fence).
fn blocks(markdown: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new(), i + 1)),
            (Some(_), Some(rest)) if rest.trim().is_empty() => out.extend(open.take()),
            (Some((_, body, _)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md: a code fence is not closed");
    out
}

fn readme() -> String {
    std::fs::read_to_string(workspace_root().join("README.md")).expect("read README.md")
}

/// rustdoc compiles a block whose info string is empty or `rust`; one marked `ignore`,
/// `no_run` or `compile_fail`, or written as ```` ```rs ````, would escape the check.
#[test]
fn every_rust_snippet_is_compiled_and_run() {
    let text = readme();
    let all = blocks(&text);
    let mut rust = 0;
    for (info, _, line) in &all {
        let words: Vec<&str> = info.split([',', ' ']).filter(|w| !w.is_empty()).collect();
        let is_rust = words.is_empty() || words.contains(&"rust") || words.contains(&"rs");
        if is_rust {
            assert_eq!(
                words,
                ["rust"],
                "README.md:{line}: a Rust snippet is marked ```{info}; write ```rust and hide setup lines with `# ` instead"
            );
            rust += 1;
        }
        for opt_out in ["ignore", "no_run", "compile_fail", "should_panic"] {
            assert!(
                !words.contains(&opt_out),
                "README.md:{line}: ```{info} opts out of the doctest"
            );
        }
    }
    // The snippets this test was written against; more is fine.
    assert!(rust >= 7, "only {rust} Rust snippets found in README.md");
}

/// The template snippet (the `sql` block with `{{ ... }}`) renders with the repository's
/// registry to exactly the `sql` block that follows it.
#[test]
fn the_sql_template_snippet_renders_as_shown() {
    let text = readme();
    let all = blocks(&text);
    let at = all
        .iter()
        .position(|(info, body, _)| info == "sql" && body.contains("{{ task_status.completed }}"))
        .expect("the template snippet in README.md");
    let (_, template, line) = &all[at];
    let (info, shown, _) = all.get(at + 1).expect("a block after the template snippet");
    assert_eq!(
        info, "sql",
        "README.md:{line}: the rendering follows the template"
    );
    let root = workspace_root();
    let loaded = gb_enums_codegen::load_file(&root.join("schema.toml"), &root);
    let registry = loaded
        .registry
        .as_ref()
        .expect("the shipped registry parses");
    let rendered = gb_enums_codegen::template::render(
        &Source::new("README.md", template.clone()),
        registry,
        Dialect::Postgres,
    )
    .unwrap_or_else(|e| panic!("README.md:{line}: {e}"));
    assert_eq!(&rendered, shown, "README.md:{line}");
}
