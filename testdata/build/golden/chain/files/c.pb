
ì
c.protoca.protob.proto"K
C
b (2.b.BRb
e (2.a.A.EBêµRe
packed (Rpacked:
c_ext.b.Bd (	RcExtbeditionspË