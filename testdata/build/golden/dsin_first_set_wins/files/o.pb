
_
u.protou"=
M

some_field (R	someField
other (	Rcustom:B

xZg€µbproto3
+
v.protou.proto"
V
m (2.u.MRm