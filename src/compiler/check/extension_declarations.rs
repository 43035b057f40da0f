//! Extension declarations (`ExtensionRangeOptions.declaration` / `verification`): the range
//! checks of descriptor.cc `ValidateExtensionRangeOptions`/`ValidateExtensionDeclaration` and the
//! per-extension checks at the end of `ValidateOptions(FieldDescriptor)`
//! (`CheckExtensionDeclaration`). protoc enforces declarations for every extendee outside
//! descriptor.proto (command_line_interface.cc `EnforceExtensionDeclarations(kCustomExtensions)`).

use std::collections::HashSet;

use crate::descriptor::model::*;
use crate::descriptor::numbers::extension_range_options::{self as ero, declaration};
use crate::descriptor::wire::{Reader, WireValue};

/// `ExtensionRangeOptions.verification`: `DECLARATION`.
const DECLARATION: u64 = 0;
/// `ExtensionRangeOptions.verification`: `UNVERIFIED` (the default).
const UNVERIFIED: u64 = 1;

/// One `ExtensionRangeOptions.Declaration`.
#[derive(Default)]
pub struct Declaration {
    pub number: i32,
    pub full_name: Option<String>,
    pub r#type: Option<String>,
    pub reserved: bool,
    pub repeated: bool,
}

/// The declarations and verification state of an extension range's options.
#[derive(Default)]
pub struct RangeDecls {
    pub declarations: Vec<Declaration>,
    /// `verification`, if set.
    pub verification: Option<u64>,
}

impl RangeDecls {
    pub fn of(r: &ExtensionRange) -> RangeDecls {
        let mut out = RangeDecls::default();
        let Some(o) = &r.options else {
            return out;
        };
        for rec in Reader::new(&o.bytes).flatten() {
            match (rec.field, rec.value) {
                (ero::DECLARATION, WireValue::Len(b)) => {
                    out.declarations.push(parse_declaration(b))
                }
                (ero::VERIFICATION, WireValue::Varint(v)) => out.verification = Some(v),
                _ => {}
            }
        }
        out
    }

    fn verification_or_default(&self) -> u64 {
        self.verification.unwrap_or(UNVERIFIED)
    }
}

fn parse_declaration(b: &[u8]) -> Declaration {
    let mut d = Declaration::default();
    let text = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    for rec in Reader::new(b).flatten() {
        match (rec.field, rec.value) {
            (declaration::NUMBER, WireValue::Varint(v)) => d.number = v as i32,
            (declaration::FULL_NAME, WireValue::Len(s)) => d.full_name = Some(text(s)),
            (declaration::TYPE, WireValue::Len(s)) => d.r#type = Some(text(s)),
            (declaration::RESERVED, WireValue::Varint(v)) => d.reserved = v != 0,
            (declaration::REPEATED, WireValue::Varint(v)) => d.repeated = v != 0,
            _ => {}
        }
    }
    d
}

/// descriptor.cc `IsNonMessageType`.
fn is_non_message_type(t: &str) -> bool {
    matches!(
        t,
        "double"
            | "float"
            | "int64"
            | "uint64"
            | "int32"
            | "fixed32"
            | "fixed64"
            | "bool"
            | "string"
            | "bytes"
            | "uint32"
            | "enum"
            | "sfixed32"
            | "sfixed64"
            | "sint32"
            | "sint64"
    )
}

/// descriptor.cc `ValidateQualifiedName`.
fn valid_qualified_name(name: &str) -> bool {
    let mut last_was_period = false;
    for c in name.bytes() {
        if c.is_ascii_alphanumeric() || c == b'_' {
            last_was_period = false;
        } else if c == b'.' {
            if last_was_period {
                return false;
            }
            last_was_period = true;
        } else {
            return false;
        }
    }
    !name.is_empty() && !last_was_period
}

/// descriptor.cc `ValidateSymbolForDeclaration`.
fn symbol_error(symbol: &str) -> Option<String> {
    if !symbol.starts_with('.') {
        return Some(format!(
            "\"{symbol}\" must have a leading dot to indicate the fully-qualified scope."
        ));
    }
    if !valid_qualified_name(symbol) {
        return Some(format!("\"{symbol}\" contains invalid identifiers."));
    }
    None
}

/// `ValidateExtensionRangeOptions` for one message: range limits and declarations.
/// `max` is the largest extension number allowed (MessageSets allow `i32::MAX`).
pub fn check_ranges(m: &DescriptorProto, max: i64, out: &mut Vec<(MaybePos, String)>) {
    let mut names: HashSet<String> = HashSet::new();
    for r in &m.extension_range {
        if r.end as i64 > max + 1 {
            // NB: protoc reports this on the message's NUMBER, which is never recorded.
            out.push((
                None,
                format!("Extension numbers cannot be greater than {max}."),
            ));
        }
        let decls = RangeDecls::of(r);
        if decls.declarations.is_empty() {
            continue;
        }
        if decls.verification == Some(UNVERIFIED) {
            // NB: protoc stops checking the message's remaining ranges here.
            out.push((
                None,
                "Cannot mark the extension range as UNVERIFIED when it has extension(s) declared."
                    .to_string(),
            ));
            return;
        }
        check_declarations(r, &decls.declarations, &mut names, out);
    }
}

/// `ValidateExtensionDeclaration` for one range. Errors on the range's NAME and EXTENDEE have
/// no recorded position; NUMBER is the range's first token.
fn check_declarations(
    r: &ExtensionRange,
    decls: &[Declaration],
    names: &mut HashSet<String>,
    out: &mut Vec<(MaybePos, String)>,
) {
    let mut numbers: HashSet<i32> = HashSet::new();
    for d in decls {
        if d.number < r.start || d.number >= r.end {
            out.push((
                r.loc,
                format!(
                    "Extension declaration number {} is not in the extension range.",
                    d.number
                ),
            ));
        }
        if !numbers.insert(d.number) {
            out.push((
                r.loc,
                format!(
                    "Extension declaration number {} is declared multiple times.",
                    d.number
                ),
            ));
        }
        match (&d.full_name, &d.r#type) {
            (Some(name), Some(ty)) => {
                if !names.insert(name.clone()) {
                    // NB: protoc stops checking this range's declarations here.
                    out.push((
                        None,
                        format!("Extension field name \"{name}\" is declared multiple times."),
                    ));
                    return;
                }
                if let Some(e) = symbol_error(name) {
                    out.push((None, e));
                }
                if !is_non_message_type(ty)
                    && let Some(e) = symbol_error(ty)
                {
                    out.push((None, e));
                }
            }
            (name, ty) => {
                if name.is_some() != ty.is_some() || !d.reserved {
                    out.push((
                        None,
                        format!(
                            "Extension declaration #{} should have both \"full_name\" and \"type\" set.",
                            d.number
                        ),
                    ));
                }
            }
        }
    }
}

/// What `check_extension` needs to know about the extension field.
pub struct ExtField<'a> {
    /// `pkg.name` of the extension.
    pub full_name: &'a str,
    pub number: i32,
    /// protoc's `FieldDescriptor::type_name()`, or `.Full.Name` for message and enum types.
    pub actual_type: String,
    pub repeated: bool,
    /// Where the errors go (the field's EXTENDEE).
    pub pos: MaybePos,
}

/// The declaration checks of `ValidateOptions(FieldDescriptor)` for an extension of
/// `extendee` (full name, no dot) defined in `extendee_file`. `had_errors`: protoc skips the
/// type comparison once the file has errors.
pub fn check_extension(
    extendee: &str,
    extendee_msg: &DescriptorProto,
    extendee_file: &str,
    x: &ExtField,
    had_errors: bool,
    out: &mut Vec<(MaybePos, String)>,
) {
    const DESCRIPTOR_OPTIONS: [&str; 9] = [
        "google.protobuf.EnumOptions",
        "google.protobuf.EnumValueOptions",
        "google.protobuf.ExtensionRangeOptions",
        "google.protobuf.FieldOptions",
        "google.protobuf.FileOptions",
        "google.protobuf.MessageOptions",
        "google.protobuf.MethodOptions",
        "google.protobuf.OneofOptions",
        "google.protobuf.ServiceOptions",
    ];
    if DESCRIPTOR_OPTIONS.contains(&extendee) {
        return;
    }
    let Some(range) = extendee_msg
        .extension_range
        .iter()
        .find(|r| r.start <= x.number && x.number < r.end)
    else {
        return;
    };
    if extendee_file == "google/protobuf/descriptor.proto" {
        return;
    }
    let decls = RangeDecls::of(range);
    let full = x.full_name;
    let n = x.number;
    if let Some(d) = decls.declarations.iter().find(|d| d.number == n) {
        if d.reserved {
            out.push((
                x.pos,
                format!(
                    "Cannot use number {n} for extension field {full}, as it is reserved in the extension declarations for message {extendee}."
                ),
            ));
            return;
        }
        // CheckExtensionDeclaration: an empty string counts as unset.
        let declared_type = d.r#type.as_deref().unwrap_or("");
        if !declared_type.is_empty() && !had_errors {
            let expected = if !is_non_message_type(declared_type) && !declared_type.starts_with('.')
            {
                format!(".{declared_type}")
            } else {
                declared_type.to_string()
            };
            if expected != x.actual_type {
                out.push((
                    x.pos,
                    format!(
                        "\"{extendee}\" extension field {n} is expected to be type \"{expected}\", not \"{}\".",
                        x.actual_type
                    ),
                ));
            }
        }
        let declared_name = d.full_name.as_deref().unwrap_or("");
        if !declared_name.is_empty() && declared_name != format!(".{full}") {
            out.push((
                x.pos,
                format!(
                    "\"{extendee}\" extension field {n} is expected to have field name \"{declared_name}\", not \".{full}\"."
                ),
            ));
        }
        if d.repeated != x.repeated {
            out.push((
                x.pos,
                format!(
                    "\"{extendee}\" extension field {n} is expected to be {}.",
                    if d.repeated { "repeated" } else { "optional" }
                ),
            ));
        }
        return;
    }
    if !decls.declarations.is_empty() || decls.verification_or_default() == DECLARATION {
        out.push((
            x.pos,
            format!(
                "Missing extension declaration for field {full} with number {n} in extendee message {extendee}. An extension range must declare for all extension fields if its verification state is DECLARATION or there's any declaration in the range already. Otherwise, consider splitting up the range."
            ),
        ));
    }
}
