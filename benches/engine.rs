//! Native engine throughput (criterion): the dev corpus repeated to 3 MB, scanned post by post,
//! and single posts of 100 B to 1 MB (cost must grow linearly with size).
//!
//! The texts are built exactly as bench/lib/workload.mjs builds them for the wasm and JavaScript
//! benchmarks, so the figures sit side by side in BENCHMARKS.md. Run with
//! `cargo bench --no-default-features --bench engine`; the corpus is ../shared/corpus/dev.jsonl
//! (or $NIGEHBAN_CORPUS). `NIGEHBAN_BENCH_QUICK=1` shortens the measurement for a smoke run.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::path::PathBuf;
    use std::time::Duration;

    use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
    use nigehban::Scanner;

    const CORPUS_BYTES: usize = 3_000_000;
    const GROWTH_SIZES: [usize; 5] = [100, 1_000, 10_000, 100_000, 1_000_000];

    fn corpus_path() -> PathBuf {
        match std::env::var_os("NIGEHBAN_CORPUS") {
            Some(p) => PathBuf::from(p),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev.jsonl"),
        }
    }

    /// The `text` of every JSON line; broken or text-less lines are skipped (as in workload.mjs).
    fn corpus_texts() -> Vec<String> {
        let path = corpus_path();
        let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read the corpus at {}: {e} (set NIGEHBAN_CORPUS)",
                path.display()
            )
        });
        raw.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|row| row.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The corpus repeated, in order, until it reaches `target` bytes.
    fn repeat_to_bytes(texts: &[String], target: usize) -> (Vec<&str>, usize) {
        let mut posts = Vec::new();
        let mut bytes = 0;
        for text in texts.iter().cycle() {
            if bytes >= target {
                break;
            }
            posts.push(text.as_str());
            bytes += text.len();
        }
        (posts, bytes)
    }

    /// One post of at most `size` bytes: corpus texts joined by newlines, cut on a char boundary.
    fn post_of_size(texts: &[String], size: usize) -> String {
        let mut out = String::new();
        for (i, text) in texts.iter().cycle().enumerate() {
            if out.len() >= size {
                break;
            }
            if i > 0 {
                out.push('\n');
            }
            out.push_str(text);
        }
        let mut cut = size.min(out.len());
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out
    }

    fn quick() -> bool {
        std::env::var("NIGEHBAN_BENCH_QUICK").is_ok_and(|v| v == "1")
    }

    fn configure(c: Criterion) -> Criterion {
        if quick() {
            c.sample_size(10)
                .warm_up_time(Duration::from_millis(300))
                .measurement_time(Duration::from_secs(1))
        } else {
            // 10 samples (criterion's least): the big inputs take a second or more per scan
            c.sample_size(10)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(3))
        }
    }

    fn corpus(c: &mut Criterion, scanner: &Scanner, texts: &[String]) {
        let (posts, bytes) = repeat_to_bytes(texts, CORPUS_BYTES);
        let mut group = c.benchmark_group("corpus");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(BenchmarkId::new("scan", posts.len()), |b| {
            b.iter(|| {
                let mut flagged = 0usize;
                for post in &posts {
                    flagged += usize::from(scanner.scan(black_box(post)).flagged);
                }
                flagged
            })
        });
        group.finish();
    }

    fn growth(c: &mut Criterion, scanner: &Scanner, texts: &[String]) {
        let mut group = c.benchmark_group("growth");
        // one scan of the biggest post can take long: sample flatly instead of linearly
        group.sampling_mode(SamplingMode::Flat);
        for size in GROWTH_SIZES {
            let post = post_of_size(texts, size);
            group.throughput(Throughput::Bytes(post.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &post, |b, post| {
                b.iter(|| scanner.scan(black_box(post)))
            });
        }
        group.finish();
    }

    pub fn main() {
        let scanner = Scanner::new().expect("built-in rules load");
        let texts = corpus_texts();
        assert!(!texts.is_empty(), "the corpus has no texts");
        let mut c = configure(Criterion::default()).configure_from_args();
        corpus(&mut c, &scanner, &texts);
        growth(&mut c, &scanner, &texts);
        c.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
