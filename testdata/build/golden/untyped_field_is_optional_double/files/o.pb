
+
untyped.protountyped"
M
x (Rx