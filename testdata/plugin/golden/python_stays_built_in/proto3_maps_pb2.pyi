from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    KIND_UNSPECIFIED: _ClassVar[Kind]
    KIND_ONE: _ClassVar[Kind]
KIND_UNSPECIFIED: Kind
KIND_ONE: Kind

class Value(_message.Message):
    __slots__ = ("s",)
    S_FIELD_NUMBER: _ClassVar[int]
    s: str
    def __init__(self, s: _Optional[str] = ...) -> None: ...

class Maps(_message.Message):
    __slots__ = ("int32_key", "int64_key", "uint32_key", "uint64_key", "sint32_key", "sint64_key", "fixed32_key", "fixed64_key", "sfixed32_key", "sfixed64_key", "bool_key", "string_key", "nested_value", "json_named", "deprecated_map", "MixedCase_map")
    class Int32KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: str
        def __init__(self, key: _Optional[int] = ..., value: _Optional[str] = ...) -> None: ...
    class Int64KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: bytes
        def __init__(self, key: _Optional[int] = ..., value: _Optional[bytes] = ...) -> None: ...
    class Uint32KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: Value
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...
    class Uint64KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: Kind
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[Kind, str]] = ...) -> None: ...
    class Sint32KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: float
        def __init__(self, key: _Optional[int] = ..., value: _Optional[float] = ...) -> None: ...
    class Sint64KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: float
        def __init__(self, key: _Optional[int] = ..., value: _Optional[float] = ...) -> None: ...
    class Fixed32KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: bool
        def __init__(self, key: _Optional[int] = ..., value: _Optional[bool] = ...) -> None: ...
    class Fixed64KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class Sfixed32KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class Sfixed64KeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class BoolKeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: bool
        value: Maps
        def __init__(self, key: _Optional[bool] = ..., value: _Optional[_Union[Maps, _Mapping]] = ...) -> None: ...
    class StringKeyEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class NestedValueEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Maps.Nested.Deep
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Maps.Nested.Deep, _Mapping]] = ...) -> None: ...
    class JsonNamedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class DeprecatedMapEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class MixedCaseMapEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class Nested(_message.Message):
        __slots__ = ()
        class Deep(_message.Message):
            __slots__ = ("recursive",)
            class RecursiveEntry(_message.Message):
                __slots__ = ("key", "value")
                KEY_FIELD_NUMBER: _ClassVar[int]
                VALUE_FIELD_NUMBER: _ClassVar[int]
                key: str
                value: Maps.Nested.Deep
                def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Maps.Nested.Deep, _Mapping]] = ...) -> None: ...
            RECURSIVE_FIELD_NUMBER: _ClassVar[int]
            recursive: _containers.MessageMap[str, Maps.Nested.Deep]
            def __init__(self, recursive: _Optional[_Mapping[str, Maps.Nested.Deep]] = ...) -> None: ...
        def __init__(self) -> None: ...
    INT32_KEY_FIELD_NUMBER: _ClassVar[int]
    INT64_KEY_FIELD_NUMBER: _ClassVar[int]
    UINT32_KEY_FIELD_NUMBER: _ClassVar[int]
    UINT64_KEY_FIELD_NUMBER: _ClassVar[int]
    SINT32_KEY_FIELD_NUMBER: _ClassVar[int]
    SINT64_KEY_FIELD_NUMBER: _ClassVar[int]
    FIXED32_KEY_FIELD_NUMBER: _ClassVar[int]
    FIXED64_KEY_FIELD_NUMBER: _ClassVar[int]
    SFIXED32_KEY_FIELD_NUMBER: _ClassVar[int]
    SFIXED64_KEY_FIELD_NUMBER: _ClassVar[int]
    BOOL_KEY_FIELD_NUMBER: _ClassVar[int]
    STRING_KEY_FIELD_NUMBER: _ClassVar[int]
    NESTED_VALUE_FIELD_NUMBER: _ClassVar[int]
    JSON_NAMED_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED_MAP_FIELD_NUMBER: _ClassVar[int]
    MIXEDCASE_MAP_FIELD_NUMBER: _ClassVar[int]
    int32_key: _containers.ScalarMap[int, str]
    int64_key: _containers.ScalarMap[int, bytes]
    uint32_key: _containers.MessageMap[int, Value]
    uint64_key: _containers.ScalarMap[int, Kind]
    sint32_key: _containers.ScalarMap[int, float]
    sint64_key: _containers.ScalarMap[int, float]
    fixed32_key: _containers.ScalarMap[int, bool]
    fixed64_key: _containers.ScalarMap[int, int]
    sfixed32_key: _containers.ScalarMap[int, int]
    sfixed64_key: _containers.ScalarMap[int, int]
    bool_key: _containers.MessageMap[bool, Maps]
    string_key: _containers.ScalarMap[str, str]
    nested_value: _containers.MessageMap[str, Maps.Nested.Deep]
    json_named: _containers.ScalarMap[str, int]
    deprecated_map: _containers.ScalarMap[str, str]
    MixedCase_map: _containers.ScalarMap[str, str]
    def __init__(self, int32_key: _Optional[_Mapping[int, str]] = ..., int64_key: _Optional[_Mapping[int, bytes]] = ..., uint32_key: _Optional[_Mapping[int, Value]] = ..., uint64_key: _Optional[_Mapping[int, Kind]] = ..., sint32_key: _Optional[_Mapping[int, float]] = ..., sint64_key: _Optional[_Mapping[int, float]] = ..., fixed32_key: _Optional[_Mapping[int, bool]] = ..., fixed64_key: _Optional[_Mapping[int, int]] = ..., sfixed32_key: _Optional[_Mapping[int, int]] = ..., sfixed64_key: _Optional[_Mapping[int, int]] = ..., bool_key: _Optional[_Mapping[bool, Maps]] = ..., string_key: _Optional[_Mapping[str, str]] = ..., nested_value: _Optional[_Mapping[str, Maps.Nested.Deep]] = ..., json_named: _Optional[_Mapping[str, int]] = ..., deprecated_map: _Optional[_Mapping[str, str]] = ..., MixedCase_map: _Optional[_Mapping[str, str]] = ...) -> None: ...
