
3
unstable.protou"
U
a (RabeditionspN