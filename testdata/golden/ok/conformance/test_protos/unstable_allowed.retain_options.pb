
n
.conformance/test_protos/unstable_allowed.protoconformance.unstable_allowed"
M
a (RabeditionspèN