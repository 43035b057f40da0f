from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Mode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODE_UNSPECIFIED: _ClassVar[Mode]
    FAST: _ClassVar[Mode]
    QUICK: _ClassVar[Mode]
MODE_UNSPECIFIED: Mode
FAST: Mode
QUICK: Mode
FILE_TAG_FIELD_NUMBER: _ClassVar[int]
file_tag: _descriptor.FieldDescriptor
MSG_TAG_FIELD_NUMBER: _ClassVar[int]
msg_tag: _descriptor.FieldDescriptor
SECRET_FIELD_NUMBER: _ClassVar[int]
secret: _descriptor.FieldDescriptor
WEIGHT_FIELD_NUMBER: _ClassVar[int]
weight: _descriptor.FieldDescriptor
ONEOF_TAG_FIELD_NUMBER: _ClassVar[int]
oneof_tag: _descriptor.FieldDescriptor
LABEL_FIELD_NUMBER: _ClassVar[int]
label: _descriptor.FieldDescriptor

class Tagged(_message.Message):
    __slots__ = ("name", "pw", "json", "maybe", "i", "s", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    PW_FIELD_NUMBER: _ClassVar[int]
    JSON_FIELD_NUMBER: _ClassVar[int]
    MAYBE_FIELD_NUMBER: _ClassVar[int]
    I_FIELD_NUMBER: _ClassVar[int]
    S_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    name: str
    pw: str
    json: str
    maybe: int
    i: int
    s: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, name: _Optional[str] = ..., pw: _Optional[str] = ..., json: _Optional[str] = ..., maybe: _Optional[int] = ..., i: _Optional[int] = ..., s: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...
