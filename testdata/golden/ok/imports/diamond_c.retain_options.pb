
›
imports/diamond_c.protofixtures.imports.diamondimports/base.protoimports/unused.proto"4
C/
base (2.fixtures.imports.base.BaseRbasebproto3