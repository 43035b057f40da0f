

x1.protoq"
M