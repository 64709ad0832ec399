//! Medians and spreads of repeated measurements.

use core::fmt;

/// The distribution of a set of measurements: median, quartiles, extremes.
///
/// ```
/// use gb_enums_bench::stats::Summary;
/// let s = Summary::of(vec![1.0, 5.0, 2.0, 4.0, 3.0]);
/// assert_eq!((s.median, s.q1, s.q3, s.min, s.max), (3.0, 2.0, 4.0, 1.0, 5.0));
/// assert_eq!(s.to_string(), "3.000 [2.000, 4.000] (1.000-5.000)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// The middle value (the mean of the two middle ones for an even count).
    pub median: f64,
    /// The first quartile.
    pub q1: f64,
    /// The third quartile.
    pub q3: f64,
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
}

/// The `p` quantile of sorted `v`, interpolated linearly between neighbours.
fn quantile(v: &[f64], p: f64) -> f64 {
    let pos = p * (v.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
}

impl Summary {
    /// Summarizes `values`; NaNs sort last. An empty set gives NaN everywhere.
    pub fn of(mut values: Vec<f64>) -> Summary {
        if values.is_empty() {
            return Summary {
                median: f64::NAN,
                q1: f64::NAN,
                q3: f64::NAN,
                min: f64::NAN,
                max: f64::NAN,
            };
        }
        values.sort_by(f64::total_cmp);
        Summary {
            median: quantile(&values, 0.5),
            q1: quantile(&values, 0.25),
            q3: quantile(&values, 0.75),
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.3} [{:.3}, {:.3}] ({:.3}-{:.3})",
            self.median, self.q1, self.q3, self.min, self.max
        )
    }
}
