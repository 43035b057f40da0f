
H
	two.protoplain.proto	svc.proto"
T
p (2.plain.PRpbproto3