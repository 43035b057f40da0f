//! Running a resolved invocation in protoc's order (`CommandLineInterface::Run`): source
//! tree and input mapping, compile (diagnostics printed in order), generators in
//! command-line order, the `-o` descriptor set, then the exit code (`--fatal_warnings`).

use super::Console;
use super::invocation::{Invocation, Output};
use super::output::write_atomically;
use crate::compiler::{self, Compilation, source::DiskSourceTree};
use crate::diagnostics::Diagnostics;

pub fn execute(inv: &Invocation, con: &mut Console) -> i32 {
    let mut tree = DiskSourceTree::new();
    for (virt, disk) in &inv.proto_path {
        tree.map_path(virt, disk);
    }
    // protoc stops at the first input it cannot map.
    let mut inputs = Vec::with_capacity(inv.inputs.len());
    for input in &inv.inputs {
        match tree.map_input(input) {
            Ok(v) => inputs.push(v),
            Err(line) => {
                con.err_line(&line);
                return 1;
            }
        }
    }

    let mut diags = Diagnostics::default();
    let compilation = compiler::compile(&tree, &inputs, &inv.compile_options, &mut diags);
    for d in &diags.items {
        con.err_line(&inv.error_format.render(d));
    }
    let Some(compilation) = compilation else {
        return 1;
    };
    if diags.has_errors() {
        return 1;
    }

    for output in &inv.outputs {
        if let Err(e) = generate(output, &compilation, &inputs) {
            con.err_line(&format!("{}: {e}", output.flag));
            return 1;
        }
    }

    if let Some(path) = &inv.descriptor_set_out {
        let bytes = compiler::descriptor_set(
            &compilation,
            &inputs,
            inv.include_imports,
            &inv.compile_options,
        );
        if let Err(line) = write_atomically(path, &bytes) {
            con.err_line(&line);
            return 1;
        }
    }

    // NB: protoc writes every output before failing on warnings.
    let warned = diags.items.iter().any(|d| d.warning);
    if inv.fatal_warnings && warned {
        return 1;
    }
    0
}

/// Runs one generator. The error is printed after `--X_out: `.
fn generate(output: &Output, compilation: &Compilation, inputs: &[String]) -> Result<(), String> {
    let _ = (compilation, inputs);
    match output.generator {
        Some(_) => Err("not supported yet".to_string()),
        None => Err("plugins are not supported yet".to_string()),
    }
}
