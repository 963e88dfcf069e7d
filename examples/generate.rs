//! Writes a generated Council-dialect plan: `cargo run --release --example generate 14000 > big.txt`.

#[path = "../tests/support/generate.rs"]
mod generate;

fn main() {
    let actions = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    print!("{}", generate::council_plan(actions));
}
