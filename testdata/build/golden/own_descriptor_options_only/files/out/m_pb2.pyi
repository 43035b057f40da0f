from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
M_FIELD_NUMBER: _ClassVar[int]
m: _descriptor.FieldDescriptor
SRC_FIELD_NUMBER: _ClassVar[int]
src: _descriptor.FieldDescriptor
MM_FIELD_NUMBER: _ClassVar[int]
mm: _descriptor.FieldDescriptor
FM_FIELD_NUMBER: _ClassVar[int]
fm: _descriptor.FieldDescriptor

class M(_message.Message):
    __slots__ = ("a", "b", "r")
    A_FIELD_NUMBER: _ClassVar[int]
    B_FIELD_NUMBER: _ClassVar[int]
    R_FIELD_NUMBER: _ClassVar[int]
    a: int
    b: int
    r: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, a: _Optional[int] = ..., b: _Optional[int] = ..., r: _Optional[_Iterable[int]] = ...) -> None: ...

class X(_message.Message):
    __slots__ = ("f",)
    F_FIELD_NUMBER: _ClassVar[int]
    f: int
    def __init__(self, f: _Optional[int] = ...) -> None: ...
