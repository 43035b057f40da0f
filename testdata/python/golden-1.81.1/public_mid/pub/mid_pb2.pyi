from pub import base_pb2 as _base_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
from pub.base_pb2 import Base as Base
from pub.base_pb2 import Level as Level

DESCRIPTOR: _descriptor.FileDescriptor
LEVEL_UNSPECIFIED: _base_pb2.Level
HIGH: _base_pb2.Level

class Mid(_message.Message):
    __slots__ = ("base",)
    BASE_FIELD_NUMBER: _ClassVar[int]
    base: _base_pb2.Base
    def __init__(self, base: _Optional[_Union[_base_pb2.Base, _Mapping]] = ...) -> None: ...
