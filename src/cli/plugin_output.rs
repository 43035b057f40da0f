//! One plugin output of an invocation, as protoc's `GeneratePluginOutput` runs it: the plugin
//! (`generator::plugin`, or a real protoc for its other built-ins: `generator::plugin::protoc`), its files applied to the output directory by the one writer, then
//! protoc's checks of its declared features and its `error`, each printed in protoc's words
//! and order. Names a plugin returns are checked here for what the writer cannot hold (bytes
//! that are not UTF-8), the rest with every other output's before anything is written.

use super::console::Console;
use super::generators;
use super::hints::{self, Hints};
use super::invocation::Output;
use crate::compiler::Compilation;
use crate::generator::Requests;
use crate::generator::plugin::response::PluginResponse;
use crate::generator::plugin::{Plugin, features, protoc};
use crate::output::{Chunk, OutputDirectory};

/// Runs `plugin` for `output` and applies its response to `dir`. `false` when the invocation
/// fails here (everything was printed; hints added to `hints`).
#[allow(clippy::too_many_arguments)]
pub fn generate(
    output: &Output,
    plugin: &Plugin,
    requests: &Requests,
    compilation: &Compilation,
    inputs: &[String],
    dir: &mut OutputDirectory,
    con: &mut Console,
    hints: &mut Hints,
) -> bool {
    // protoc's other built-ins run through a real protoc, unless `--plugin` names a program.
    let through_protoc = protoc::runs(&output.flag, plugin);
    let ran = if through_protoc {
        protoc::run(&output.flag, &output.parameter, &output.location, requests)
    } else {
        plugin
            .run(requests, &output.parameter)
            .map(|r| (r, String::new()))
    };
    let response = match ran {
        Ok((r, printed)) => {
            let _ = con.err.write_all(printed.as_bytes());
            r
        }
        Err(e) => {
            if let Some(lines) = &e.before {
                let _ = con.err.write_all(lines.as_bytes());
            }
            if let Some(protoc) = &e.failed_protoc {
                // protoc's own lines were printed; a note for a person (shown as hints are)
                // when that protoc is another release than the one matched.
                hints.add(|| {
                    protoc::version_hint(
                        &output.flag,
                        protoc,
                        &protoc::version_of(protoc)?,
                        compilation.pool.release.version_line().trim_end(),
                    )
                });
                return false;
            }
            con.err_line(&format!("{}: {}", output.flag, e.message));
            if e.not_found {
                match generators::did_you_mean(&output.flag) {
                    Some(line) => con.err_line(&line),
                    None => hints.add(|| hints::plugin_not_found(&output.flag, plugin)),
                }
            }
            return false;
        }
    };
    let chunks = match chunks(&response) {
        Ok(c) => c,
        Err(line) => {
            con.err_line(&format!("{}: {}: {line}", output.flag, plugin.name));
            return false;
        }
    };
    match dir.apply_chunks(chunks, &plugin.name) {
        Ok(lines) => {
            for line in lines {
                con.err_line(&line);
            }
        }
        Err(e) => {
            con.err_line(&format!("{}: {e}", output.flag));
            return false;
        }
    }
    let files: Vec<_> = inputs
        .iter()
        .filter_map(|name| compilation.pool.file_index.get(name))
        .map(|&i| compilation.pool.file(i))
        .collect();
    // The child protoc checked what its generator supports itself.
    let refusals = if through_protoc {
        String::new()
    } else {
        features::refusals(&plugin.name, &response, &files)
    };
    let _ = con.err.write_all(refusals.as_bytes());
    if !response.error.is_empty() || !refusals.is_empty() {
        // NB: after a feature refusal without an `error`, protoc still prints `--X_out: `.
        con.err_line(&format!(
            "{}: {}",
            output.flag,
            String::from_utf8_lossy(&response.error)
        ));
        return false;
    }
    true
}

/// `b` as text. NB: protoc takes names and insertion points as bytes; protoc-rs refuses those
/// that are not UTF-8 (a listed difference).
fn text<'a>(what: &str, b: &'a [u8]) -> Result<&'a str, String> {
    std::str::from_utf8(b).map_err(|_| {
        format!(
            "Plugin returned a {what} that is not UTF-8 ({}).",
            crate::escape::c_escape(b)
        )
    })
}

/// The response's files as the writer's chunks.
fn chunks(response: &PluginResponse) -> Result<Vec<Chunk<'_>>, String> {
    response
        .file
        .iter()
        .map(|f| {
            Ok(Chunk {
                name: text("file name", &f.name)?,
                insertion_point: text("insertion point", &f.insertion_point)?,
                content: &f.content,
                generated_code_info: f.generated_code_info.as_deref(),
            })
        })
        .collect()
}
