//! Writes the inputs of the benchmarks: synthetic registries and, for a registry, the
//! hand-written and derive-stack alternatives gb-enums is compared with.
//!
//! ```text
//! gb-enums-bench-gen synthetic ENUMS VARIANTS      a registry, to stdout
//! gb-enums-bench-gen hand REGISTRY [NAME]          the hand-written alternative, to stdout
//! gb-enums-bench-gen stack REGISTRY [NAME]         the strum + num_enum alternative, to stdout
//! gb-enums-bench-gen gb REGISTRY_PATH              a crate root calling `registry!`, to stdout
//! gb-enums-bench-gen expand REGISTRY RUNS          times `registry!`'s expansion of REGISTRY
//!                                                  RUNS times: `PHASE SECONDS` lines
//! gb-enums-bench-gen ratios SUBJECT UNIT           `ROUND GROUP IMPL VALUE` lines on stdin to
//!                                                  a markdown table of ratios, to stdout
//! ```
//!
//! NAME is how the header names the registry (default: REGISTRY as given).

use std::path::Path;
use std::process::ExitCode;

use gb_enums_bench::gen;
use gb_enums_bench::report::Measurements;

const USAGE: &str = "usage: gb-enums-bench-gen synthetic ENUMS VARIANTS | hand REGISTRY [NAME] | stack REGISTRY [NAME] | gb REGISTRY_PATH | expand REGISTRY RUNS | ratios SUBJECT UNIT";

fn load(path: &str) -> Result<gb_enums_codegen::Registry, String> {
    let loaded = gb_enums_codegen::load_file(Path::new(path), Path::new("."));
    loaded.valid().cloned().map_err(|d| d.to_string())
}

/// Times what the proc macro does for `registry!("REGISTRY")`: reading, parsing and
/// validating the file (`load`), then all of it plus rendering the tokens (`expand`), and
/// turning the tokens into text (`to_string`, what crossing into the compiler resembles).
/// Each run reads a copy with a different trailing comment, so the macro's parse cache
/// (keyed by content) never answers.
fn expand(path: &str, runs: usize) -> Result<String, String> {
    use std::time::Instant;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let dir = std::env::temp_dir().join(format!("gb-enums-bench-expand-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let env = gb_enums_codegen::expand::MacroEnv {
        manifest_dir: dir.clone(),
        registry_override: None,
    };
    let mut out = String::new();
    for run in 0..runs {
        let file = dir.join(format!("schema-{run}.toml"));
        std::fs::write(&file, format!("{text}\n# run {run}\n")).map_err(|e| e.to_string())?;
        let start = Instant::now();
        let loaded = gb_enums_codegen::load_file(&file, &dir);
        let load = start.elapsed().as_secs_f64();
        if let Err(d) = loaded.valid() {
            return Err(d.to_string());
        }
        std::fs::write(&file, format!("{text}\n# run {run} again\n")).map_err(|e| e.to_string())?;
        let input: proc_macro2::TokenStream = format!("{:?}", file.display().to_string())
            .parse()
            .map_err(|e| format!("{e:?}"))?;
        let start = Instant::now();
        let tokens = gb_enums_codegen::expand::registry_macro(input, &env);
        let expand = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let rendered = tokens.to_string();
        let to_string = start.elapsed().as_secs_f64();
        if rendered.contains("compile_error") {
            return Err(format!("the expansion of {path} has errors"));
        }
        out.push_str(&format!("{run} load {load:.6}\n{run} expand {expand:.6}\n{run} to_string {to_string:.6}\n{run} bytes {}\n", rendered.len()));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(out)
}

fn run(args: &[String]) -> Result<String, String> {
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| USAGE.to_string())
    };
    let number = |i: usize| -> Result<usize, String> {
        arg(i)?
            .parse()
            .map_err(|_| format!("`{}` is not a number\n{USAGE}", args[i]))
    };
    match arg(0)? {
        "synthetic" => Ok(gen::synthetic_registry(number(1)?, number(2)?)),
        "hand" => Ok(gen::hand(&load(arg(1)?)?, arg(2).or(arg(1))?)),
        "stack" => Ok(gen::derive_stack(&load(arg(1)?)?, arg(2).or(arg(1))?)),
        "gb" => Ok(gen::gb(arg(1)?)),
        "expand" => expand(arg(1)?, number(2)?),
        "ratios" => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|e| e.to_string())?;
            Ok(Measurements::parse(&text)?.ratio_table(arg(1)?, arg(2)?))
        }
        _ => Err(USAGE.to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
