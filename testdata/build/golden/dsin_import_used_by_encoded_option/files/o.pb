
=
uses_option.protoa.proto"
U
x (BêµRxbproto3