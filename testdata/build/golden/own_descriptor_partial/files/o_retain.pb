
ü
m.proto google/protobuf/descriptor.proto"-
M
a (Ra
b (Rb
r (Rr"-
X
f (B‚µ‚µRf:‚µ‚µ:0
m.google.protobuf.FileOptionsÐ† (2.MRm:5
src.google.protobuf.FileOptionsÑ† (BˆRsrc:5
mm.google.protobuf.MessageOptionsÐ† (2.MRmm:3
fm.google.protobuf.FieldOptionsÐ† (2.MRfmB‚µ‚µˆµ‚µ‚µ