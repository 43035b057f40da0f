
ö
b.protoba.proto"k
B
a (2.a.ABêµRa
d (:10000000000Rd
g (
2.b.B.GRg
G
x (Rx*dÄÄÄÄ2
S
Get.b.B.a.A