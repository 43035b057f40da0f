
–
editions/e2024_dep.protofixtures.e2024dep"6
ExportedDep
a (Ra
	NestedDep
b (Rb"
	HiddenDep
c (RcXB’@beditionspé