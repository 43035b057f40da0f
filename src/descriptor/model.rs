//! The descriptor model: the parts of `descriptor.proto` that protoc writes, as plain Rust
//! structs. The parser fills them exactly as protoc's parser fills a `FileDescriptorProto`
//! (options still uninterpreted), the linker resolves names in place, the option interpreter
//! turns `uninterpreted` into encoded bytes, and `encode` writes them in protoc's byte order.
//!
//! Every element also carries the source positions protoc's `SourceLocationTable` records for
//! error messages (which token each kind of error points at, as in protoc's `descriptor.cc`
//! `AddError` calls); they are never encoded.

use std::num::NonZeroU32;

/// A 0-based position as protoc's tokenizer reports it: byte columns, tabs advanced to the
/// next multiple of 8. Printed as `line + 1`, `col + 1`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    /// The column plus one: never zero, so that a [`MaybePos`] takes 8 bytes rather than 12
    /// (a field carries seven of them; the corpus has 170,000 fields).
    col_1: NonZeroU32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Pos {
        Pos {
            line,
            col_1: NonZeroU32::MIN.saturating_add(col),
        }
    }

    /// The 0-based column.
    pub const fn col(self) -> u32 {
        self.col_1.get() - 1
    }
}

impl Default for Pos {
    fn default() -> Pos {
        Pos::new(0, 0)
    }
}

impl std::fmt::Debug for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pos")
            .field("line", &self.line)
            .field("col", &self.col())
            .finish()
    }
}

/// Where protoc would point an error about an element; `None` means protoc prints no position.
pub type MaybePos = Option<Pos>;

#[cfg(test)]
mod pos_tests {
    use super::*;

    #[test]
    fn a_maybe_pos_is_two_words_of_32_bits_and_keeps_its_column() {
        assert_eq!(size_of::<MaybePos>(), 8);
        for (line, col) in [(0, 0), (7, 3), (u32::MAX, u32::MAX - 1)] {
            let p = Pos::new(line, col);
            assert_eq!((p.line, p.col()), (line, col));
        }
        assert!(Pos::new(1, 5) < Pos::new(1, 6) && Pos::new(1, 6) < Pos::new(2, 0));
        assert_eq!(Pos::default(), Pos::new(0, 0));
    }
}

/// `syntax` / `edition` of a file. Numbers are the `Edition` enum of descriptor.proto.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Syntax {
    #[default]
    Proto2,
    Proto3,
    Editions(i32),
}

pub mod edition {
    pub const LEGACY: i32 = 900;
    pub const PROTO2: i32 = 998;
    pub const PROTO3: i32 = 999;
    pub const E2023: i32 = 1000;
    pub const E2024: i32 = 1001;
    pub const UNSTABLE: i32 = 9999;
    pub const E2026: i32 = 1002;
    pub const MAX: i32 = 0x7FFF_FFFF;
}

/// An edition's name as protoc prints it (`2023`, `PROTO2`, `99997_TEST_ONLY`).
pub fn edition_name(e: i32) -> String {
    match e {
        0 => "UNKNOWN".into(),
        900 => "LEGACY".into(),
        998 => "PROTO2".into(),
        999 => "PROTO3".into(),
        1000 => "2023".into(),
        1001 => "2024".into(),
        1002 => "2026".into(),
        9999 => "UNSTABLE".into(),
        1 | 2 | 99997 | 99998 | 99999 => format!("{e}_TEST_ONLY"),
        0x7FFF_FFFF => "MAX".into(),
        _ => e.to_string(),
    }
}

impl Syntax {
    /// The edition used for feature resolution (`PROTO2` = 998, `PROTO3` = 999).
    pub fn edition(self) -> i32 {
        match self {
            Syntax::Proto2 => edition::PROTO2,
            Syntax::Proto3 => edition::PROTO3,
            Syntax::Editions(e) => e,
        }
    }
}

/// `FieldDescriptorProto.Label`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Label {
    Optional = 1,
    Required = 2,
    Repeated = 3,
}

/// `FieldDescriptorProto.Type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum FieldType {
    Double = 1,
    Float = 2,
    Int64 = 3,
    Uint64 = 4,
    Int32 = 5,
    Fixed64 = 6,
    Fixed32 = 7,
    Bool = 8,
    String = 9,
    Group = 10,
    Message = 11,
    Bytes = 12,
    Uint32 = 13,
    Enum = 14,
    Sfixed32 = 15,
    Sfixed64 = 16,
    Sint32 = 17,
    Sint64 = 18,
}

impl FieldType {
    pub fn from_i32(v: i32) -> Option<FieldType> {
        use FieldType::*;
        Some(match v {
            1 => Double,
            2 => Float,
            3 => Int64,
            4 => Uint64,
            5 => Int32,
            6 => Fixed64,
            7 => Fixed32,
            8 => Bool,
            9 => String,
            10 => Group,
            11 => Message,
            12 => Bytes,
            13 => Uint32,
            14 => Enum,
            15 => Sfixed32,
            16 => Sfixed64,
            17 => Sint32,
            18 => Sint64,
            _ => return None,
        })
    }

    /// The scalar type named by a keyword (`int32`, `string`, ...), as the parser knows them.
    pub fn from_keyword(s: &str) -> Option<FieldType> {
        use FieldType::*;
        Some(match s {
            "double" => Double,
            "float" => Float,
            "int64" => Int64,
            "uint64" => Uint64,
            "int32" => Int32,
            "fixed64" => Fixed64,
            "fixed32" => Fixed32,
            "bool" => Bool,
            "string" => String,
            "bytes" => Bytes,
            "uint32" => Uint32,
            "sfixed32" => Sfixed32,
            "sfixed64" => Sfixed64,
            "sint32" => Sint32,
            "sint64" => Sint64,
            _ => return None,
        })
    }

    /// Scalars that may be packed (everything but strings, bytes, messages and groups).
    pub fn is_packable(self) -> bool {
        !matches!(
            self,
            FieldType::String | FieldType::Bytes | FieldType::Message | FieldType::Group
        )
    }
}

/// `SymbolVisibility` (edition 2024 `export` / `local`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Visibility {
    Local = 1,
    Export = 2,
}

/// One part of an option name: `foo` or `(foo.bar)` (`is_extension`, name without parentheses).
#[derive(Clone, Debug, PartialEq)]
pub struct NamePart {
    pub name_part: String,
    pub is_extension: bool,
}

/// An option as the parser saw it (`UninterpretedOption`), plus where protoc points errors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UninterpretedOption {
    pub name: Vec<NamePart>,
    pub identifier_value: Option<String>,
    pub positive_int_value: Option<u64>,
    pub negative_int_value: Option<i64>,
    pub double_value: Option<f64>,
    pub string_value: Option<Vec<u8>>,
    /// Aggregate `{ ... }` text: the tokens joined by single spaces, strings with their quotes.
    pub aggregate_value: Option<String>,
    /// OPTION_NAME: the first token of the name.
    pub name_pos: MaybePos,
    /// OPTION_VALUE: the first token of the value (`-`, `{`).
    pub value_pos: MaybePos,
}

/// An options message (`FileOptions`, `FieldOptions`, ...). The parser fills `uninterpreted`;
/// the option interpreter consumes it and writes the encoded message to `bytes`.
/// `Some(Options::default())` on an element means "options present but empty" (as protoc's
/// `rpc X(A) returns (B) {}`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub uninterpreted: Vec<UninterpretedOption>,
    /// The encoded options message (without `uninterpreted_option`).
    pub bytes: Vec<u8>,
    /// The `features` in `bytes` were set only under their full name
    /// (`(google.protobuf.FieldOptions.features)`) in the extension pass: protoc writes them
    /// out but never resolves them, so they do not count as the element's features.
    pub unresolved_features: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileDescriptorProto {
    pub name: String,
    pub package: Option<String>,
    pub dependency: Vec<String>,
    pub public_dependency: Vec<i32>,
    pub weak_dependency: Vec<i32>,
    /// `import option "x.proto";` (edition 2024), field 15.
    pub option_dependency: Vec<String>,
    pub message_type: Vec<DescriptorProto>,
    pub enum_type: Vec<EnumDescriptorProto>,
    pub service: Vec<ServiceDescriptorProto>,
    pub extension: Vec<FieldDescriptorProto>,
    pub options: Option<Box<Options>>,
    /// `SourceCodeInfo`, recorded only under `--include_source_info`.
    pub source_code_info: Option<SourceCodeInfo>,
    pub syntax: Syntax,
    pub loc: FileLoc,
}

/// `SourceCodeInfo`: the parser's locations, in the order protoc records them. Decoded while
/// the file is built (the parser and the option interpreter rewrite locations), then held
/// encoded for the rest of the run (`descriptor::source_info`): a decoded location costs
/// about 180 bytes in five allocations, its encoding about 40, and after the build only the
/// encoder and the comment readers look at them. Equality compares the locations, whatever
/// the form.
#[derive(Clone, Debug)]
pub enum SourceCodeInfo {
    /// Being built.
    Locations(Vec<Location>),
    /// Built: the body of the encoded `SourceCodeInfo` message (its `location` records), in
    /// protoc's byte order.
    Encoded(Box<[u8]>),
}

impl Default for SourceCodeInfo {
    fn default() -> Self {
        SourceCodeInfo::Locations(Vec::new())
    }
}

/// `SourceCodeInfo.Location`. Comments are raw bytes (protoc copies them unchecked).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Location {
    pub path: Vec<i32>,
    /// `[start_line, start_col, end_line, end_col]`, `end_line` left out when equal.
    pub span: Vec<i32>,
    pub leading_comments: Option<Vec<u8>>,
    pub trailing_comments: Option<Vec<u8>>,
    pub leading_detached_comments: Vec<Vec<u8>>,
}

/// Error positions of a file: the token protoc's `SourceLocationTable` records for each
/// `DescriptorPool::ErrorCollector::ErrorLocation` (NAME, NUMBER, TYPE, OPTION_NAME, ...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileLoc {
    /// OTHER: the first token of the file.
    pub first_token: MaybePos,
    /// NAME: the `package` keyword.
    pub package: MaybePos,
    /// EDITIONS: the `syntax` / `edition` keyword.
    pub syntax: MaybePos,
    /// IMPORT: the `import` keyword of `dependency[i]` (last one if an import is repeated).
    pub dependency: Vec<MaybePos>,
    /// IMPORT of `option_dependency[i]`.
    pub option_dependency: Vec<MaybePos>,
    /// (file, "weak"): the `weak` keyword of each weak import, in `weak_dependency` order.
    pub weak: Vec<MaybePos>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DescriptorProto {
    pub name: String,
    pub field: Vec<FieldDescriptorProto>,
    pub extension: Vec<FieldDescriptorProto>,
    pub nested_type: Vec<DescriptorProto>,
    pub enum_type: Vec<EnumDescriptorProto>,
    pub extension_range: Vec<ExtensionRange>,
    pub oneof_decl: Vec<OneofDescriptorProto>,
    pub options: Option<Box<Options>>,
    pub reserved_range: Vec<ReservedRange>,
    pub reserved_name: Vec<String>,
    pub visibility: Option<Visibility>,
    pub loc: ElementLoc,
    /// NAME of each `reserved_name[i]` (for "is reserved multiple times"-style errors).
    pub reserved_name_pos: Vec<MaybePos>,
}

/// NAME and NUMBER positions shared by most elements.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ElementLoc {
    pub name: MaybePos,
    pub number: MaybePos,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldDescriptorProto {
    pub name: String,
    pub number: Option<i32>,
    pub label: Option<Label>,
    /// `None` until the linker resolves a named type (parser sets it for scalars and groups).
    pub r#type: Option<FieldType>,
    /// As written by the parser (`Foo`, `.a.B`); fully qualified with a leading dot after linking.
    pub type_name: Option<String>,
    pub extendee: Option<String>,
    pub default_value: Option<String>,
    pub oneof_index: Option<i32>,
    pub json_name: Option<String>,
    pub options: Option<Box<Options>>,
    pub proto3_optional: Option<bool>,
    pub loc: FieldLoc,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FieldLoc {
    pub name: MaybePos,
    pub number: MaybePos,
    /// TYPE: the first token after the label (type name, `map`, `group`).
    pub r#type: MaybePos,
    /// EXTENDEE: only on the first field of each `extend` block.
    pub extendee: MaybePos,
    pub default_value: MaybePos,
    /// OPTION_NAME / OPTION_VALUE of `json_name` (keyword / string), if written.
    pub json_name_option: MaybePos,
    pub json_name_value: MaybePos,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OneofDescriptorProto {
    pub name: String,
    pub options: Option<Box<Options>>,
    pub loc: ElementLoc,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExtensionRange {
    pub start: i32,
    pub end: i32,
    pub options: Option<Box<Options>>,
    /// NUMBER: the first token of the range.
    pub loc: MaybePos,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReservedRange {
    pub start: i32,
    /// Exclusive for messages, inclusive for enums (as in descriptor.proto).
    pub end: i32,
    pub loc: MaybePos,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumDescriptorProto {
    pub name: String,
    pub value: Vec<EnumValueDescriptorProto>,
    pub options: Option<Box<Options>>,
    pub reserved_range: Vec<ReservedRange>,
    pub reserved_name: Vec<String>,
    pub visibility: Option<Visibility>,
    pub loc: ElementLoc,
    pub reserved_name_pos: Vec<MaybePos>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EnumValueDescriptorProto {
    pub name: String,
    pub number: i32,
    pub options: Option<Box<Options>>,
    pub loc: ElementLoc,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServiceDescriptorProto {
    pub name: String,
    pub method: Vec<MethodDescriptorProto>,
    pub options: Option<Box<Options>>,
    pub loc: ElementLoc,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MethodDescriptorProto {
    pub name: String,
    pub input_type: String,
    pub output_type: String,
    pub options: Option<Box<Options>>,
    pub client_streaming: bool,
    pub server_streaming: bool,
    pub loc: MethodLoc,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MethodLoc {
    pub name: MaybePos,
    pub input_type: MaybePos,
    pub output_type: MaybePos,
    /// OTHER: the `stream` keyword (client side first).
    pub stream: MaybePos,
}
