

x1.protoq"
B-C