//! `--check` (protoc-rs only): every output of the plan compared with what is on disk, nothing
//! written. Files on disk the plan does not write are outside the check.
//!
//! The report, for each stale output: `stale: PATH (missing)` or `stale: PATH (differs)`; for
//! a text file that differs a unified diff follows (`--- PATH (on disk)`, `+++ PATH
//! (generated)`), at most [`FILE_DIFF_LINES`] lines per file and [`TOTAL_DIFF_LINES`] in all,
//! the rest counted in `... N more diff lines not shown`; a binary file (`-o`) says `binary
//! file differs` with both sizes; an archive, entry by entry (`ARCHIVE:ENTRY` explained as a
//! file, `missing on disk`, `on disk only`). Last, `N of M outputs are stale`.
//!
//! Devices, pipes and sockets (`-o /dev/stdout`) are not compared. The checks that would fail
//! a run fail the check too, with the same message (a missing output directory, a `..` name,
//! a target that is a directory).

use std::fs;
use std::io::ErrorKind;

use super::archive;
use super::diff;
use super::plan::{Outputs, WriteError};
use crate::os_error::strerror;

/// At most this many diff lines are shown for one file.
pub const FILE_DIFF_LINES: usize = 200;
/// At most this many diff lines are shown in all.
pub const TOTAL_DIFF_LINES: usize = 1000;

/// The outcome of a check.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Outputs compared.
    pub outputs: usize,
    /// Outputs missing or different.
    pub stale: usize,
    /// What to print (stdout), empty when nothing is stale; ends with a newline.
    pub text: String,
}

impl Outputs {
    /// Compares every output with the disk; writes nothing.
    pub fn check(&self, allow_escape: bool) -> Result<Report, WriteError> {
        let targets = self.targets(allow_escape)?;
        let mut report = Report::default();
        let mut budget = TOTAL_DIFF_LINES;
        let line =
            |path: &str, e: &std::io::Error| WriteError::Line(format!("{path}: {}", strerror(e)));
        for t in &targets {
            let path = &t.path;
            let on_disk = match fs::metadata(path) {
                Ok(m) if m.is_dir() => {
                    // What a run's open would say.
                    let e = fs::OpenOptions::new().write(true).open(path).err();
                    let e = e.unwrap_or_else(|| std::io::Error::from(ErrorKind::IsADirectory));
                    return Err(t.failure(&e));
                }
                Ok(m) if !m.is_file() => continue,
                Ok(_) => Some(fs::read(path).map_err(|e| line(path, &e))?),
                Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                    None
                }
                Err(e) => return Err(t.failure(&e)),
            };
            report.outputs += 1;
            let Some(old) = on_disk else {
                report.stale += 1;
                report.text.push_str(&format!("stale: {path} (missing)\n"));
                continue;
            };
            let new = t.bytes.joined();
            if old == *new {
                continue;
            }
            report.stale += 1;
            report.text.push_str(&format!("stale: {path} (differs)\n"));
            let is_archive = t.generated && t.within.is_none();
            if !(is_archive && explain_entries(&mut report.text, &mut budget, path, &old, &new)) {
                explain(&mut report.text, &mut budget, path, &old, &new);
            }
        }
        if report.stale > 0 {
            report.text.push_str(&format!(
                "{} of {} outputs are stale\n",
                report.stale, report.outputs
            ));
        }
        Ok(report)
    }
}

/// What differs between two versions of one file: a unified diff of text, the sizes of
/// anything else.
fn explain(text: &mut String, budget: &mut usize, label: &str, old: &[u8], new: &[u8]) {
    let (Some(old_text), Some(new_text)) = (diff::as_text(old), diff::as_text(new)) else {
        text.push_str(&format!(
            "binary file differs ({} bytes on disk, {} generated)\n",
            old.len(),
            new.len()
        ));
        return;
    };
    text.push_str(&format!("--- {label} (on disk)\n+++ {label} (generated)\n"));
    let lines = diff::unified(old_text, new_text);
    let shown = lines.len().min(FILE_DIFF_LINES).min(*budget);
    *budget -= shown;
    for l in &lines[..shown] {
        text.push_str(l);
        text.push('\n');
    }
    if shown < lines.len() {
        text.push_str(&format!(
            "... {} more diff lines not shown\n",
            lines.len() - shown
        ));
    }
}

/// For an archive: which entries differ (`ARCHIVE:NAME`, each explained as a file), are
/// missing on disk, or are on disk only. `false` when the archive on disk cannot be read or
/// holds the same entries (then it is explained as one binary file).
fn explain_entries(
    text: &mut String,
    budget: &mut usize,
    path: &str,
    old: &[u8],
    new: &[u8],
) -> bool {
    let (Some(old), Some(new)) = (archive::read(old), archive::read(new)) else {
        return false;
    };
    if old == new {
        return false;
    }
    let old: std::collections::BTreeMap<String, &[u8]> = old.into_iter().collect();
    let new: std::collections::BTreeMap<String, &[u8]> = new.into_iter().collect();
    let mut names: Vec<&String> = old.keys().chain(new.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let label = format!("{path}:{name}");
        match (old.get(name), new.get(name)) {
            (Some(o), Some(n)) if o != n => explain(text, budget, &label, o, n),
            (None, Some(_)) => text.push_str(&format!("{label}: missing on disk\n")),
            (Some(_), None) => text.push_str(&format!("{label}: on disk only\n")),
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::outputs;

    #[test]
    fn clean_missing_differs_and_binary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path().display();
        fs::write(dir.path().join("same"), "x\n").expect("write");
        fs::write(dir.path().join("edited"), "a\nb\n").expect("write");
        fs::write(dir.path().join("x.pb"), b"\x0a\x01").expect("write");
        fs::write(dir.path().join("other"), "not ours").expect("write");
        let mut outs = outputs(
            dir.path(),
            &[("same", "x\n"), ("edited", "a\nB\n"), ("gone", "g\n")],
        );
        outs.add_file(&format!("{d}/x.pb"), b"\x0a\x02\x00".to_vec());
        let report = outs.check(false).expect("checks");
        assert_eq!(
            report.text,
            format!(
                "stale: {d}/edited (differs)\n\
                 --- {d}/edited (on disk)\n\
                 +++ {d}/edited (generated)\n\
                 @@ -1,2 +1,2 @@\n a\n-b\n+B\n\
                 stale: {d}/gone (missing)\n\
                 stale: {d}/x.pb (differs)\n\
                 binary file differs (2 bytes on disk, 3 generated)\n\
                 3 of 4 outputs are stale\n"
            )
        );
        assert!(!dir.path().join("gone").exists());
    }

    #[test]
    fn diffs_are_cut() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old: String = (0..600).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..600).map(|i| format!("new {i}\n")).collect();
        let names: Vec<String> = (0..6).map(|i| format!("f{i}")).collect();
        for n in &names {
            fs::write(dir.path().join(n), &old).expect("write");
        }
        let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), new.as_str())).collect();
        let report = outputs(dir.path(), &files).check(false).expect("checks");
        assert_eq!(report.stale, 6);
        let shown = report
            .text
            .lines()
            .filter(|l| {
                l.starts_with(['+', '-', ' ', '@'])
                    && !l.starts_with("+++ ")
                    && !l.starts_with("--- ")
            })
            .count();
        assert_eq!(shown, TOTAL_DIFF_LINES);
        // 1201 lines each (a hunk header, 600 removed, 600 added): five files show 200 each,
        // the sixth none.
        assert_eq!(
            report
                .text
                .matches("\n... 1001 more diff lines not shown\n")
                .count(),
            5
        );
        assert!(
            report
                .text
                .contains("\n... 1201 more diff lines not shown\n")
        );
    }

    #[test]
    fn archives_are_explained_entry_by_entry() {
        use crate::output::archive;
        use std::borrow::Cow;
        let dir = tempfile::tempdir().expect("tempdir");
        let zip = dir.path().join("x.zip");
        let zs = zip.to_str().expect("utf8");
        let on_disk = archive::zip(&[
            ("a", Cow::Borrowed(&b"1\n"[..])),
            ("gone", Cow::Borrowed(&b""[..])),
            ("same", Cow::Borrowed(&b"s"[..])),
        ]);
        fs::write(&zip, &on_disk).expect("write");
        let mut outs = Outputs::default();
        outs.directory(zs)
            .apply(
                crate::output::test_support::response(&[("a", "2\n"), ("new", ""), ("same", "s")]),
                "--x_out",
            )
            .expect("applies");
        assert_eq!(
            outs.check(false).expect("checks").text,
            format!(
                "stale: {zs} (differs)\n\
                 --- {zs}:a (on disk)\n\
                 +++ {zs}:a (generated)\n\
                 @@ -1 +1 @@\n-1\n+2\n\
                 {zs}:gone: on disk only\n\
                 {zs}:new: missing on disk\n\
                 1 of 1 outputs are stale\n"
            )
        );
        // Not a zip on disk: one binary file.
        fs::write(&zip, "junk").expect("write");
        let text = outs.check(false).expect("checks").text;
        assert!(
            text.contains("\nbinary file differs (4 bytes on disk, "),
            "{text}"
        );
    }

    #[test]
    fn a_failing_plan_fails_the_check() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir(dir.path().join("d")).expect("mkdir");
        let d = dir.path().display();
        assert_eq!(
            outputs(dir.path(), &[("d", "")]).check(false),
            Err(WriteError::Unterminated(format!("{d}/d: Is a directory")))
        );
        assert!(matches!(
            outputs(dir.path(), &[("../x", "")]).check(false),
            Err(WriteError::Line(_))
        ));
    }
}
