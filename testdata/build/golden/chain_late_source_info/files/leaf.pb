
2

leaf.prototree"
Leaf
id (	Ridbproto3