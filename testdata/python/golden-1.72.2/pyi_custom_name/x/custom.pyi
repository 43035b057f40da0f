from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Closed(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLOSED_ZERO: _ClassVar[Closed]
    CLOSED_ONE: _ClassVar[Closed]
CLOSED_ZERO: Closed
CLOSED_ONE: Closed

class Item(_message.Message):
    __slots__ = ("name", "child", "nums", "legacy")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHILD_FIELD_NUMBER: _ClassVar[int]
    NUMS_FIELD_NUMBER: _ClassVar[int]
    LEGACY_FIELD_NUMBER: _ClassVar[int]
    name: str
    child: Item
    nums: _containers.RepeatedScalarFieldContainer[int]
    legacy: int
    def __init__(self, name: _Optional[str] = ..., child: _Optional[_Union[Item, _Mapping]] = ..., nums: _Optional[_Iterable[int]] = ..., legacy: _Optional[int] = ...) -> None: ...
