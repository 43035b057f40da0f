
ß
imports/user.protofixtures.imports.userimports/public_reexport.protoimports/weak_dep.protogoogle/protobuf/any.protogoogle/protobuf/timestamp.protogoogle/protobuf/duration.protogoogle/protobuf/struct.protogoogle/protobuf/wrappers.proto google/protobuf/field_mask.proto"´
User:

via_public (2.fixtures.imports.base.BaseR	viaPublicG
enum_via_public (2.fixtures.imports.base.BaseEnumRenumViaPublic;
direct (2#.fixtures.imports.reexport.ReexportRdirect&
any (2.google.protobuf.AnyRany*
ts (2.google.protobuf.TimestampRts+
dur (2.google.protobuf.DurationRdur'
st (2.google.protobuf.StructRst(
val (2.google.protobuf.ValueRval6
wrapped	 (2.google.protobuf.StringValueRwrapped.
mask
 (2.google.protobuf.FieldMaskRmask.
list (2.google.protobuf.ListValueRlistXbproto3