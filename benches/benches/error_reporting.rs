//! Reporting N errors must cost time linear in N: a registry with N out-of-range values and a
//! template with N unknown tags (N errors each, counted and printed), each parsed and its errors formatted (`file:line:col:
//! message`), at N = 10,000 and N = 100,000 (and the template at 1,000,000), interleaved.
//! Prints the median time of each, its spread (min-max) and the ratio 100,000 / 10,000 (10
//! means linear; gb-enums 0.1 took 118 s for the registry at 100,000, a ratio near 100), and
//! the same inputs without errors, so that the cost of reporting can be told from the cost of
//! reading the file at all.
//!
//! Run: `cargo bench -p gb-enums-bench --bench error_reporting`

use std::time::{Duration, Instant};

use gb_enums_codegen::{parse_registry, template, Dialect, Source};

/// A registry of enums with `n` variants in all, 1,000 variants an enum; with `errors`, every
/// value is out of the SMALLINT range (one error each), otherwise every value is fine.
fn registry_text(n: usize, errors: bool) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i % 1000 == 0 {
            if i > 0 {
                s.push_str("]\n");
            }
            s.push_str(&format!("[enums.e{i}]\nvariants = [\n"));
        }
        let value = if errors { 40_000 + i } else { i % 1000 };
        s.push_str(&format!("  {{ value = {value}, name = \"v{i}\" }},\n"));
    }
    s.push_str("]\n");
    s
}

/// A template with `n` tags, several per line; with `errors`, each names an unknown enum,
/// otherwise each names the known `e.a`.
fn template_text(n: usize, errors: bool) -> String {
    let mut s = String::new();
    for i in 0..n {
        if errors {
            s.push_str(&format!("SELECT {{{{ nope{i}.x }}}};"));
        } else {
            s.push_str("SELECT {{ e.a }};");
        }
        if i % 4 == 3 {
            s.push('\n');
        }
    }
    s
}

/// The number of errors, after formatting every one of them.
fn report_registry(text: &str) -> usize {
    match parse_registry(Source::new("big.toml", text)) {
        Ok(r) => {
            std::hint::black_box(r);
            0
        }
        Err(errors) => {
            std::hint::black_box(errors.to_string());
            errors.len()
        }
    }
}

fn report_template(text: &str, registry: &gb_enums_codegen::Registry) -> usize {
    match template::render(
        &Source::new("t.sql.tmpl", text),
        registry,
        Dialect::Postgres,
    ) {
        Ok(out) => {
            std::hint::black_box(out);
            0
        }
        Err(errors) => {
            std::hint::black_box(errors.to_string());
            errors.len()
        }
    }
}

/// Median, min and max in milliseconds.
fn stats(v: &[Duration]) -> (f64, f64, f64) {
    let mut ms: Vec<f64> = v.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[0], ms[ms.len() - 1])
}

/// One measured input: what it is, its size, and how to run it once (returning the number of
/// errors).
struct Case<'a> {
    what: &'static str,
    n: usize,
    run: Box<dyn Fn() -> usize + 'a>,
    times: Vec<Duration>,
    errors: usize,
}

fn main() {
    let registry = parse_registry(Source::new(
        "s.toml",
        "[enums.e]\nvariants = [{ value = 0, name = \"a\" }]\n",
    ))
    .unwrap();
    let registry = &registry;
    // The registry at 1,000,000 would take seconds a round for what 100,000 already shows;
    // the template at 1,000,000 is the size that never finished in gb-enums 0.1.
    let registry_sizes = [10_000usize, 100_000];
    let template_sizes = [10_000usize, 100_000, 1_000_000];
    let mut inputs: Vec<(&'static str, usize, String, bool)> = Vec::new();
    for errors in [true, false] {
        for &n in &registry_sizes {
            let what = if errors {
                "registry, out-of-range values"
            } else {
                "registry, no error (baseline)"
            };
            inputs.push((what, n, registry_text(n, errors), true));
        }
        for &n in &template_sizes {
            let what = if errors {
                "template, unknown tags"
            } else {
                "template, known tags (baseline)"
            };
            inputs.push((what, n, template_text(n, errors), false));
        }
    }
    let mut cases: Vec<Case<'_>> = inputs
        .iter()
        .map(|(what, n, text, is_registry)| Case {
            what,
            n: *n,
            run: if *is_registry {
                Box::new(move || report_registry(text))
            } else {
                Box::new(move || report_template(text, registry))
            },
            times: Vec::new(),
            errors: 0,
        })
        .collect();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for _ in 0..rounds {
        // Interleaved: each round measures every input once, so drift hits all alike.
        for case in &mut cases {
            let t = Instant::now();
            case.errors = (case.run)();
            case.times.push(t.elapsed());
        }
    }
    println!("{rounds} rounds, median (min-max) in ms");
    for (i, case) in cases.iter().enumerate() {
        let (median, min, max) = stats(&case.times);
        // The ratio to the case of the same input 10 times smaller, if measured.
        let ratio = cases[..i]
            .iter()
            .find(|c| c.what == case.what && c.n * 10 == case.n)
            .map(|c| {
                format!(
                    ", ratio to N = {}: {:.1} (10 = linear)",
                    c.n,
                    median / stats(&c.times).0
                )
            })
            .unwrap_or_default();
        println!(
            "{}: N = {} ({} errors) {median:.1} ms ({min:.1}-{max:.1}){ratio}",
            case.what, case.n, case.errors
        );
    }
}
