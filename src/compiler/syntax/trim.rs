//! A parsed file's vectors trimmed to their length. The pool keeps every file for the whole
//! run, and vectors grown one element at a time by the parser keep up to half their room
//! unused: on googleapis the spare room of the fields' and messages' vectors alone was
//! tens of megabytes of the peak.

use crate::descriptor::model::{
    DescriptorProto, EnumDescriptorProto, FileDescriptorProto, ServiceDescriptorProto,
};

/// Trims every element vector of `file` (not the small per-element ones, such as positions).
pub fn file(file: &mut FileDescriptorProto) {
    file.dependency.shrink_to_fit();
    each(&mut file.message_type, message);
    each(&mut file.enum_type, enumeration);
    each(&mut file.service, service);
    file.extension.shrink_to_fit();
}

/// Trims `elements`, then each element's own vectors.
fn each<T>(elements: &mut Vec<T>, trim: fn(&mut T)) {
    elements.shrink_to_fit();
    elements.iter_mut().for_each(trim);
}

fn message(m: &mut DescriptorProto) {
    m.field.shrink_to_fit();
    m.extension.shrink_to_fit();
    each(&mut m.nested_type, message);
    each(&mut m.enum_type, enumeration);
    m.oneof_decl.shrink_to_fit();
    m.extension_range.shrink_to_fit();
    m.reserved_range.shrink_to_fit();
    m.reserved_name.shrink_to_fit();
}

fn enumeration(e: &mut EnumDescriptorProto) {
    e.value.shrink_to_fit();
    e.reserved_range.shrink_to_fit();
    e.reserved_name.shrink_to_fit();
}

fn service(s: &mut ServiceDescriptorProto) {
    s.method.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use crate::descriptor::model::{DescriptorProto, FieldDescriptorProto, FileDescriptorProto};

    #[test]
    fn nested_vectors_lose_their_spare_room_and_keep_their_elements() {
        let mut fields = Vec::with_capacity(64);
        fields.push(FieldDescriptorProto {
            name: "a".into(),
            ..Default::default()
        });
        let inner = DescriptorProto {
            name: "In".into(),
            field: fields.clone(),
            ..Default::default()
        };
        let mut nested = Vec::with_capacity(16);
        nested.push(inner);
        let mut file = FileDescriptorProto {
            message_type: vec![DescriptorProto {
                name: "Out".into(),
                field: fields,
                nested_type: nested,
                ..Default::default()
            }],
            ..Default::default()
        };
        let before = file.clone();
        super::file(&mut file);
        assert_eq!(file, before);
        let out = &file.message_type[0];
        assert_eq!(out.field.capacity(), 1);
        assert_eq!(out.nested_type.capacity(), 1);
        assert_eq!(out.nested_type[0].field.capacity(), 1);
    }
}
