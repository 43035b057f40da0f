//! protoc's checks that are not part of parsing, linking or interpreting, one file per point
//! in the driver's order at which they run:
//!
//! - `before_link`: numbers, ranges, reserved names and empty enums, as descriptor.cc's
//!   `BuildMessage`/`BuildField`/`BuildEnum` check them while building, before linking;
//! - `after_link`: the `SuggestFieldNumbers` hint (field-number conflicts are cross-linking's:
//!   `link::field_numbers`);
//! - `after_options`: feature resolution's checks and the `ValidateOptions` visitor of
//!   descriptor.cc, map-entry conflicts, naming style; with `extension_declarations`
//!   (`ValidateExtensionDeclaration`, `CheckExtensionDeclaration`) and `custom_json` (36.2's
//!   `(pb.enumvalue.json).string` checks);
//! - `feature_support`: the `feature_support` windows themselves, run by `after_options`;
//! - `proto_limits`: protoc 36.2's size limits (`ValidateProtoLimits`), after the naming style;
//! - `feature_lifetimes`: descriptor.cc's deferred `ValidateFeatureLifetimes`, last per file;
//! - `input_rules`: the command line's rules on each input, right after it is built
//!   (`--disallow_services`, `--direct_dependencies`, `--option_dependencies`);
//! - `after_all_files`: the command line's checks of the inputs once every file is built
//!   (command_line_interface.cc `Run`).

pub mod after_all_files;
pub mod after_link;
pub mod after_options;
pub mod before_link;
pub mod custom_json;
pub mod extension_declarations;
pub mod feature_lifetimes;
pub mod feature_support;
pub mod input_rules;
pub mod proto_limits;

#[cfg(test)]
mod tests;
