//! `--notices`: the open source libraries the protoc-rs binary bundles, in the form protoc
//! prints its own (`notices.h`). The text is `notices.txt`, generated from Cargo.lock by
//! `scripts/regen-notices` (CI checks it is current).

/// What `--notices` prints, ending in one newline as protoc's output does.
pub const TEXT: &str = include_str!("notices.txt");
