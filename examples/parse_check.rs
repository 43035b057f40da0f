//! Debug tool: parses `.proto` files with protoc-rs's parser and prints diagnostics in
//! protoc's gcc format. `parse_check FILE...` or `parse_check --list LISTFILE` (one path a
//! line, only errors and a timing summary printed).

use protoc_rs::compiler::syntax::parser::parse;
use protoc_rs::diagnostics::{Diagnostics, ErrorFormat};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (files, quiet): (Vec<String>, bool) = if args.first().map(String::as_str) == Some("--list")
    {
        let list = std::fs::read_to_string(&args[1]).expect("list");
        (list.lines().map(str::to_string).collect(), true)
    } else {
        (args, false)
    };
    let sources: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).expect("read")))
        .collect();
    let start = std::time::Instant::now();
    let mut failed = 0;
    let mut bytes = 0usize;
    for (name, src) in &sources {
        bytes += src.len();
        let mut diags = Diagnostics::default();
        let r = parse(name, src, &mut diags);
        for d in &diags.items {
            if d.warning && quiet && d.pos.is_none() {
                continue;
            }
            eprintln!("{}", ErrorFormat::Gcc.render(d));
        }
        if r.is_none() {
            failed += 1;
        }
        if !quiet && let Some(f) = r {
            println!("{f:#?}");
        }
    }
    if quiet {
        eprintln!(
            "{} files, {} bytes, {} failed, {:?}",
            sources.len(),
            bytes,
            failed,
            start.elapsed()
        );
    }
    std::process::exit(if failed > 0 { 1 } else { 0 });
}
