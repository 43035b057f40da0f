//! Unified diffs for `--check`: what changed in a stale text output, cut to a number of lines.
//! The line diff itself is the `similar` crate's (Myers, with a time limit so a huge file
//! cannot stall a check; past it the diff is coarser but still correct).

use std::time::Duration;

use similar::TextDiff;

/// How long one file's diff may take before it falls back to a coarser one.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Whether `bytes` is shown as text: UTF-8 without NUL bytes.
pub fn as_text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes)
        .ok()
        .filter(|s| !s.contains('\0'))
}

/// The lines of a unified diff from `old` to `new` (3 lines of context) after the `---`/`+++`
/// headers, each without its line end: `@@ -1,3 +1,3 @@` hunk headers, then ` `, `-` and `+`
/// lines, and `\ No newline at end of file` where a side ends without one.
pub fn unified(old: &str, new: &str) -> Vec<String> {
    let diff = TextDiff::configure()
        .timeout(TIME_LIMIT)
        .diff_lines(old, new);
    let text = diff.unified_diff().context_radius(3).to_string();
    text.lines().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified(old, new),
            [
                "@@ -2,7 +2,7 @@",
                " b",
                " c",
                " d",
                "-e",
                "+E",
                " f",
                " g",
                " h"
            ]
        );
    }

    #[test]
    fn missing_final_newline_is_shown() {
        let lines = unified("a\n", "a");
        assert!(
            lines.iter().any(|l| l == "\\ No newline at end of file"),
            "{lines:?}"
        );
    }

    #[test]
    fn text_or_binary() {
        assert_eq!(as_text(b"x = 1\n"), Some("x = 1\n"));
        assert_eq!(as_text(b"\n\x03a\x00"), None);
        assert_eq!(as_text(b"\xff"), None);
    }
}
