//! Descriptor paths (`[4, i, 3, j, 2, k]`, as `SourceCodeInfo` paths and symbol paths use
//! them): the elements of a `FileDescriptorProto` they lead to, and the full names of types
//! and scopes. Only the file is walked; the pool's symbol table lives in `compiler::pool`.

use super::model::*;
use super::numbers::{file as f, message as msg};

/// The message at `path` (`[4, i]`, then `[3, j]` per nesting level).
pub fn message_at<'a>(file: &'a FileDescriptorProto, path: &[i32]) -> Option<&'a DescriptorProto> {
    let (&first, rest) = path.split_first()?;
    if first != f::MESSAGE_TYPE {
        return None;
    }
    let mut m = file.message_type.get(*path.get(1)? as usize)?;
    let mut rest = &rest[1..];
    while !rest.is_empty() {
        if rest[0] != msg::NESTED_TYPE || rest.len() < 2 {
            return None;
        }
        m = m.nested_type.get(rest[1] as usize)?;
        rest = &rest[2..];
    }
    Some(m)
}

/// The enum at `path` (`[5, i]`, or a message's path then `[4, j]`).
pub fn enum_at<'a>(file: &'a FileDescriptorProto, path: &[i32]) -> Option<&'a EnumDescriptorProto> {
    let n = path.len();
    if n < 2 {
        return None;
    }
    let i = path[n - 1] as usize;
    if n == 2 {
        return if path[0] == f::ENUM_TYPE {
            file.enum_type.get(i)
        } else {
            None
        };
    }
    if path[n - 2] != msg::ENUM_TYPE {
        return None;
    }
    message_at(file, &path[..n - 2])?.enum_type.get(i)
}

/// The field or extension at `path` (`[7, i]`, or a message's path then `[2, j]` or `[6, j]`).
pub fn field_at<'a>(
    file: &'a FileDescriptorProto,
    path: &[i32],
) -> Option<&'a FieldDescriptorProto> {
    let n = path.len();
    if n < 2 {
        return None;
    }
    let i = path[n - 1] as usize;
    if n == 2 {
        return if path[0] == f::EXTENSION {
            file.extension.get(i)
        } else {
            None
        };
    }
    let m = message_at(file, &path[..n - 2])?;
    match path[n - 2] {
        msg::FIELD => m.field.get(i),
        msg::EXTENSION => m.extension.get(i),
        _ => None,
    }
}

/// Mutable twin of `message_at`.
pub fn message_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut DescriptorProto> {
    if path.first() != Some(&f::MESSAGE_TYPE) {
        return None;
    }
    let mut m = file.message_type.get_mut(*path.get(1)? as usize)?;
    let mut rest = &path[2..];
    while rest.len() >= 2 && rest[0] == msg::NESTED_TYPE {
        m = m.nested_type.get_mut(rest[1] as usize)?;
        rest = &rest[2..];
    }
    rest.is_empty().then_some(m)
}

/// Mutable twin of `enum_at`.
pub fn enum_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut EnumDescriptorProto> {
    let n = path.len();
    match n {
        2 if path[0] == f::ENUM_TYPE => file.enum_type.get_mut(path[1] as usize),
        _ if n > 2 && path[n - 2] == msg::ENUM_TYPE => message_at_mut(file, &path[..n - 2])?
            .enum_type
            .get_mut(path[n - 1] as usize),
        _ => None,
    }
}

/// Mutable twin of `field_at`.
pub fn field_at_mut<'a>(
    file: &'a mut FileDescriptorProto,
    path: &[i32],
) -> Option<&'a mut FieldDescriptorProto> {
    let n = path.len();
    if n == 2 {
        return if path[0] == f::EXTENSION {
            file.extension.get_mut(path[1] as usize)
        } else {
            None
        };
    }
    let m = message_at_mut(file, path.get(..n.checked_sub(2)?)?)?;
    match path[n - 2] {
        msg::FIELD => m.field.get_mut(path[n - 1] as usize),
        msg::EXTENSION => m.extension.get_mut(path[n - 1] as usize),
        _ => None,
    }
}

/// The full name (no leading dot) of the message or enum at `path`; the package for `[]`.
pub fn type_full_name(file: &FileDescriptorProto, path: &[i32]) -> String {
    let mut name = file.package.clone().unwrap_or_default();
    let mut m: Option<&DescriptorProto> = None;
    for pair in path.chunks_exact(2) {
        let j = pair[1] as usize;
        let part = match (m, pair[0]) {
            (None, f::MESSAGE_TYPE) => {
                m = file.message_type.get(j);
                m.map(|x| x.name.as_str())
            }
            (None, f::ENUM_TYPE) => file.enum_type.get(j).map(|x| x.name.as_str()),
            (Some(p), msg::NESTED_TYPE) => {
                m = p.nested_type.get(j);
                m.map(|x| x.name.as_str())
            }
            (Some(p), msg::ENUM_TYPE) => p.enum_type.get(j).map(|x| x.name.as_str()),
            _ => None,
        };
        if let Some(part) = part {
            if !name.is_empty() {
                name.push('.');
            }
            name.push_str(part);
        }
    }
    name
}

/// The full name of `name` declared in `scope` (a message's full name or a package):
/// `scope.name`, or `name` alone in the empty scope.
pub fn join(scope: &str, name: &str) -> String {
    if scope.is_empty() {
        name.to_string()
    } else {
        let mut s = String::with_capacity(scope.len() + 1 + name.len());
        s.push_str(scope);
        s.push('.');
        s.push_str(name);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named<T: Default>(f: impl FnOnce(&mut T)) -> T {
        let mut t = T::default();
        f(&mut t);
        t
    }

    fn sample() -> FileDescriptorProto {
        let inner: DescriptorProto = named(|m: &mut DescriptorProto| {
            m.name = "N".into();
            m.field = vec![named(|f: &mut FieldDescriptorProto| f.name = "g".into())];
            m.enum_type = vec![named(|e: &mut EnumDescriptorProto| e.name = "E".into())];
        });
        named(|f: &mut FileDescriptorProto| {
            f.package = Some("p".into());
            f.message_type = vec![named(|m: &mut DescriptorProto| {
                m.name = "M".into();
                m.nested_type = vec![inner];
                m.extension = vec![named(|x: &mut FieldDescriptorProto| x.name = "x".into())];
            })];
            f.enum_type = vec![named(|e: &mut EnumDescriptorProto| e.name = "F".into())];
            f.extension = vec![named(|x: &mut FieldDescriptorProto| x.name = "y".into())];
        })
    }

    #[test]
    fn paths_lead_to_elements() {
        let mut file = sample();
        assert_eq!(
            message_at(&file, &[4, 0, 3, 0]).map(|m| &*m.name),
            Some("N")
        );
        assert!(message_at(&file, &[4, 0, 4, 0]).is_none());
        assert!(message_at(&file, &[5, 0]).is_none());
        assert_eq!(
            enum_at(&file, &[4, 0, 3, 0, 4, 0]).map(|e| &*e.name),
            Some("E")
        );
        assert_eq!(enum_at(&file, &[5, 0]).map(|e| &*e.name), Some("F"));
        assert_eq!(
            field_at(&file, &[4, 0, 3, 0, 2, 0]).map(|f| &*f.name),
            Some("g")
        );
        assert_eq!(field_at(&file, &[4, 0, 6, 0]).map(|f| &*f.name), Some("x"));
        assert_eq!(field_at(&file, &[7, 0]).map(|f| &*f.name), Some("y"));
        assert!(field_at(&file, &[4, 0, 2, 0]).is_none());
        assert_eq!(
            message_at_mut(&mut file, &[4, 0, 3, 0]).map(|m| m.name.clone()),
            Some("N".into())
        );
        assert!(message_at_mut(&mut file, &[4, 0, 3]).is_none());
        assert!(enum_at_mut(&mut file, &[4, 0, 3, 0, 4, 0]).is_some());
        assert!(field_at_mut(&mut file, &[7, 0]).is_some());
        assert!(field_at_mut(&mut file, &[4, 0, 3, 0, 2, 1]).is_none());
    }

    #[test]
    fn type_names_come_from_paths() {
        let file = sample();
        assert_eq!(type_full_name(&file, &[4, 0, 3, 0, 4, 0]), "p.M.N.E");
        assert_eq!(type_full_name(&file, &[5, 0]), "p.F");
        assert_eq!(type_full_name(&file, &[]), "p");
        assert_eq!(join("", "A"), "A");
        assert_eq!(join("p.M", "A"), "p.M.A");
    }
}
