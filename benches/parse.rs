//! Parsing speed, side by side with two reference points on the same bytes:
//! pulldown-cmark's full event pass (a mature parser that builds no domain
//! model) and the floor of splitting the text into lines and tab cells.
//! A third, `model_copy`, clones and frees the parsed plan: the least any
//! parser that returns this owned model must spend making and freeing its
//! strings and vectors, before it has read a byte.
//! Parsing includes every `check` rule; the JSON writer and `diff` are timed
//! on their own.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/support/generate.rs"]
mod generate;

const COUNCIL: &str = include_str!("../fixtures/council-9819-21.txt");
const COMMISSION: &str = include_str!("../fixtures/commission-com-2020-606.txt");

fn split_floor(text: &str) -> usize {
    text.lines().map(|line| line.split('\t').count()).sum()
}

fn pulldown(text: &str) -> usize {
    pulldown_cmark::Parser::new(text).count()
}

fn fixtures(c: &mut Criterion) {
    for (name, text) in [("council", COUNCIL), ("commission", COMMISSION)] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("actionplan_parse", |b| {
            b.iter(|| actionplan::parse(black_box(text)))
        });
        group.bench_function("pulldown_cmark_events", |b| {
            b.iter(|| pulldown(black_box(text)))
        });
        group.bench_function("split_lines_and_cells", |b| {
            b.iter(|| split_floor(black_box(text)))
        });
        let plan = actionplan::parse(text).unwrap_or_else(|e| panic!("{e}"));
        group.bench_function("model_copy", |b| b.iter(|| black_box(&plan).clone()));
        group.bench_function("json_writer", |b| {
            b.iter(|| serde_json::to_vec(black_box(&plan)).map(|v| v.len()))
        });
        group.finish();
    }
}

/// Times `iters` parses of `text` and, apart, the freeing of each plan,
/// one plan at a time (as a program that parses one file after another
/// would: memory is reused, not piled up).
fn timed(iters: u64, text: &str) -> (Duration, Duration) {
    let (mut parsing, mut freeing) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..iters {
        let start = Instant::now();
        let plan = actionplan::parse(black_box(text));
        parsing += start.elapsed();
        let start = Instant::now();
        drop(black_box(plan));
        freeing += start.elapsed();
    }
    (parsing, freeing)
}

/// Parsing cost per byte as plans grow. Freeing the plan is timed apart
/// (`actionplan_drop`): a 6.7 MB plan's model is about 35 MB of small
/// allocations, and giving them back is the allocator's work, not parsing.
fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for actions in [100u32, 1_000, 10_000] {
        let text = generate::council_plan(actions);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("actionplan_parse", actions),
            &text,
            |b, text| b.iter_custom(|iters| timed(iters, text).0),
        );
        group.bench_with_input(
            BenchmarkId::new("actionplan_drop", actions),
            &text,
            |b, text| b.iter_custom(|iters| timed(iters, text).1),
        );
    }
    group.finish();
}

fn diff(c: &mut Criterion) {
    let old = actionplan::parse(COMMISSION).unwrap_or_else(|e| panic!("{e}"));
    let new = actionplan::parse(COUNCIL).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("diff/commission_to_council", |b| {
        b.iter(|| {
            actionplan::diff::diff(black_box(&old), black_box(&new))
                .matched
                .len()
        })
    });
    c.bench_function("diff/council_to_itself", |b| {
        b.iter(|| {
            actionplan::diff::diff(black_box(&new), black_box(&new))
                .matched
                .len()
        })
    });
}

criterion_group!(benches, fixtures, scaling, diff);
criterion_main!(benches);
