
/
plain.protoplain"
P
x (Rxbproto3
C
	svc.protoplain.proto2!
Svc
Call.plain.P.plain.Pbproto3
H
	two.protoplain.proto	svc.proto"
T
p (2.plain.PRpbproto3