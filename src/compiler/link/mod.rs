//! Linking: what a file's names refer to. Runs on each file after parsing, before option
//! interpretation, and follows descriptor.cc's `DescriptorBuilder`:
//!
//! - `imports`: duplicate/missing imports and which files each file may see
//!   (`BuildFileImpl`, `RecordPublicDependencies`), and the unused-import warnings;
//! - `symbols`: the package and every named element added to the pool's symbol table
//!   (`AddPackage`, `AddSymbol`), and the extension index used by option lookups;
//! - `cross_link`: type names, extendees and method types resolved with protoc's scoping
//!   rules (`CrossLinkField`, `CrossLinkMethod`, `LookupSymbol`), default values normalised;
//! - `field_numbers`: field-number conflicts, found as each field is cross-linked
//!   (`AddFieldByNumber`, `AddExtension`), keyed by the message itself;
//! - `defaults`: default values as `FieldDescriptor::DefaultValueAsString` prints them;
//! - `visibility`: edition 2024 `export`/`local` (`Symbol::IsVisibleFrom`, checked while
//!   cross-linking) and symbol_checker.cc's STRICT rules, checked after the options checks.

pub mod cross_link;
pub mod defaults;
pub mod field_numbers;
pub mod imports;
pub mod symbols;
pub mod visibility;

#[cfg(test)]
mod tests;
