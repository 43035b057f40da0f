
/
plain.protoplain"
P
x (Rxbproto3