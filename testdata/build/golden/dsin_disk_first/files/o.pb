
%
u.protoshadow"

FromDiskbproto3