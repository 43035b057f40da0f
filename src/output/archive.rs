//! Archive outputs: an `--X_out` location ending in `.zip`, `.jar` or `.srcjar` is one file
//! holding the location's files, in protoc's exact bytes (zip_writer.cc `ZipWriter`,
//! command_line_interface.cc `WriteAllToZip`, `AddJarManifest`):
//!
//! - entries in name order (the directory's sorted map), each a local header (version 1.0,
//!   no flags, stored: never deflated, time 00:00 and date 1980-01-01 in DOS form, CRC-32,
//!   both sizes, the name, no extra field) followed by the bytes;
//! - then the central directory (the same fields, "made by" 1.0, no comment, attributes 0,
//!   the local header's offset) and the end record (no comment);
//! - a `.jar` gets `META-INF/MANIFEST.MF` (protoc's three-line text) unless a generator wrote
//!   that name itself; a `.zip` or `.srcjar` gets nothing added.
//!
//! The bytes are a pure function of the files, so an archive is one more single file of the
//! plan (`plan`): checked, skipped when unchanged, staged and renamed like `-o`.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Whether protoc writes `location` as an archive rather than a directory (its suffix test:
/// case-sensitive, and a trailing `/` makes it a directory).
pub fn is_archive(location: &str) -> bool {
    location.ends_with(".zip") || location.ends_with(".jar") || location.ends_with(".srcjar")
}

/// The entry protoc adds to a `.jar` that lacks one.
pub const MANIFEST_NAME: &str = "META-INF/MANIFEST.MF";
/// NB: protoc's boilerplate manifest, "Created-By" and all.
pub const MANIFEST: &[u8] = b"Manifest-Version: 1.0\nCreated-By: 1.6.0 (protoc)\n\n";

/// The archive's entries in write order: the location's files, plus the manifest of a `.jar`.
pub fn entries<'a>(
    location: &str,
    files: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<(&'a str, Cow<'a, [u8]>)> {
    let mut out: Vec<(&str, Cow<[u8]>)> = files
        .iter()
        .map(|(n, b)| (n.as_str(), Cow::Borrowed(b.as_slice())))
        .collect();
    // NB: protoc adds the manifest when it writes the jar, after every generator ran, so a
    // generator may write its own (kept as is) and cannot insert into protoc's.
    if location.ends_with(".jar") && !files.contains_key(MANIFEST_NAME) {
        let at = out.partition_point(|(n, _)| *n < MANIFEST_NAME);
        out.insert(at, (MANIFEST_NAME, Cow::Borrowed(MANIFEST)));
    }
    out
}

/// DOS date of 1980-01-01 (day 1, month 1, year 0 from 1980); the time is 0.
const DOS_EPOCH_DATE: u16 = 1 << 5 | 1;
/// "Version needed to extract" and "made by": 1.0, MS-DOS.
const VERSION: u16 = 10;

/// The zip file protoc writes for `entries` (see the module docs).
pub fn zip(entries: &[(&str, Cow<[u8]>)]) -> Vec<u8> {
    let names: usize = entries.iter().map(|(n, _)| n.len()).sum();
    let data: usize = entries.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(data + 2 * names + 76 * entries.len() + 22);
    let mut central = Vec::with_capacity(names + 46 * entries.len());
    for (name, bytes) in entries {
        // NB: protoc keeps sizes, offsets and counts in 16- and 32-bit fields and lets them
        // wrap (no zip64); its archives never exceed those limits in practice.
        let offset = out.len() as u32;
        let crc = crc32(bytes);
        let size = bytes.len() as u32;
        let name_len = name.len() as u16;

        put32(&mut out, 0x0403_4b50);
        put16(&mut out, VERSION);
        put16(&mut out, 0); // flags
        put16(&mut out, 0); // stored
        put16(&mut out, 0); // time
        put16(&mut out, DOS_EPOCH_DATE);
        put32(&mut out, crc);
        put32(&mut out, size); // compressed
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, VERSION); // made by
        put16(&mut central, VERSION); // needed
        put16(&mut central, 0); // flags
        put16(&mut central, 0); // stored
        put16(&mut central, 0); // time
        put16(&mut central, DOS_EPOCH_DATE);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra field
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let count = entries.len() as u16;
    let central_len = central.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk of the central directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_len);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment
    out
}

/// The entries of a zip file of stored entries (protoc's, or another tool's without
/// compression), in central-directory order; `None` for anything else (a compressed entry,
/// zip64, a comment, a damaged file). For `--check`, to say which entries differ.
pub fn read(bytes: &[u8]) -> Option<Vec<(String, &[u8])>> {
    let end = bytes.len().checked_sub(22)?;
    if get32(bytes, end)? != 0x0605_4b50 {
        return None;
    }
    let count = usize::from(get16(bytes, end + 10)?);
    let mut at = usize::try_from(get32(bytes, end + 16)?).ok()?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if get32(bytes, at)? != 0x0201_4b50 || get16(bytes, at + 10)? != 0 {
            return None;
        }
        let size = usize::try_from(get32(bytes, at + 20)?).ok()?;
        let name_len = usize::from(get16(bytes, at + 28)?);
        let skip = usize::from(get16(bytes, at + 30)?) + usize::from(get16(bytes, at + 32)?);
        let local = usize::try_from(get32(bytes, at + 42)?).ok()?;
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        at += 46 + name_len + skip;
        if get32(bytes, local)? != 0x0403_4b50 {
            return None;
        }
        let data = local
            + 30
            + usize::from(get16(bytes, local + 26)?)
            + usize::from(get16(bytes, local + 28)?);
        let content = bytes.get(data..data.checked_add(size)?)?;
        out.push((String::from_utf8_lossy(name).into_owned(), content));
    }
    Some(out)
}

fn get16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn get32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The CRC-32 of zip (IEEE 802.3, reflected polynomial 0xEDB88320), one table lookup a byte:
/// a few lines, so no crate for it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc = CRC_TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_values() {
        // The standard check value, and the empty input.
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn archive_kinds() {
        assert!(is_archive("a.zip") && is_archive("x/a.jar") && is_archive("a.srcjar"));
        assert!(!is_archive("a.zip/") && !is_archive("a.ZIP") && !is_archive("out"));
    }

    #[test]
    fn jar_manifest_added_in_order_unless_present() {
        let mut files = BTreeMap::new();
        files.insert("A.java".to_string(), b"a".to_vec());
        files.insert("com/B.java".to_string(), b"b".to_vec());
        let names = |loc: &str, f: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
            entries(loc, f).iter().map(|(n, _)| n.to_string()).collect()
        };
        assert_eq!(
            names("x.jar", &files),
            ["A.java", MANIFEST_NAME, "com/B.java"]
        );
        assert_eq!(names("x.srcjar", &files), ["A.java", "com/B.java"]);
        files.insert(MANIFEST_NAME.to_string(), b"mine".to_vec());
        let e = entries("x.jar", &files);
        assert_eq!(e.len(), 3);
        assert_eq!(&*e[1].1, b"mine");
    }

    #[test]
    fn read_returns_what_zip_wrote() {
        let z = zip(&[
            ("a", Cow::Borrowed(&b"xy"[..])),
            ("dir/b", Cow::Borrowed(&b""[..])),
        ]);
        let got = read(&z).expect("reads");
        assert_eq!(
            got,
            [
                ("a".to_string(), &b"xy"[..]),
                ("dir/b".to_string(), &b""[..])
            ]
        );
        assert_eq!(read(&[]), None);
        assert_eq!(read(&z[..z.len() - 1]), None);
        // The central directory starts at 68 (33 + 35 bytes of local entries); its first
        // entry's compression method at 78: not stored, so not read.
        let mut deflated = z.clone();
        deflated[78] = 8;
        assert_eq!(read(&deflated), None);
    }

    #[test]
    fn empty_archive_is_the_end_record_alone() {
        assert_eq!(
            zip(&[]),
            [
                0x50, 0x4b, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            ]
        );
    }

    #[test]
    fn one_entry_layout() {
        let z = zip(&[("a", Cow::Borrowed(&b"xy"[..]))]);
        // Local header (30) + name (1) + data (2), central entry (46) + name (1), end (22).
        assert_eq!(z.len(), 30 + 1 + 2 + 46 + 1 + 22);
        assert_eq!(&z[..4], b"PK\x03\x04");
        assert_eq!(&z[33..37], b"PK\x01\x02");
        // The end record: one entry, a 47-byte directory at offset 33.
        assert_eq!(
            &z[80..],
            b"PK\x05\x06\0\0\0\0\x01\0\x01\0\x2f\0\0\0\x21\0\0\0\0\0"
        );
    }
}
