from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Plain(_message.Message):
    __slots__ = ("s", "values")
    S_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    s: str
    values: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, s: _Optional[str] = ..., values: _Optional[_Iterable[int]] = ...) -> None: ...
