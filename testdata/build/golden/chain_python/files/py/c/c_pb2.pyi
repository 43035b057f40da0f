import a_pb2 as _a_pb2
import b_pb2 as _b_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
C_EXT_FIELD_NUMBER: _ClassVar[int]
c_ext: _descriptor.FieldDescriptor

class C(_message.Message):
    __slots__ = ("b", "e", "packed")
    B_FIELD_NUMBER: _ClassVar[int]
    E_FIELD_NUMBER: _ClassVar[int]
    PACKED_FIELD_NUMBER: _ClassVar[int]
    b: _b_pb2.B
    e: _a_pb2.A.E
    packed: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, b: _Optional[_Union[_b_pb2.B, _Mapping]] = ..., e: _Optional[_Union[_a_pb2.A.E, str]] = ..., packed: _Optional[_Iterable[int]] = ...) -> None: ...
