//! Wire agreement with Python (scripts/rust-wire): the samples below are built here with the
//! Rust types protoc-rs generates and, field for field, in scripts/rust-wire with the `_pb2`
//! modules protoc-rs generates.
//!
//! `wire write DIR`: writes `DIR/NAME.rust.bin` for every sample.
//! `wire check DIR`: decodes every `DIR/NAME.python.bin` and compares it (values and presence:
//! `Option` fields) with the sample; exits 1 on any difference.

use prost::Message;
use rust_compile::editions::equiv::{closed, open};
use rust_compile::ok::fixtures::proto2::{Outer, outer};
use std::collections::HashMap;

enum Sample {
    Closed(closed::Msg),
    Open(open::Msg),
    Proto2(Box<Outer>),
}

impl Sample {
    fn encode(&self) -> Vec<u8> {
        match self {
            Sample::Closed(m) => m.encode_to_vec(),
            Sample::Open(m) => m.encode_to_vec(),
            Sample::Proto2(m) => m.encode_to_vec(),
        }
    }

    /// Decodes `bytes` as the sample's type; `None` when the values differ.
    fn check(&self, bytes: &[u8]) -> Result<Option<String>, prost::DecodeError> {
        Ok(match self {
            Sample::Closed(m) => diff(m, &closed::Msg::decode(bytes)?),
            Sample::Open(m) => diff(m, &open::Msg::decode(bytes)?),
            Sample::Proto2(m) => diff(m.as_ref(), &Outer::decode(bytes)?),
        })
    }
}

fn diff<T: PartialEq + std::fmt::Debug>(want: &T, got: &T) -> Option<String> {
    (want != got).then(|| format!("want {want:?}\n  got {got:?}"))
}

fn closed_inner(x: Option<i32>) -> closed::msg::Inner {
    closed::msg::Inner { x }
}

fn samples() -> Vec<(&'static str, Sample)> {
    vec![
        (
            "closed_absent",
            Sample::Closed(closed::Msg {
                r: 1,
                ..Default::default()
            }),
        ),
        (
            "closed_defaults",
            Sample::Closed(closed::Msg {
                a: Some(0),
                s: Some(String::new()),
                r: 0,
                inner: Some(closed_inner(Some(0))),
                inners: vec![closed_inner(None)],
                kind: Some(closed::Kind::Unknown as i32),
                choice: Some(closed::msg::Choice::C1(0)),
                ..Default::default()
            }),
        ),
        (
            "closed_full",
            Sample::Closed(closed::Msg {
                a: Some(-7),
                s: Some("h\u{e9}llo".into()),
                r: i64::MAX,
                packed_ints: vec![1, -2, 300],
                expanded_ints: vec![4, 5, 0],
                inner: Some(closed_inner(Some(9))),
                inners: vec![closed_inner(Some(1)), closed_inner(Some(0))],
                kind: Some(closed::Kind::A as i32),
                by_name: HashMap::from([
                    ("k".to_string(), closed_inner(Some(3))),
                    (String::new(), closed_inner(None)),
                ]),
                choice: Some(closed::msg::Choice::C2("c".into())),
            }),
        ),
        ("open_absent", Sample::Open(open::Msg::default())),
        (
            "open_defaults",
            Sample::Open(open::Msg {
                maybe: Some(0),
                maybe_kind: Some(open::Kind::Unknown as i32),
                inner: Some(open::msg::Inner { x: 0 }),
                choice: Some(open::msg::Choice::C1(0)),
                ..Default::default()
            }),
        ),
        (
            "open_full",
            Sample::Open(open::Msg {
                a: -1,
                s: "s".into(),
                maybe: Some(i64::MIN),
                packed_ints: vec![0, 1, -1],
                expanded_ints: vec![7],
                inner: Some(open::msg::Inner { x: 2 }),
                kind: 5, // not a declared value: open enums keep it
                maybe_kind: Some(open::Kind::A as i32),
                by_name: HashMap::from([("z".to_string(), open::msg::Inner { x: 0 })]),
                choice: Some(open::msg::Choice::C2(String::new())),
            }),
        ),
        (
            "proto2_required_only",
            Sample::Proto2(Box::new(Outer {
                id: 0,
                ..Default::default()
            })),
        ),
        (
            "proto2_defaults",
            Sample::Proto2(Box::new(Outer {
                id: 1,
                name: Some(String::new()),
                middle: Some(Box::new(outer::Middle {
                    inner: Some(Box::default()),
                    kind: Some(outer::middle::Kind::Unknown as i32),
                    ..Default::default()
                })),
                kind: Some(outer::middle::Kind::B as i32),
                d: Some(0.0),
                f: Some(0.0),
                u32: Some(0),
                data: Some(Vec::new()),
                big_number: Some(0),
                ..Default::default()
            })),
        ),
        (
            "proto2_full",
            Sample::Proto2(Box::new(Outer {
                id: -3,
                name: Some("name".into()),
                values: vec![1, i64::MIN, 0],
                packed_values: vec![5, -5],
                unpacked_values: vec![u32::MAX, 0],
                middle: Some(Box::new(outer::Middle {
                    inner: Some(Box::new(outer::middle::Inner {
                        flag: Some(true),
                        back: Some(Box::new(Outer {
                            id: 42,
                            ..Default::default()
                        })),
                    })),
                    inners: vec![outer::middle::Inner {
                        flag: Some(false),
                        back: None,
                    }],
                    kind: Some(outer::middle::Kind::A as i32),
                })),
                inner: Some(Box::new(outer::middle::Inner {
                    flag: None,
                    back: None,
                })),
                kind: Some(outer::middle::Kind::B as i32),
                d: Some(-1.5),
                f: Some(0.25),
                u32: Some(u32::MAX),
                u64: Some(u64::MAX),
                s32: Some(i32::MIN),
                s64: Some(i64::MIN),
                fx64: Some(1 << 40),
                sfx32: Some(-1),
                sfx64: Some(-(1 << 50)),
                data: Some(vec![0, 255, 10]),
                big_number: Some(536870911),
            })),
        ),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, dir) = match args.as_slice() {
        [_, m, d] => (m.as_str(), std::path::Path::new(d)),
        _ => {
            eprintln!("usage: wire write|check DIR");
            std::process::exit(2)
        }
    };
    let mut failed = 0;
    for (name, sample) in samples() {
        match mode {
            "write" => std::fs::write(dir.join(format!("{name}.rust.bin")), sample.encode())
                .expect("write"),
            "check" => {
                let bytes = std::fs::read(dir.join(format!("{name}.python.bin"))).expect("read");
                match sample.check(&bytes) {
                    Ok(None) => println!("  rust decodes python {name}: same values and presence"),
                    Ok(Some(d)) => {
                        failed += 1;
                        println!("  MISMATCH rust decodes python {name}:\n  {d}");
                    }
                    Err(e) => {
                        failed += 1;
                        println!("  MISMATCH rust cannot decode python {name}: {e}");
                    }
                }
            }
            _ => {
                eprintln!("usage: wire write|check DIR");
                std::process::exit(2)
            }
        }
    }
    if failed > 0 {
        std::process::exit(1);
    }
}
