

x1.protoq.M"
N

x2.protoq"
M