
È
imports/diamond_a.protofixtures.imports.diamondimports/diamond_b.protoimports/diamond_c.proto"Y
A)
b (2.fixtures.imports.diamond.BRb)
c (2.fixtures.imports.diamond.CRcbproto3