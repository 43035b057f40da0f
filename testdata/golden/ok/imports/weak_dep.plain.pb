
H
imports/weak_dep.protofixtures.imports.weak"
WeakMsg
w (Rw