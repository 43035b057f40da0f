//! The C library's text for an I/O error, as protoc prints it (`perror`/`strerror`). A leaf
//! module: the compiler (reading sources) and the output writer both report I/O errors, and
//! neither may import the other.

use std::io;

/// `No such file or directory` for what Rust renders as
/// `No such file or directory (os error 2)`; other errors are left as they are.
pub fn strerror(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_lose_their_number() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(strerror(&e), "No such file or directory");
        let e = io::Error::from_raw_os_error(21);
        assert_eq!(strerror(&e), "Is a directory");
    }

    #[test]
    fn other_errors_are_kept() {
        let e = io::Error::other("custom (os error 2) and more");
        assert_eq!(strerror(&e), "custom (os error 2) and more");
        let e = io::Error::other("plain");
        assert_eq!(strerror(&e), "plain");
    }
}
