//! protoc's checks of what a generator declares it supports against the files to generate
//! (command_line_interface.cc `EnforceProto3OptionalSupport`, `EnforceEditionsSupport`,
//! code_generator.cc `CanSkipEditionCheck`), with protoc's messages.

use super::response::{FEATURE_PROTO3_OPTIONAL, FEATURE_SUPPORTS_EDITIONS, PluginResponse};
use crate::compiler::check::after_all_files::can_skip_edition_check;
use crate::descriptor::model::{DescriptorProto, FileDescriptorProto, Syntax, edition};

/// What protoc prints on stderr for `files` (the files to generate, in order) against what
/// generator `name` declared; empty when everything is supported. At most one message per
/// check, as each check stops at its first file.
/// NB: protoc ends the proto3 optional message with a newline, the editions ones without.
pub fn refusals(name: &str, declared: &PluginResponse, files: &[&FileDescriptorProto]) -> String {
    let mut out = String::new();
    if declared.supported_features & FEATURE_PROTO3_OPTIONAL == 0
        && let Some(f) = files.iter().find(|f| has_proto3_optional(f))
    {
        out.push_str(&format!(
            "{}: is a proto3 file that contains optional fields, but code generator {name} \
             hasn't been updated to support optional fields in proto3. Please ask the owner of \
             this code generator to support proto3 optional.\n",
            f.name
        ));
    }
    if let Some(m) = editions_refusal(name, declared, files) {
        out.push_str(&m);
    }
    out
}

fn editions_refusal(
    name: &str,
    declared: &PluginResponse,
    files: &[&FileDescriptorProto],
) -> Option<String> {
    for f in files {
        let Syntax::Editions(e) = f.syntax else {
            continue;
        };
        if e < edition::E2023 || can_skip_edition_check(&f.name) {
            continue;
        }
        let file = &f.name;
        if declared.supported_features & FEATURE_SUPPORTS_EDITIONS == 0 {
            return Some(format!(
                "{file}: is an editions file, but code generator {name} hasn't been updated to \
                 support editions yet.  Please ask the owner of this code generator to add \
                 support or switch back to proto2/proto3.\n\nSee \
                 https://protobuf.dev/editions/overview/ for more information."
            ));
        }
        if e < declared.minimum_edition {
            return Some(format!(
                "{file}: is a file using edition {}, which isn't supported by code generator \
                 {name}.  Please upgrade your file to at least edition {}.",
                short_name(e),
                short_name(declared.minimum_edition)
            ));
        }
        if e > declared.maximum_edition {
            return Some(format!(
                "{file}: is a file using edition {}, which isn't supported by code generator \
                 {name}.  Please ask the owner of this code generator to add support or switch \
                 back to a maximum of edition {}.",
                short_name(e),
                short_name(declared.maximum_edition)
            ));
        }
    }
    None
}

/// protoc's `ShortEditionName`: the enum value's name without `EDITION_`.
/// NB: a value the enum does not define has the empty name.
fn short_name(e: i32) -> String {
    let name = crate::descriptor::model::edition_name(e);
    if name == e.to_string() {
        String::new()
    } else {
        name
    }
}

/// `ContainsProto3Optional`: a proto3 file with an `optional` field in any message.
fn has_proto3_optional(f: &FileDescriptorProto) -> bool {
    fn message(m: &DescriptorProto) -> bool {
        m.field.iter().any(|f| f.proto3_optional == Some(true)) || m.nested_type.iter().any(message)
    }
    f.syntax == Syntax::Proto3 && f.message_type.iter().any(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_names() {
        assert_eq!(short_name(edition::E2023), "2023");
        assert_eq!(short_name(0), "UNKNOWN");
        assert_eq!(short_name(5), "");
    }

    #[test]
    fn skipped_files() {
        assert!(can_skip_edition_check("google/protobuf/x.proto"));
        assert!(!can_skip_edition_check("google/api/x.proto"));
    }
}
