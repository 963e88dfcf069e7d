//! Parses a file many times, for profilers: `cargo build --profile bench --example profile`
//! (the benchmarks' build, with LTO), then `valgrind --tool=callgrind target/release/examples/profile FILE N`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "fixtures/council-9819-21.txt".to_owned());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut actions = 0;
    for _ in 0..times {
        actions += actionplan::parse(&text)
            .map(|p| p.actions.len())
            .unwrap_or(0);
    }
    println!("{actions}");
}
