//! Progress of long steps: a bar on a terminal, plain lines otherwise.
//!
//! A bar redraws itself in place, which is right for a person watching and wrong for a CI log
//! or a file, where each redraw would be kept. So [`Progress::auto`] draws an `indicatif` bar
//! only when stderr is a terminal and otherwise writes a line at every tenth of the work.
//! Progress always goes to stderr (or the given writer), never to stdout, so that a report
//! on stdout (`--format json`) stays clean.

use std::io::{IsTerminal as _, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Progress of one step of known or unknown size.
///
/// ```
/// use gb_enums_live::progress::Progress;
///
/// let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
/// let mut p = Progress::lines(
///     "scanning auto_tasks",
///     Some(200),
///     "blocks",
///     Box::new(gb_enums_live::progress::SharedBuf(log.clone())),
/// );
/// p.inc(100);
/// p.inc(100);
/// p.finish();
/// let text = String::from_utf8(log.lock().unwrap().clone()).unwrap();
/// assert!(text.starts_with("scanning auto_tasks: 100/200 blocks (50%)\n"), "{text}");
/// assert!(text.contains("scanning auto_tasks: done, 200 blocks in "), "{text}");
/// ```
pub struct Progress {
    inner: Inner,
}

enum Inner {
    Bar(ProgressBar),
    Lines(Lines),
    Hidden,
}

struct Lines {
    label: String,
    unit: String,
    total: Option<u64>,
    done: u64,
    /// The tenth of the work (or, without a total, the count) at which the next line is due.
    next: u64,
    started: Instant,
    out: Box<dyn Write + Send>,
}

impl Progress {
    /// A bar on stderr when stderr is a terminal, else plain lines on stderr.
    pub fn auto(label: &str, total: Option<u64>, unit: &str) -> Self {
        if std::io::stderr().is_terminal() {
            Progress::bar(label, total, unit)
        } else {
            Progress::lines(label, total, unit, Box::new(std::io::stderr()))
        }
    }

    /// An `indicatif` bar on stderr.
    pub fn bar(label: &str, total: Option<u64>, unit: &str) -> Self {
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
        };
        let template = if total.is_some() {
            format!("{{msg}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{percent}}%, eta {{eta}})")
        } else {
            format!("{{spinner}} {{msg}} {{pos}} {unit} ({{elapsed}})")
        };
        // The templates are fixed above; a template error would be a bug here, so fall back to
        // the default style rather than fail a long-running command over its progress bar.
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_owned());
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress {
            inner: Inner::Bar(bar),
        }
    }

    /// Plain lines on `out`: one at every tenth of `total` (every doubling without a total),
    /// and one when finished.
    pub fn lines(label: &str, total: Option<u64>, unit: &str, out: Box<dyn Write + Send>) -> Self {
        Progress {
            inner: Inner::Lines(Lines {
                label: label.to_owned(),
                unit: unit.to_owned(),
                total,
                done: 0,
                next: 1,
                started: Instant::now(),
                out,
            }),
        }
    }

    /// No output at all (small steps, or `--quiet`).
    pub fn hidden() -> Self {
        Progress {
            inner: Inner::Hidden,
        }
    }

    /// `n` more units done.
    pub fn inc(&mut self, n: u64) {
        match &mut self.inner {
            Inner::Bar(bar) => bar.inc(n),
            Inner::Lines(lines) => lines.advance(n),
            Inner::Hidden => {}
        }
    }

    /// The step is over: the bar is cleared, or a last line says how long it took.
    pub fn finish(self) {
        match self.inner {
            Inner::Bar(bar) => bar.finish_and_clear(),
            Inner::Lines(mut lines) => {
                let line = format!(
                    "{}: done, {} {} in {:.1?}\n",
                    lines.label,
                    lines.done,
                    lines.unit,
                    lines.started.elapsed()
                );
                // Progress is best effort: a closed stderr must not fail the command.
                let _ = lines.out.write_all(line.as_bytes());
                let _ = lines.out.flush();
            }
            Inner::Hidden => {}
        }
    }
}

impl Lines {
    fn advance(&mut self, n: u64) {
        self.done = self.done.saturating_add(n);
        let line = match self.total {
            Some(total) if total > 0 => {
                // The whole is said by `finish`.
                let tenths = self.done.saturating_mul(10) / total;
                if self.done >= total || tenths < self.next {
                    return;
                }
                self.next = tenths + 1;
                format!(
                    "{}: {}/{} {} ({}%)\n",
                    self.label,
                    self.done,
                    total,
                    self.unit,
                    self.done.saturating_mul(100) / total
                )
            }
            _ => {
                if self.done < self.next {
                    return;
                }
                self.next = self.done.saturating_mul(2);
                format!("{}: {} {}\n", self.label, self.done, self.unit)
            }
        };
        let _ = self.out.write_all(line.as_bytes());
        let _ = self.out.flush();
    }
}

/// A writer into a shared buffer, to capture progress lines (in tests and doctests).
#[derive(Clone, Debug, Default)]
pub struct SharedBuf(pub std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut v) => {
                v.extend_from_slice(buf);
                Ok(buf.len())
            }
            Err(_) => Err(std::io::Error::other("progress buffer poisoned")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
