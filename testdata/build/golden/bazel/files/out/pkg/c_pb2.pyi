from pkg import a_pb2 as _a_pb2
from pkg import b_pb2 as _b_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Tree(_message.Message):
    __slots__ = ("trunk", "top")
    TRUNK_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    trunk: _b_pb2.Branch
    top: _a_pb2.Leaf
    def __init__(self, trunk: _Optional[_Union[_b_pb2.Branch, _Mapping]] = ..., top: _Optional[_Union[_a_pb2.Leaf, _Mapping]] = ...) -> None: ...
