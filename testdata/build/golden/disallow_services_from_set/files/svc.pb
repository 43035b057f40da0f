
C
	svc.protoplain.proto2!
Svc
Call.plain.P.plain.Pbproto3