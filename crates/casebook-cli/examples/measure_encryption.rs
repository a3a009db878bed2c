//! Times a search, a filtered case list and opening a case on two copies of one database, one
//! plain and one encrypted, in one process: each operation's median over many runs once the
//! database is open, and the first run after opening (a cold page cache). Run by
//! `scripts/measure-encryption.py`, which builds the databases; not a test.
//!
//! Usage: measure_encryption PLAIN.sqlite3 ENCRYPTED.sqlite3 PASSPHRASE REFERENCE RUNS

use std::path::Path;
use std::time::Instant;

use casebook::case::Filter;
use casebook::{case, search, views, Db, Key, Passphrase, Stamp};

type Op = (&'static str, Box<dyn Fn(&Db) -> casebook::Result<usize>>);
/// Opening time, then each operation's (first run, median), in milliseconds.
type Figures = (f64, Vec<(f64, f64)>);

fn ops(reference: String) -> Vec<Op> {
    vec![
        (
            "search (two words, 50 results)",
            Box::new(|db: &Db| Ok(search::search(db.conn(), "complaint post", 50)?.len())),
        ),
        (
            "filtered list (platform and stage)",
            Box::new(|db: &Db| {
                let f = Filter {
                    platform: Some("Facebook".into()),
                    stage: Some("closed".into()),
                    ..Filter::default()
                };
                Ok(case::list(db.conn(), &f)?.len())
            }),
        ),
        (
            "open a case (the whole case view)",
            Box::new(move |db: &Db| {
                let today = chrono::Utc::now().date_naive();
                Ok(views::case_detail(db.conn(), &reference, today)?
                    .history
                    .len())
            }),
        ),
    ]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Opening time, then for each operation (first run, median of `runs`), in milliseconds.
fn measure(
    path: &Path,
    key: &Key,
    ops: &[Op],
    runs: usize,
) -> casebook::Result<(f64, Vec<(f64, f64)>)> {
    let t = Instant::now();
    let db = Db::open(path, key, &Stamp::new("Measurement", chrono::Utc::now()))?;
    let opened = t.elapsed().as_secs_f64() * 1000.0;
    let mut out = Vec::new();
    for (_, op) in ops {
        let t = Instant::now();
        op(&db)?;
        let first = t.elapsed().as_secs_f64() * 1000.0;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            op(&db)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        out.push((first, median(times)));
    }
    Ok((opened, out))
}

fn main() -> casebook::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, plain, encrypted, passphrase, reference, runs] = args.as_slice() else {
        eprintln!("usage: measure_encryption PLAIN ENCRYPTED PASSPHRASE REFERENCE RUNS");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().unwrap_or(20);
    let ops = ops(reference.clone());
    let key = Key::Passphrase(Passphrase::new(passphrase.as_str())?);
    // Alternate plain and encrypted twice so neither always runs on a warmer machine; keep each
    // one's better round.
    let mut best: Option<(Figures, Figures)> = None;
    for _ in 0..2 {
        let p = measure(Path::new(plain), &Key::Plain, &ops, runs)?;
        let e = measure(Path::new(encrypted), &key, &ops, runs)?;
        best = Some(match best {
            None => (p, e),
            Some((bp, be)) => {
                let pick = |a: Figures, b: Figures| {
                    let sum = |x: &Figures| x.1.iter().map(|m| m.1).sum::<f64>();
                    if sum(&a) <= sum(&b) {
                        a
                    } else {
                        b
                    }
                };
                (pick(bp, p), pick(be, e))
            }
        });
    }
    let Some(((p_open, p), (e_open, e))) = best else {
        return Ok(());
    };
    println!("opening the database: plain {p_open:.1} ms, encrypted {e_open:.1} ms (key derivation, once per opening)");
    println!(
        "{:40} {:>12} {:>12} {:>8}   floor",
        "operation (median of runs, database open)", "plain ms", "encrypted ms", "ratio"
    );
    let mut missed = false;
    for (i, (name, _)) in ops.iter().enumerate() {
        let ratio = e[i].1 / p[i].1;
        let ok = ratio <= 1.25;
        missed |= !ok;
        println!(
            "{name:40} {:>12.2} {:>12.2} {:>7.2}x   ≤ 1.25x {}",
            p[i].1,
            e[i].1,
            ratio,
            if ok { "ok" } else { "MISS" }
        );
    }
    println!("first run after opening (cold page cache):");
    for (i, (name, _)) in ops.iter().enumerate() {
        println!(
            "{name:40} {:>12.2} {:>12.2} {:>7.2}x",
            p[i].0,
            e[i].0,
            e[i].0 / p[i].0
        );
    }
    if missed {
        std::process::exit(1);
    }
    Ok(())
}
