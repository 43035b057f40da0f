

u.protoother
(
v.protou.proto"
V
m (2.u.M