//! protoc's `SuggestFieldNumbers` hint after a file is cross-linked, for the messages
//! `before_link` found number problems in. (Field-number conflicts are found while
//! cross-linking each field: `link::field_numbers`.)

use super::before_link::{Hints, MAX_NUMBER};
use crate::compiler::context::FileContext;
use crate::compiler::pool::Pool;
use crate::descriptor::model::*;
use crate::descriptor::path::join;
use crate::diagnostics::Diagnostics;

/// `SuggestFieldNumbers` for the file at `ctx.index`.
pub fn run(pool: &Pool, diags: &mut Diagnostics, ctx: &FileContext, hints: Hints) {
    let file = pool.file(ctx.index);
    let pkg = file.package.clone().unwrap_or_default();
    for (i, m) in file.message_type.iter().enumerate() {
        let Some(&(count, pos)) = hints.by_message.get(&i) else {
            continue;
        };
        let count = count.min(3);
        if count <= 0 {
            continue;
        }
        diags.error(
            &ctx.display_name,
            pos,
            suggestion(m, &join(&pkg, &m.name), count),
        );
    }
}

/// The `Suggested field numbers for M: ...` text.
fn suggestion(m: &DescriptorProto, full: &str, mut count: i32) -> String {
    let mut used: Vec<(i64, i64)> = Vec::new();
    let max = MAX_NUMBER as i64;
    let add_ordinal = |used: &mut Vec<(i64, i64)>, o: i64| {
        if o <= 0 || o > max {
            return;
        }
        match used.last_mut() {
            Some(last) if last.1 == o => last.1 = o + 1,
            _ => used.push((o, o + 1)),
        }
    };
    for f in m.field.iter().chain(m.extension.iter()) {
        add_ordinal(&mut used, f.number.unwrap_or(0) as i64);
    }
    let add_range = |used: &mut Vec<(i64, i64)>, from: i32, to: i32| {
        let from = (from as i64).clamp(0, max + 1);
        let to = (to as i64).clamp(0, max + 1);
        if from < to {
            used.push((from, to));
        }
    };
    for r in &m.reserved_range {
        add_range(&mut used, r.start, r.end);
    }
    for r in &m.extension_range {
        add_range(&mut used, r.start, r.end);
    }
    used.push((max, max + 1));
    // NB: protoc's range for the implementation-reserved numbers ends at 19999 exclusive,
    // so 19999 can be suggested.
    used.push((19000, 19999));
    used.sort();
    let mut s = format!("Suggested field numbers for {full}: ");
    let mut current = 1i64;
    let mut sep = "";
    for (from, to) in used {
        while current < from && count > 0 {
            s.push_str(sep);
            s.push_str(&current.to_string());
            current += 1;
            sep = ", ";
            count -= 1;
        }
        if count == 0 {
            break;
        }
        current = current.max(to);
    }
    s
}
