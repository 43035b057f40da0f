
¬
proto2_services.protofixtures.services2"
Req
a (Ra2u
S5
M.fixtures.services2.Req.fixtures.services2.Req9
N.fixtures.services2.Req.fixtures.services2.Req(0B	Äàê