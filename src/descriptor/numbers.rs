//! Field numbers of descriptor.proto, one module per message, for the places that build or
//! walk a descriptor path (`SourceCodeInfo` paths, symbol paths) or read a field of encoded
//! options. Only the fields the code uses are named.
//!
//! The descriptor messages (`file`, `message`, `field`, ...) are `i32`, the type of a path
//! component; the options messages and `FeatureSet` are `u32`, the type of a wire field number.

/// `uninterpreted_option = 999`, in every options message (a path component).
pub const UNINTERPRETED_OPTION: i32 = 999;

/// `FileDescriptorProto`.
pub mod file {
    /// `package = 2`.
    pub const PACKAGE: i32 = 2;
    /// `dependency = 3`.
    pub const DEPENDENCY: i32 = 3;
    /// `message_type = 4`.
    pub const MESSAGE_TYPE: i32 = 4;
    /// `enum_type = 5`.
    pub const ENUM_TYPE: i32 = 5;
    /// `service = 6`.
    pub const SERVICE: i32 = 6;
    /// `extension = 7`.
    pub const EXTENSION: i32 = 7;
    /// `options = 8`.
    pub const OPTIONS: i32 = 8;
    /// `public_dependency = 10`.
    pub const PUBLIC_DEPENDENCY: i32 = 10;
    /// `weak_dependency = 11`.
    pub const WEAK_DEPENDENCY: i32 = 11;
    /// `syntax = 12`.
    pub const SYNTAX: i32 = 12;
    /// `edition = 14`.
    pub const EDITION: i32 = 14;
    /// `option_dependency = 15`.
    pub const OPTION_DEPENDENCY: i32 = 15;
}

/// `DescriptorProto`.
pub mod message {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `field = 2`.
    pub const FIELD: i32 = 2;
    /// `nested_type = 3`.
    pub const NESTED_TYPE: i32 = 3;
    /// `enum_type = 4`.
    pub const ENUM_TYPE: i32 = 4;
    /// `extension_range = 5`.
    pub const EXTENSION_RANGE: i32 = 5;
    /// `extension = 6`.
    pub const EXTENSION: i32 = 6;
    /// `options = 7`.
    pub const OPTIONS: i32 = 7;
    /// `oneof_decl = 8`.
    pub const ONEOF_DECL: i32 = 8;
    /// `reserved_range = 9`.
    pub const RESERVED_RANGE: i32 = 9;
    /// `reserved_name = 10`.
    pub const RESERVED_NAME: i32 = 10;
}

/// `DescriptorProto.ExtensionRange`.
pub mod extension_range {
    /// `start = 1`.
    pub const START: i32 = 1;
    /// `end = 2`.
    pub const END: i32 = 2;
    /// `options = 3`.
    pub const OPTIONS: i32 = 3;
}

/// `DescriptorProto.ReservedRange` and `EnumDescriptorProto.EnumReservedRange`.
pub mod reserved_range {
    /// `start = 1`.
    pub const START: i32 = 1;
    /// `end = 2`.
    pub const END: i32 = 2;
}

/// `FieldDescriptorProto`.
pub mod field {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `extendee = 2`.
    pub const EXTENDEE: i32 = 2;
    /// `number = 3`.
    pub const NUMBER: i32 = 3;
    /// `label = 4`.
    pub const LABEL: i32 = 4;
    /// `type = 5`.
    pub const TYPE: i32 = 5;
    /// `type_name = 6`.
    pub const TYPE_NAME: i32 = 6;
    /// `default_value = 7`.
    pub const DEFAULT_VALUE: i32 = 7;
    /// `options = 8`.
    pub const OPTIONS: i32 = 8;
    /// `json_name = 10`.
    pub const JSON_NAME: i32 = 10;
}

/// `OneofDescriptorProto`.
pub mod oneof {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `options = 2`.
    pub const OPTIONS: i32 = 2;
}

/// `EnumDescriptorProto`.
pub mod enum_type {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `value = 2`.
    pub const VALUE: i32 = 2;
    /// `options = 3`.
    pub const OPTIONS: i32 = 3;
    /// `reserved_range = 4`.
    pub const RESERVED_RANGE: i32 = 4;
    /// `reserved_name = 5`.
    pub const RESERVED_NAME: i32 = 5;
}

/// `EnumValueDescriptorProto`.
pub mod enum_value {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `number = 2`.
    pub const NUMBER: i32 = 2;
    /// `options = 3`.
    pub const OPTIONS: i32 = 3;
}

/// `ServiceDescriptorProto`.
pub mod service {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `method = 2`.
    pub const METHOD: i32 = 2;
    /// `options = 3`.
    pub const OPTIONS: i32 = 3;
}

/// `MethodDescriptorProto`.
pub mod method {
    /// `name = 1`.
    pub const NAME: i32 = 1;
    /// `input_type = 2`.
    pub const INPUT_TYPE: i32 = 2;
    /// `output_type = 3`.
    pub const OUTPUT_TYPE: i32 = 3;
    /// `options = 4`.
    pub const OPTIONS: i32 = 4;
    /// `client_streaming = 5`.
    pub const CLIENT_STREAMING: i32 = 5;
    /// `server_streaming = 6`.
    pub const SERVER_STREAMING: i32 = 6;
}

/// `UninterpretedOption`.
pub mod uninterpreted_option {
    /// `name = 2`.
    pub const NAME: i32 = 2;
    /// `identifier_value = 3`.
    pub const IDENTIFIER_VALUE: i32 = 3;
    /// `positive_int_value = 4`.
    pub const POSITIVE_INT_VALUE: i32 = 4;
    /// `negative_int_value = 5`.
    pub const NEGATIVE_INT_VALUE: i32 = 5;
    /// `double_value = 6`.
    pub const DOUBLE_VALUE: i32 = 6;
    /// `string_value = 7`.
    pub const STRING_VALUE: i32 = 7;
    /// `aggregate_value = 8`.
    pub const AGGREGATE_VALUE: i32 = 8;
}

/// `UninterpretedOption.NamePart`.
pub mod name_part {
    /// `name_part = 1`.
    pub const NAME_PART: i32 = 1;
}

/// `FileOptions`.
pub mod file_options {
    /// `optimize_for = 9`.
    pub const OPTIMIZE_FOR: u32 = 9;
    /// `cc_generic_services = 16`.
    pub const CC_GENERIC_SERVICES: u32 = 16;
    /// `java_generic_services = 17`.
    pub const JAVA_GENERIC_SERVICES: u32 = 17;
    /// `py_generic_services = 18`.
    pub const PY_GENERIC_SERVICES: u32 = 18;
    /// `java_string_check_utf8 = 27`.
    pub const JAVA_STRING_CHECK_UTF8: u32 = 27;
    /// `features = 50`.
    pub const FEATURES: u32 = 50;

    /// `FileOptions.OptimizeMode` values.
    pub mod optimize_mode {
        /// `LITE_RUNTIME = 3`.
        pub const LITE_RUNTIME: u64 = 3;
    }
}

/// `MessageOptions`.
pub mod message_options {
    /// `message_set_wire_format = 1`.
    pub const MESSAGE_SET_WIRE_FORMAT: u32 = 1;
    /// `map_entry = 7`.
    pub const MAP_ENTRY: u32 = 7;
    /// `deprecated_legacy_json_field_conflicts = 11`.
    pub const DEPRECATED_LEGACY_JSON_FIELD_CONFLICTS: u32 = 11;
    /// `features = 12`.
    pub const FEATURES: u32 = 12;
}

/// `FieldOptions`.
pub mod field_options {
    /// `ctype = 1`.
    pub const CTYPE: u32 = 1;
    /// `packed = 2`.
    pub const PACKED: u32 = 2;
    /// `deprecated = 3`.
    pub const DEPRECATED: u32 = 3;
    /// `lazy = 5`.
    pub const LAZY: u32 = 5;
    /// `jstype = 6`.
    pub const JSTYPE: u32 = 6;
    /// `unverified_lazy = 15`.
    pub const UNVERIFIED_LAZY: u32 = 15;
    /// `retention = 17`.
    pub const RETENTION: u32 = 17;
    /// `targets = 19`.
    pub const TARGETS: u32 = 19;
    /// `edition_defaults = 20`.
    pub const EDITION_DEFAULTS: u32 = 20;

    /// `FieldOptions.EditionDefault`.
    pub mod edition_default {
        /// `value = 2`.
        pub const VALUE: u32 = 2;
        /// `edition = 3`.
        pub const EDITION: u32 = 3;
    }
    /// `features = 21`.
    pub const FEATURES: u32 = 21;
    /// `feature_support = 22`.
    pub const FEATURE_SUPPORT: u32 = 22;

    /// `FieldOptions.FeatureSupport` (also `EnumValueOptions.feature_support`).
    pub mod feature_support {
        /// `edition_introduced = 1`.
        pub const EDITION_INTRODUCED: u32 = 1;
        /// `edition_deprecated = 2`.
        pub const EDITION_DEPRECATED: u32 = 2;
        /// `deprecation_warning = 3`.
        pub const DEPRECATION_WARNING: u32 = 3;
        /// `edition_removed = 4`.
        pub const EDITION_REMOVED: u32 = 4;
        /// `removal_error = 5`.
        pub const REMOVAL_ERROR: u32 = 5;
    }

    /// `FieldOptions.OptionRetention` values.
    pub mod retention {
        /// `RETENTION_SOURCE = 2`.
        pub const SOURCE: u64 = 2;
    }
}

/// `OneofOptions`.
pub mod oneof_options {
    /// `features = 1`.
    pub const FEATURES: u32 = 1;
}

/// `ExtensionRangeOptions`.
pub mod extension_range_options {
    /// `declaration = 2`.
    pub const DECLARATION: u32 = 2;
    /// `verification = 3`.
    pub const VERIFICATION: u32 = 3;
    /// `features = 50`.
    pub const FEATURES: u32 = 50;

    /// `ExtensionRangeOptions.Declaration`.
    pub mod declaration {
        /// `number = 1`.
        pub const NUMBER: u32 = 1;
        /// `full_name = 2`.
        pub const FULL_NAME: u32 = 2;
        /// `type = 3`.
        pub const TYPE: u32 = 3;
        /// `reserved = 5`.
        pub const RESERVED: u32 = 5;
        /// `repeated = 6`.
        pub const REPEATED: u32 = 6;
    }
}

/// `EnumOptions`.
pub mod enum_options {
    /// `allow_alias = 2`.
    pub const ALLOW_ALIAS: u32 = 2;
    /// `deprecated_legacy_json_field_conflicts = 6`.
    pub const DEPRECATED_LEGACY_JSON_FIELD_CONFLICTS: u32 = 6;
    /// `features = 7`.
    pub const FEATURES: u32 = 7;
}

/// `EnumValueOptions`.
pub mod enum_value_options {
    /// `features = 2`.
    pub const FEATURES: u32 = 2;
    /// `debug_redact = 3`.
    pub const DEBUG_REDACT: u32 = 3;
    /// `feature_support = 4`.
    pub const FEATURE_SUPPORT: u32 = 4;
}

/// `ServiceOptions`.
pub mod service_options {
    /// `features = 34`.
    pub const FEATURES: u32 = 34;
}

/// `MethodOptions`.
pub mod method_options {
    /// `features = 35`.
    pub const FEATURES: u32 = 35;
}

/// `FeatureSet`.
pub mod feature_set {
    /// `field_presence = 1`.
    pub const FIELD_PRESENCE: u32 = 1;
    /// `enum_type = 2`.
    pub const ENUM_TYPE: u32 = 2;
    /// `repeated_field_encoding = 3`.
    pub const REPEATED_FIELD_ENCODING: u32 = 3;
    /// `utf8_validation = 4`.
    pub const UTF8_VALIDATION: u32 = 4;
    /// `message_encoding = 5`.
    pub const MESSAGE_ENCODING: u32 = 5;
    /// `json_format = 6`.
    pub const JSON_FORMAT: u32 = 6;
    /// `enforce_naming_style = 7`.
    pub const ENFORCE_NAMING_STYLE: u32 = 7;
    /// `default_symbol_visibility = 8`.
    pub const DEFAULT_SYMBOL_VISIBILITY: u32 = 8;
    /// `enforce_proto_limits = 9` (protoc 36.2).
    pub const ENFORCE_PROTO_LIMITS: u32 = 9;
}
