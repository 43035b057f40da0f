
9
x1.protoq:*
e.google.protobuf.FieldOptionsІ (
9
x2.protor:*
e.google.protobuf.FieldOptionsІ (