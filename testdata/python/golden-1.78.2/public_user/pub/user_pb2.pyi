from pub import mid_pb2 as _mid_pb2
from pub import base_pb2 as _base_pb2
import importlib
_types_pb2 = importlib.import_module('kw.in.types_pb2')
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class User(_message.Message):
    __slots__ = ("base", "mid", "thing", "color", "level")
    BASE_FIELD_NUMBER: _ClassVar[int]
    MID_FIELD_NUMBER: _ClassVar[int]
    THING_FIELD_NUMBER: _ClassVar[int]
    COLOR_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    base: _base_pb2.Base
    mid: _mid_pb2.Mid
    thing: _types_pb2.Thing
    color: _types_pb2.Color
    level: _base_pb2.Level
    def __init__(self, base: _Optional[_Union[_base_pb2.Base, _Mapping]] = ..., mid: _Optional[_Union[_mid_pb2.Mid, _Mapping]] = ..., thing: _Optional[_Union[_types_pb2.Thing, _Mapping]] = ..., color: _Optional[_Union[_types_pb2.Color, str]] = ..., level: _Optional[_Union[_base_pb2.Level, str]] = ...) -> None: ...
