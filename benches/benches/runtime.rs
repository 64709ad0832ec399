//! Run time of the conversions: gb-enums' generated code (`gb`) vs a hand-written `match`
//! (`hand`) vs strum + num_enum + serde derive (`stack`), over all 12 shipped enums.
//!
//! Every group measures one operation; its three functions run the same loop over the same
//! inputs (every value, name or alias of every enum, and the misses), `black_box`ed, so the
//! times compare directly. Throughput is in calls, so criterion's "elem/s" is calls per
//! second. `benches/scripts/runtime.sh` repeats the run and turns it into ratios.
//!
//! ```text
//! cargo bench -p gb-enums-bench --bench runtime
//! ```

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use gb_enums_bench::ops::{self, Ops, Record};
use gb_enums_bench::shipped_enums;

/// What one enum is fed, read from `schema.toml` (not from any implementation).
struct Inputs {
    key: String,
    values: Vec<i16>,
    /// Numbers that are not values: below, between (where there is a gap) and above the
    /// registry's, and `i16::MAX`.
    missing_values: Vec<i16>,
    names: Vec<String>,
    aliases: Vec<String>,
    /// Strings that are neither names nor aliases: a wrong case, a prefix, a typo in the
    /// last letter, a longer word, the empty string.
    missing_names: Vec<String>,
    /// `"name"` as JSON, for deserialization.
    json_names: Vec<String>,
}

fn inputs() -> Vec<Inputs> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = gb_enums_codegen::load_file(&dir.join("../schema.toml"), dir);
    let registry = loaded.valid().expect("the shipped registry is valid");
    registry
        .enums
        .iter()
        .map(|e| {
            let values: Vec<i16> = e.variants.iter().map(|v| v.value.value).collect();
            let min = values.iter().copied().min().unwrap_or(0);
            let max = values.iter().copied().max().unwrap_or(0);
            let between = (min..max).find(|v| !values.contains(v));
            let missing_values = [Some(min - 1), between, Some(max + 1), Some(i16::MAX)]
                .into_iter()
                .flatten()
                .collect();
            let names: Vec<String> = e.variants.iter().map(|v| v.name.value.clone()).collect();
            let aliases = e
                .variants
                .iter()
                .flat_map(|v| v.aliases.iter().map(|a| a.value.clone()))
                .collect();
            let first = &names[0];
            let missing_names = vec![
                first.to_uppercase(),
                first[..first.len() / 2].to_string(),
                format!("{}x", &first[..first.len() - 1]),
                format!("{first}_and_more"),
                String::new(),
            ];
            let json_names = names.iter().map(|n| format!("\"{n}\"")).collect();
            Inputs {
                key: e.key.value.clone(),
                values,
                missing_values,
                names,
                aliases,
                missing_names,
                json_names,
            }
        })
        .collect()
}

/// One measured operation, applied to one enum's inputs and its variants.
trait Visit {
    fn visit<E: Ops>(&mut self, inputs: &Inputs, variants: &[E]);
}

/// One implementation: its 12 enums' variants, prepared outside the timed loop, and a walk
/// over them in registry order.
trait Family {
    type Variants;
    fn prepare(inputs: &[Inputs]) -> Self::Variants;
    fn walk<V: Visit>(inputs: &[Inputs], variants: &Self::Variants, op: &mut V);
}

macro_rules! family {
    ($family:ident $m:ident $($ty:ident $key:ident),*) => {
        struct $family;

        impl Family for $family {
            type Variants = ($(Vec<gb_enums_bench::$m::$ty>,)*);

            fn prepare(inputs: &[Inputs]) -> Self::Variants {
                let mut inputs = inputs.iter();
                ($({
                    let i = inputs.next().expect("12 enums");
                    assert_eq!(<gb_enums_bench::$m::$ty as Ops>::KEY, i.key, "registry order");
                    i.values.iter().map(|&v| Ops::from_value(v).expect("a registry value")).collect()
                },)*)
            }

            #[inline(always)]
            fn walk<V: Visit>(inputs: &[Inputs], variants: &Self::Variants, op: &mut V) {
                let ($($key,)*) = variants;
                let mut inputs = inputs.iter();
                $(
                    if let Some(i) = inputs.next() {
                        op.visit::<gb_enums_bench::$m::$ty>(i, $key);
                    }
                )*
            }
        }
    };
}

shipped_enums!(family!(Gb gb));
shipped_enums!(family!(Hand hand));
shipped_enums!(family!(Stack stack));

struct FromValueHit;
impl Visit for FromValueHit {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, i: &Inputs, _: &[E]) {
        for &v in &i.values {
            black_box(&E::from_value(black_box(v)));
        }
    }
}

struct FromValueMiss;
impl Visit for FromValueMiss {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, i: &Inputs, _: &[E]) {
        for &v in &i.missing_values {
            black_box(&E::from_value(black_box(v)));
        }
    }
}

struct FromName<F: Fn(&Inputs) -> &[String]>(F);
impl<F: Fn(&Inputs) -> &[String]> Visit for FromName<F> {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, i: &Inputs, _: &[E]) {
        for n in (self.0)(i) {
            black_box(&E::from_name(black_box(n.as_str())));
        }
    }
}

struct Name;
impl Visit for Name {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, _: &Inputs, variants: &[E]) {
        for &e in variants {
            black_box(black_box(e).name());
        }
    }
}

struct DisplayToString;
impl Visit for DisplayToString {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, _: &Inputs, variants: &[E]) {
        for &e in variants {
            black_box(black_box(e).to_string());
        }
    }
}

/// `write!` into one `String` reused for every call, the way a log line or a CSV writer
/// formats a field.
struct DisplayToBuffer(String);
impl Visit for DisplayToBuffer {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, _: &Inputs, variants: &[E]) {
        for &e in variants {
            self.0.clear();
            let _ = write!(self.0, "{}", black_box(e));
            black_box(&self.0);
        }
    }
}

struct JsonSerialize(Vec<u8>);
impl Visit for JsonSerialize {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, _: &Inputs, variants: &[E]) {
        for &e in variants {
            self.0.clear();
            let _ = serde_json::to_writer(&mut self.0, &black_box(e));
            black_box(&self.0);
        }
    }
}

struct JsonDeserialize;
impl Visit for JsonDeserialize {
    #[inline(always)]
    fn visit<E: Ops>(&mut self, i: &Inputs, _: &[E]) {
        for json in &i.json_names {
            black_box(&serde_json::from_str::<E>(black_box(json.as_str())));
        }
    }
}

fn total(inputs: &[Inputs], f: impl Fn(&Inputs) -> usize) -> u64 {
    inputs.iter().map(f).sum::<usize>() as u64
}

/// Measures `op` for the three implementations in one group.
fn compare<V: Visit>(c: &mut Criterion, name: &str, calls: u64, inputs: &[Inputs], mut op: V) {
    fn one<F: Family, V: Visit>(
        g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
        id: &str,
        inputs: &[Inputs],
        op: &mut V,
    ) {
        let variants = F::prepare(inputs);
        g.bench_function(id, |b| b.iter(|| F::walk(inputs, &variants, op)));
    }
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(calls));
    one::<Gb, V>(&mut g, "gb", inputs, &mut op);
    one::<Hand, V>(&mut g, "hand", inputs, &mut op);
    one::<Stack, V>(&mut g, "stack", inputs, &mut op);
    g.finish();
}

fn conversions(c: &mut Criterion) {
    let inputs = inputs();
    let inputs = inputs.as_slice();
    let variants = total(inputs, |i| i.values.len());
    compare(c, "from_value_hit", variants, inputs, FromValueHit);
    compare(
        c,
        "from_value_miss",
        total(inputs, |i| i.missing_values.len()),
        inputs,
        FromValueMiss,
    );
    compare(
        c,
        "from_name_hit",
        variants,
        inputs,
        FromName(|i: &Inputs| i.names.as_slice()),
    );
    compare(
        c,
        "from_name_alias",
        total(inputs, |i| i.aliases.len()),
        inputs,
        FromName(|i: &Inputs| i.aliases.as_slice()),
    );
    compare(
        c,
        "from_name_miss",
        total(inputs, |i| i.missing_names.len()),
        inputs,
        FromName(|i: &Inputs| i.missing_names.as_slice()),
    );
    compare(c, "name", variants, inputs, Name);
    compare(c, "display_to_string", variants, inputs, DisplayToString);
    compare(
        c,
        "display_to_buffer",
        variants,
        inputs,
        DisplayToBuffer(String::with_capacity(64)),
    );
    compare(
        c,
        "json_serialize",
        variants,
        inputs,
        JsonSerialize(Vec::with_capacity(64)),
    );
    compare(c, "json_deserialize", variants, inputs, JsonDeserialize);
}

/// 64 records of one field per enum, each field a different variant from record to record;
/// each iteration writes every record to JSON and reads it back.
fn json_round_trip(c: &mut Criterion) {
    let inputs = inputs();
    let rows: Vec<[i16; 12]> = (0..64)
        .map(|r| {
            core::array::from_fn(|f| inputs[f].values[(r * 7 + f * 3) % inputs[f].values.len()])
        })
        .collect();
    fn one<R: Record>(
        g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
        id: &str,
        rows: &[[i16; 12]],
    ) {
        let records: Vec<R> = rows.iter().map(R::from_values).collect();
        let mut buf = Vec::with_capacity(512);
        g.bench_function(id, |b| {
            b.iter(|| {
                for r in &records {
                    buf.clear();
                    serde_json::to_writer(&mut buf, black_box(r)).expect("serializable");
                    let back: R = serde_json::from_slice(black_box(&buf)).expect("round trip");
                    black_box(back);
                }
            })
        });
    }
    let mut g = c.benchmark_group("json_round_trip_record");
    g.throughput(Throughput::Elements(rows.len() as u64));
    one::<ops::Gb>(&mut g, "gb", &rows);
    one::<ops::Hand>(&mut g, "hand", &rows);
    one::<ops::Stack>(&mut g, "stack", &rows);
    g.finish();
}

criterion_group!(benches, conversions, json_round_trip);
criterion_main!(benches);
