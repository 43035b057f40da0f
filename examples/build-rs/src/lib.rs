//! The code tonic-prost-build generated in `build.rs` (with `PROTOC` = protoc-rs), in modules
//! following the protobuf packages (`shop.v1` refers to `shop.common` as `super::common`).

pub mod shop {
    pub mod common {
        tonic::include_proto!("shop.common");
    }
    pub mod v1 {
        tonic::include_proto!("shop.v1");
    }
}

/// The directory `build.rs` generated into (scripts/build-rs-parity compares its files).
pub const OUT_DIR: &str = env!("OUT_DIR");

#[cfg(test)]
mod tests {
    use super::shop::{common::Money, v1::Item, v1::item::Availability};
    use prost::Message;

    #[test]
    fn round_trip() {
        let item = Item {
            id: "1".into(),
            name: "tea".into(),
            price: Some(Money {
                currency_code: "EUR".into(),
                units: 3,
                nanos: 500_000_000,
            }),
            availability: Some(Availability::InStock(7)),
            ..Default::default()
        };
        let bytes = item.encode_to_vec();
        assert_eq!(Item::decode(bytes.as_slice()).ok(), Some(item));
    }
}
