import a_pb2 as _a_pb2
from google.protobuf.internal import python_message as _python_message
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class B(_message.Message):
    __slots__ = ("a", "d", "g")
    Extensions: _python_message._ExtensionDict
    class G(_message.Message):
        __slots__ = ("x",)
        X_FIELD_NUMBER: _ClassVar[int]
        x: int
        def __init__(self, x: _Optional[int] = ...) -> None: ...
    A_FIELD_NUMBER: _ClassVar[int]
    D_FIELD_NUMBER: _ClassVar[int]
    G_FIELD_NUMBER: _ClassVar[int]
    a: _a_pb2.A
    d: float
    g: B.G
    def __init__(self, a: _Optional[_Union[_a_pb2.A, _Mapping]] = ..., d: _Optional[float] = ..., g: _Optional[_Union[B.G, _Mapping]] = ...) -> None: ...
