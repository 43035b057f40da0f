

x1.protoq"
M

x2.protoq.M"
N