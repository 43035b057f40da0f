//! Prints the `OUT_DIR` that `build.rs` generated into, then encodes an item as a smoke test of
//! the generated messages; the services (`catalog_client`, `catalog_server`) are compiled with
//! the crate.

use build_rs_example::shop::{common::Money, v1::Item};
use prost::Message;

fn main() {
    println!("{}", build_rs_example::OUT_DIR);
    let item = Item {
        id: "1".into(),
        price: Some(Money {
            currency_code: "EUR".into(),
            units: 3,
            nanos: 0,
        }),
        ..Default::default()
    };
    eprintln!("encoded Item: {} bytes", item.encoded_len());
    // Name the service modules so that a missing one fails the build.
    let _ = std::any::type_name::<build_rs_example::shop::v1::catalog_client::CatalogClient<()>>();
    let _ = std::any::type_name::<
        build_rs_example::shop::v1::catalog_server::CatalogServer<Unimplemented>,
    >();
}

struct Unimplemented;
