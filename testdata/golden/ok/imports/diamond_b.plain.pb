
…
imports/diamond_b.protofixtures.imports.diamondimports/base.proto"4
B/
base (2.fixtures.imports.base.BaseRbasebproto3