
©
b.protoba.proto"z
B'
a (2.a.ABäµsource onlyêµRa
d (:10000000000Rd
g (
2.b.B.GRg
G
x (Rx*dÄÄÄÄ2
S
Get.b.B.a.A