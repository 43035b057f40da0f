
V
branch.prototree
leaf.proto",
Branch"
leaves (2
.tree.LeafRleavesbproto3