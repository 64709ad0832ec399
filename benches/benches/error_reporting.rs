//! Reporting N errors must cost time linear in N: a registry with N out-of-range values and a
//! template with N unknown tags, each parsed and its errors formatted (`file:line:col:
//! message`), at N = 10,000 and N = 100,000, interleaved. Prints the median time of each and
//! the ratio 100,000 / 10,000 (10 means linear; gb-enums 0.1 took 118 s for the registry at
//! 100,000, a ratio near 100).
//!
//! Run: `cargo bench -p gb-enums-bench --bench error_reporting`

use std::time::{Duration, Instant};

use gb_enums_codegen::{parse_registry, template, Dialect, Source};

/// A registry of one enum with `n` variants, every third value out of the SMALLINT range.
fn registry_text(n: usize) -> String {
    let mut s = String::from("[enums.big]\nvariants = [\n");
    for i in 0..n {
        let value = if i % 3 == 0 { 40_000 + i } else { i };
        s.push_str(&format!("  {{ value = {value}, name = \"v{i}\" }},\n"));
    }
    s.push_str("]\n");
    s
}

/// A template with `n` tags naming an unknown enum, several per line.
fn template_text(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("SELECT {{{{ nope{i}.x }}}};"));
        if i % 4 == 3 {
            s.push('\n');
        }
    }
    s
}

/// The number of errors, after formatting every one of them.
fn report_registry(text: &str) -> usize {
    let errors = parse_registry(Source::new("big.toml", text)).unwrap_err();
    std::hint::black_box(errors.to_string());
    errors.len()
}

fn report_template(text: &str, registry: &gb_enums_codegen::Registry) -> usize {
    let errors = template::render(
        &Source::new("t.sql.tmpl", text),
        registry,
        Dialect::Postgres,
    )
    .unwrap_err();
    errors.to_string().len()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let sizes = [10_000usize, 100_000];
    let registry = parse_registry(Source::new(
        "s.toml",
        "[enums.e]\nvariants = [{ value = 0, name = \"a\" }]\n",
    ))
    .unwrap();
    let registries: Vec<String> = sizes.iter().map(|&n| registry_text(n)).collect();
    let templates: Vec<String> = sizes.iter().map(|&n| template_text(n)).collect();
    let rounds = 5;
    let mut times = vec![vec![Vec::new(); sizes.len()]; 2];
    let mut counts = [[0usize; 2]; 2];
    for _ in 0..rounds {
        // Interleaved: each round measures every size once, so drift hits all alike.
        for (i, _) in sizes.iter().enumerate() {
            let t = Instant::now();
            counts[0][i] = report_registry(&registries[i]);
            times[0][i].push(t.elapsed());
            let t = Instant::now();
            counts[1][i] = report_template(&templates[i], &registry);
            times[1][i].push(t.elapsed());
        }
    }
    for (k, what) in ["registry, out-of-range values", "template, unknown tags"]
        .iter()
        .enumerate()
    {
        let small = median(times[k][0].clone());
        let large = median(times[k][1].clone());
        println!(
            "{what}: N = {} ({} errors) {:.1} ms, N = {} ({} errors) {:.1} ms, ratio {:.1} (10 = linear)",
            sizes[0],
            counts[k][0],
            small.as_secs_f64() * 1e3,
            sizes[1],
            counts[k][1],
            large.as_secs_f64() * 1e3,
            large.as_secs_f64() / small.as_secs_f64()
        );
    }
}
