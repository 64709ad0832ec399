//! Bytes per row lost to alignment padding in PostgreSQL's heap, and the column order that
//! recovers them.
//!
//! PostgreSQL stores a row's columns in declaration order and aligns each fixed-width value
//! to its type's alignment (`typalign`: 1, 2, 4 or 8 bytes), so a SMALLINT between two
//! BIGINTs costs 8 bytes instead of 2. Variable-length values shorter than 127 bytes carry a
//! 1-byte header and are not aligned. Research measured 9-17 B/row lost by bad orders (see
//! research.md, "What the SMALLINT conversion really saves"). Changing the order needs a new
//! table, so the audit reports the loss and the order; it never reorders anything.
//!
//! The model counts the padding between columns, in bytes per row: the data starts aligned
//! to 8 (after the 24-byte header of a row without NULLs), each fixed-width column is aligned
//! in turn, and after a variable-length value every offset is taken as equally likely (its
//! length varies from row to row), so a SMALLINT right after a TEXT costs 0.5 bytes on
//! average. The final rounding of each row to 8 bytes is left out: it depends on the row's
//! total width, which varies, and can hide or double a small loss.

/// A column as the layout sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutColumn {
    /// Its name.
    pub name: String,
    /// `Some(bytes)` for a fixed-width type (`typlen > 0`), `None` for a variable-length one.
    pub fixed_len: Option<u32>,
    /// Alignment in bytes: 1, 2, 4 or 8.
    pub align: u32,
    /// Average stored width of a variable-length column, when the statistics know it.
    pub avg_width: Option<u32>,
}

/// What the current order costs and what the best order would.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Expected padding bytes per row between the columns, in the table's order.
    pub current: f64,
    /// The same in [`best_order`](Self::best_order) (0 for the usual types).
    pub best: f64,
    /// The column names in an order without padding: fixed-width columns by alignment,
    /// widest first (table order within one alignment), then the variable-length ones.
    pub best_order: Vec<String>,
}

impl Layout {
    /// Bytes per row the current order loses: `current - best`.
    pub fn lost(&self) -> f64 {
        (self.current - self.best).max(0.0)
    }
}

/// The layout of `columns` in their order and in the best one.
///
/// ```
/// use gb_enums_live::audit::padding::{layout, LayoutColumn};
///
/// let col = |name: &str, len: u32| LayoutColumn { name: name.into(), fixed_len: Some(len), align: len, avg_width: None };
/// // BIGINT, SMALLINT, TIMESTAMPTZ, SMALLINT, BIGINT: each SMALLINT is padded with 6 bytes.
/// let l = layout(&[col("id", 8), col("status", 2), col("created_at", 8), col("priority", 2), col("tenant", 8)]);
/// assert_eq!((l.current, l.best, l.lost()), (12.0, 0.0, 12.0));
/// assert_eq!(l.best_order, ["id", "created_at", "tenant", "status", "priority"]);
/// ```
pub fn layout(columns: &[LayoutColumn]) -> Layout {
    let current = padding(columns.iter());
    let mut order: Vec<&LayoutColumn> = columns.iter().collect();
    // Stable: table order within one alignment class.
    order.sort_by_key(|c| match c.fixed_len {
        Some(_) => std::cmp::Reverse(c.align),
        None => std::cmp::Reverse(0),
    });
    let best = padding(order.iter().copied());
    // An order is only worth suggesting when it saves something; otherwise the table's own
    // order is kept.
    let (best, best_order) = if best < current {
        (best, order.iter().map(|c| c.name.clone()).collect())
    } else {
        (current, columns.iter().map(|c| c.name.clone()).collect())
    };
    Layout {
        current,
        best,
        best_order,
    }
}

/// Expected padding bytes per row. The offset is tracked modulo 8 as a distribution: exact
/// (the header ends at a multiple of 8) until a variable-length value, after which every
/// residue is taken as equally likely, since lengths vary from row to row.
fn padding<'a>(columns: impl Iterator<Item = &'a LayoutColumn>) -> f64 {
    let mut dist = [0.0f64; 8];
    dist[0] = 1.0;
    let mut total = 0.0;
    for c in columns {
        let aligned = match c.fixed_len {
            Some(_) => true,
            // A value of 127 bytes or more has a 4-byte header and is aligned.
            None => c.avg_width.is_some_and(|w| w >= 127),
        };
        let mut next = [0.0f64; 8];
        for (r, &p) in dist.iter().enumerate() {
            if p == 0.0 {
                continue;
            }
            let r = r as u32;
            let a = c.align.clamp(1, 8);
            let pad = if aligned { (a - r % a) % a } else { 0 };
            total += p * f64::from(pad);
            let len = c.fixed_len.unwrap_or(0);
            next[((r + pad + len) % 8) as usize] += p;
        }
        dist = if c.fixed_len.is_some() {
            next
        } else {
            [0.125; 8]
        };
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(name: &str, len: u32, align: u32) -> LayoutColumn {
        LayoutColumn {
            name: name.into(),
            fixed_len: Some(len),
            align,
            avg_width: None,
        }
    }

    fn var(name: &str, width: u32) -> LayoutColumn {
        LayoutColumn {
            name: name.into(),
            fixed_len: None,
            align: 4,
            avg_width: Some(width),
        }
    }

    #[test]
    fn research_interleaved_order_loses_bytes() {
        // research.md: 5 SMALLINT + tenant_id BIGINT, created_at TIMESTAMPTZ, title TEXT,
        // interleaved: 117.0 B/row against 105.4 in a good order.
        let interleaved = [
            fixed("id", 16, 1),
            fixed("s1", 2, 2),
            fixed("tenant_id", 8, 8),
            fixed("s2", 2, 2),
            fixed("created_at", 8, 8),
            fixed("s3", 2, 2),
            var("title", 30),
            fixed("s4", 2, 2),
            fixed("s5", 2, 2),
        ];
        let l = layout(&interleaved);
        assert_eq!(l.current, 6.0 + 6.0 + 0.5);
        assert_eq!(l.best, 0.0);
        assert_eq!(
            l.best_order,
            [
                "tenant_id",
                "created_at",
                "s1",
                "s2",
                "s3",
                "s4",
                "s5",
                "id",
                "title"
            ]
        );
    }

    #[test]
    fn storage_benchmark_bad_order() {
        // benches/scripts/storage.sh's bad order of 5 SMALLINTs (BENCHMARKS.md quotes this).
        let bad = [
            fixed("id", 16, 1),
            fixed("status", 2, 2),
            fixed("tenant_id", 8, 8),
            fixed("priority", 2, 2),
            fixed("created_at", 8, 8),
            fixed("execution_mode", 2, 2),
            var("title", 12),
            fixed("risk_level", 2, 2),
            fixed("approval_status", 2, 2),
        ];
        assert_eq!(layout(&bad).lost(), 12.5);
    }

    #[test]
    fn a_good_order_loses_nothing_and_keeps_its_order() {
        let good = [
            fixed("id", 8, 8),
            fixed("status", 2, 2),
            fixed("priority", 2, 2),
            var("title", 20),
        ];
        let l = layout(&good);
        assert_eq!(l.lost(), 0.0);
        assert_eq!(l.best_order, ["id", "status", "priority", "title"]);
    }

    #[test]
    fn after_text_a_bigint_costs_its_average_padding() {
        let l = layout(&[var("name", 10), fixed("id", 8, 8)]);
        assert_eq!(l.current, 3.5);
        assert_eq!(l.best_order, ["id", "name"]);
        assert!(layout(&[var("long", 300), fixed("s", 2, 2)]).current > 0.0);
        assert_eq!(layout(&[]).current, 0.0);
    }
}
