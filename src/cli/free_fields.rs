//! `--print_free_field_numbers`: for every message of the inputs (nested ones first, in
//! declaration order), the field numbers no field, extension range or reserved range takes
//! (command_line_interface.cc `PrintFreeFieldNumbers`, `FormatFreeFieldNumbers`).

use std::collections::BTreeSet;

use crate::compiler::pool::Pool;
use crate::descriptor::model::DescriptorProto;

/// The largest field number (`FieldDescriptor::kMaxNumber`).
const MAX_NUMBER: i64 = 536_870_911;

/// The lines protoc prints for `inputs` (virtual names), each ending in a newline.
pub fn render(pool: &Pool, inputs: &[String]) -> String {
    let mut out = String::new();
    for name in inputs {
        let Some(&i) = pool.file_index.get(name.as_str()) else {
            continue;
        };
        let file = pool.file(i);
        let package = file.package.as_deref().unwrap_or("");
        for m in &file.message_type {
            message(&mut out, package, m);
        }
    }
    out
}

fn message(out: &mut String, scope: &str, m: &DescriptorProto) {
    let full_name = if scope.is_empty() {
        m.name.clone()
    } else {
        format!("{scope}.{}", m.name)
    };
    // NB: protoc's comment says group types are skipped, but its code walks every nested
    // type (groups included), each before its parent.
    for n in &m.nested_type {
        message(out, &full_name, n);
    }
    // Occupied `[start, end)` ranges, sorted and deduplicated as protoc's btree_set.
    let mut ranges: BTreeSet<(i64, i64)> = BTreeSet::new();
    for f in &m.field {
        let n = i64::from(f.number.unwrap_or(0));
        ranges.insert((n, n + 1));
    }
    for r in &m.extension_range {
        ranges.insert((i64::from(r.start), i64::from(r.end)));
    }
    for r in &m.reserved_range {
        ranges.insert((i64::from(r.start), i64::from(r.end)));
    }
    let mut line = format!("{full_name:<35} free:");
    let mut next_free = 1i64;
    for (start, end) in ranges {
        // A group re-using its parent's numbers: the range is skipped.
        if next_free >= end {
            continue;
        }
        if next_free < start {
            if next_free + 1 == start {
                line.push_str(&format!(" {next_free}"));
            } else {
                line.push_str(&format!(" {next_free}-{}", start - 1));
            }
        }
        next_free = end;
    }
    if next_free <= MAX_NUMBER {
        line.push_str(&format!(" {next_free}-INF"));
    }
    out.push_str(&line);
    out.push('\n');
}
