from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
NOTE_FIELD_NUMBER: _ClassVar[int]
note: _descriptor.FieldDescriptor
WEIGHT_FIELD_NUMBER: _ClassVar[int]
weight: _descriptor.FieldDescriptor

class A(_message.Message):
    __slots__ = ("foo_bar", "names", "m", "opt", "e")
    class E(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        E_ZERO: _ClassVar[A.E]
        E_ONE: _ClassVar[A.E]
    E_ZERO: A.E
    E_ONE: A.E
    class MEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    FOO_BAR_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    M_FIELD_NUMBER: _ClassVar[int]
    OPT_FIELD_NUMBER: _ClassVar[int]
    E_FIELD_NUMBER: _ClassVar[int]
    foo_bar: int
    names: _containers.RepeatedScalarFieldContainer[str]
    m: _containers.ScalarMap[str, int]
    opt: int
    e: A.E
    def __init__(self, foo_bar: _Optional[int] = ..., names: _Optional[_Iterable[str]] = ..., m: _Optional[_Mapping[str, int]] = ..., opt: _Optional[int] = ..., e: _Optional[_Union[A.E, str]] = ...) -> None: ...
