//! Ratios from repeated, interleaved measurements, as `BENCHMARKS.md` quotes them.
//!
//! Input: one measurement a line, `ROUND GROUP IMPL VALUE` (whitespace-separated; VALUE in
//! any unit, the same within a group). Each round measured every implementation of a group
//! close together in time, so ratios are taken within a round and then summarized: the
//! spread is that of the per-round ratios, not of the raw times.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::stats::Summary;

/// One implementation's value per round.
type Rounds = BTreeMap<String, f64>;

/// `group -> impl -> round -> value`, in first-seen order of groups and impls.
#[derive(Debug, Default)]
pub struct Measurements {
    groups: Vec<(String, Vec<(String, Rounds)>)>,
}

impl Measurements {
    /// Parses the lines; a line that does not have four fields with a number last is an
    /// error naming its line number.
    pub fn parse(text: &str) -> Result<Measurements, String> {
        let mut m = Measurements::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [round, group, imp, value] = fields[..] else {
                return Err(format!(
                    "line {}: expected `ROUND GROUP IMPL VALUE`, found `{line}`",
                    n + 1
                ));
            };
            let value: f64 = value
                .parse()
                .map_err(|_| format!("line {}: `{value}` is not a number", n + 1))?;
            let g = match m.groups.iter().position(|(name, _)| name == group) {
                Some(i) => i,
                None => {
                    m.groups.push((group.to_string(), Vec::new()));
                    m.groups.len() - 1
                }
            };
            let imps = &mut m.groups[g].1;
            let i = match imps.iter().position(|(name, _)| name == imp) {
                Some(i) => i,
                None => {
                    imps.push((imp.to_string(), BTreeMap::new()));
                    imps.len() - 1
                }
            };
            imps[i].1.insert(round.to_string(), value);
        }
        Ok(m)
    }

    /// A markdown table: per group, the median of each implementation and the ratio of
    /// `subject` to each other implementation and to the best (smallest) of them per round.
    pub fn ratio_table(&self, subject: &str, unit: &str) -> String {
        let mut out = String::new();
        let others: Vec<&str> = self
            .groups
            .iter()
            .flat_map(|(_, imps)| imps.iter().map(|(n, _)| n.as_str()))
            .filter(|n| *n != subject)
            .fold(Vec::new(), |mut acc, n| {
                if !acc.contains(&n) {
                    acc.push(n);
                }
                acc
            });
        let _ = write!(out, "| operation | {subject} ({unit}) |");
        for o in &others {
            let _ = write!(out, " {o} ({unit}) |");
        }
        for o in &others {
            let _ = write!(out, " {subject} / {o} |");
        }
        let _ = writeln!(out, " {subject} / best alternative | rounds |");
        let _ = writeln!(out, "|{}", " --- |".repeat(3 + 2 * others.len() + 1));
        for (group, imps) in &self.groups {
            let get = |name: &str| imps.iter().find(|(n, _)| n == name).map(|(_, r)| r);
            let Some(subject_rounds) = get(subject) else {
                continue;
            };
            let median =
                |name: &str| get(name).map(|r| Summary::of(r.values().copied().collect()).median);
            let ratio = |name: &str| -> Option<Summary> {
                let r = get(name)?;
                let v: Vec<f64> = subject_rounds
                    .iter()
                    .filter_map(|(k, s)| Some(s / r.get(k)?))
                    .collect();
                (!v.is_empty()).then(|| Summary::of(v))
            };
            let best: Vec<f64> = subject_rounds
                .iter()
                .filter_map(|(k, s)| {
                    let b = others
                        .iter()
                        .filter_map(|o| get(o)?.get(k).copied())
                        .reduce(f64::min)?;
                    Some(s / b)
                })
                .collect();
            let _ = write!(out, "| {group} | {} |", fmt_value(median(subject)));
            for o in &others {
                let _ = write!(out, " {} |", fmt_value(median(o)));
            }
            for o in &others {
                let _ = write!(
                    out,
                    " {} |",
                    ratio(o).map_or("-".to_string(), |s| fmt_ratio(&s))
                );
            }
            let best = (!best.is_empty()).then(|| Summary::of(best));
            let _ = writeln!(
                out,
                " **{}** | {} |",
                best.map_or("-".to_string(), |s| fmt_ratio(&s)),
                subject_rounds.len()
            );
        }
        out
    }
}

fn fmt_value(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 100.0 => format!("{v:.0}"),
        Some(v) if v >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.2}"),
        None => "-".into(),
    }
}

/// `1.02 (0.98-1.05)`: the median ratio and the range over the rounds.
fn fmt_ratio(s: &Summary) -> String {
    format!("{:.2} ({:.2}-{:.2})", s.median, s.min, s.max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_taken_within_a_round() {
        let m = Measurements::parse(
            "1 op gb 10\n1 op hand 20\n1 op stack 5\n2 op gb 30\n2 op hand 30\n2 op stack 60\n",
        )
        .unwrap();
        let table = m.ratio_table("gb", "ns");
        // Round 1: gb/hand 0.5, gb/stack 2, best 2; round 2: 1, 0.5, best 1.
        assert!(table.contains("| op | 20.0 | 25.0 | 32.5 | 0.75 (0.50-1.00) | 1.25 (0.50-2.00) | **1.50 (1.00-2.00)** | 2 |"), "{table}");
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(
            Measurements::parse("1 op gb\n").unwrap_err(),
            "line 1: expected `ROUND GROUP IMPL VALUE`, found `1 op gb`"
        );
        assert_eq!(
            Measurements::parse("\n1 op gb x\n").unwrap_err(),
            "line 2: `x` is not a number"
        );
    }
}
