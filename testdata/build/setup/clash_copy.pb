

x1.protoq"
M

x1.protoq"
M