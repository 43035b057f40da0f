//! Replays every saved input through its target's entry point: corpus/TARGET/* (what timed
//! fuzzing kept) and regressions/TARGET/* (each past find). A panic fails the test and names
//! the file; a hang shows as a test that never ends.

use std::path::Path;

#[test]
fn replay_corpora_and_regressions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut replayed = 0;
    for (target, run) in protoc_rs_fuzz::TARGETS {
        for dir in ["corpus", "regressions"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path).unwrap();
                let outcome = std::panic::catch_unwind(|| run(&data));
                assert!(outcome.is_ok(), "{target}: {} panicked", path.display());
                replayed += 1;
            }
        }
    }
    println!("fuzz replay: {replayed} inputs, 0 failed");
    assert!(
        replayed > 0,
        "no saved input found under corpus/ or regressions/"
    );
}
