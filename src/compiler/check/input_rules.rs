//! The command line's rules on each input, checked as soon as that input is built and before
//! the next one is (command_line_interface.cc `ParseInputFiles`): `--disallow_services`,
//! `--direct_dependencies` and `--option_dependencies`. The first input breaking a rule stops
//! the compilation.

use crate::compiler::pool::Pool;
use crate::diagnostics::Diagnostics;

/// protoc's default `--direct_dependencies_violation_msg`.
pub const DIRECT_VIOLATION: &str = "File is imported but not declared in --direct_dependencies: %s";

/// protoc's default `--option_dependencies_violation_msg`.
pub const OPTION_VIOLATION: &str =
    "File is option imported but not declared in --option_dependencies: %s";

/// The allowed imports of a strict-dependency rule and the message for each other one, in
/// which `%s` stands for the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub files: Vec<String>,
    pub violation: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputRules {
    pub disallow_services: bool,
    pub direct_dependencies: Option<Allowed>,
    pub option_dependencies: Option<Allowed>,
}

/// Checks the input `name` (built into `pool`); false when it broke a rule (all its
/// violations of that rule reported).
pub fn run(rules: &InputRules, pool: &Pool, diags: &mut Diagnostics, name: &str) -> bool {
    let Some(&i) = pool.file_index.get(name) else {
        return true;
    };
    let file = pool.file(i);
    // NB: protoc prints these straight to stderr as `NAME: message`, naming the file by its
    // virtual name, whatever --error_format says.
    if rules.disallow_services && !file.service.is_empty() {
        diags.error(
            &file.name,
            None,
            "This file contains services, but --disallow_services was used.",
        );
        return false;
    }
    for (rule, imports) in [
        (&rules.direct_dependencies, &file.dependency),
        (&rules.option_dependencies, &file.option_dependency),
    ] {
        let Some(allowed) = rule else {
            continue;
        };
        let mut ok = true;
        for import in imports {
            if !allowed.files.contains(import) {
                ok = false;
                diags.error(&file.name, None, allowed.violation.replace("%s", import));
            }
        }
        if !ok {
            return false;
        }
    }
    true
}
