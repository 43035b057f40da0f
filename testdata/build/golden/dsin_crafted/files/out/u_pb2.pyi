from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class M(_message.Message):
    __slots__ = ("some_field", "other")
    SOME_FIELD_FIELD_NUMBER: _ClassVar[int]
    OTHER_FIELD_NUMBER: _ClassVar[int]
    some_field: int
    other: str
    def __init__(self, some_field: _Optional[int] = ..., other: _Optional[str] = ...) -> None: ...
