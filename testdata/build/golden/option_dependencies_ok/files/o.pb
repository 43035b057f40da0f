
F
optdep.protood"
O
x (BÐµRxbeditionspézoptdef.proto