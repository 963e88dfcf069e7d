//! Runs one of the benchmarks' routines on a file many times, for profilers:
//! `cargo build --profile bench --example profile` (the benchmarks' build, with LTO), then
//! `valgrind --tool=callgrind target/release/examples/profile FILE N [WHAT]`.
//!
//! WHAT is `parse` (the default), or one of the reference points the benchmark
//! sets beside it, so that each can be counted in instructions too: `copy`
//! (cloning and freeing the parsed plan), `pulldown` (pulldown-cmark's event
//! pass) and `split` (splitting the text into lines and tab cells).
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "fixtures/council-9819-21.txt".to_owned());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let what = args.next().unwrap_or_else(|| "parse".to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let plan = actionplan::parse(&text).ok();
    let mut count = 0;
    for _ in 0..times {
        let text = black_box(text.as_str());
        count += match what.as_str() {
            "parse" => actionplan::parse(text).map_or(0, |p| p.actions.len()),
            "copy" => plan.clone().map_or(0, |p| p.actions.len()),
            "pulldown" => pulldown_cmark::Parser::new(text).count(),
            "split" => text.lines().map(|line| line.split('\t').count()).sum(),
            other => {
                eprintln!("unknown routine `{other}`: parse, copy, pulldown or split");
                std::process::exit(2);
            }
        };
    }
    println!("{count}");
}
