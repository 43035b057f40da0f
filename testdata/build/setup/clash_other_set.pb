

x2.protoq"
M