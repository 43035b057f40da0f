
A
imports/unused.protofixtures.imports.unused"
Unusedbproto3