from google.protobuf.internal import python_message as _python_message
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from google.protobuf import service as _service
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
TOP_EXT_FIELD_NUMBER: _ClassVar[int]
top_ext: _descriptor.FieldDescriptor
GRP_EXT_FIELD_NUMBER: _ClassVar[int]
grp_ext: _descriptor.FieldDescriptor

class Ext(_message.Message):
    __slots__ = ("a", "b", "grp")
    Extensions: _python_message._ExtensionDict
    class Grp(_message.Message):
        __slots__ = ("g",)
        G_FIELD_NUMBER: _ClassVar[int]
        g: int
        def __init__(self, g: _Optional[int] = ...) -> None: ...
    NESTED_EXT_FIELD_NUMBER: _ClassVar[int]
    nested_ext: _descriptor.FieldDescriptor
    A_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    GRP_FIELD_NUMBER: _ClassVar[int]
    a: int
    b: str
    grp: Ext.Grp
    def __init__(self, a: _Optional[int] = ..., b: _Optional[str] = ..., grp: _Optional[_Union[Ext.Grp, _Mapping]] = ...) -> None: ...

class Generic(_service.service): ...

class Generic_Stub(Generic): ...
