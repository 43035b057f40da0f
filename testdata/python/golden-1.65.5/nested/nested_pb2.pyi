from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Foo(_message.Message):
    __slots__ = ("a",)
    A_FIELD_NUMBER: _ClassVar[int]
    a: int
    def __init__(self, a: _Optional[int] = ...) -> None: ...

class Outer(_message.Message):
    __slots__ = ("foo", "state", "foos", "states", "self")
    class State(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATE_UNSPECIFIED: _ClassVar[Outer.State]
        ON: _ClassVar[Outer.State]
    STATE_UNSPECIFIED: Outer.State
    ON: Outer.State
    class Foo(_message.Message):
        __slots__ = ("top", "self_ref", "deeps")
        class Deep(_message.Message):
            __slots__ = ("kind",)
            class Kind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                KIND_UNSPECIFIED: _ClassVar[Outer.Foo.Deep.Kind]
                K1: _ClassVar[Outer.Foo.Deep.Kind]
            KIND_UNSPECIFIED: Outer.Foo.Deep.Kind
            K1: Outer.Foo.Deep.Kind
            KIND_FIELD_NUMBER: _ClassVar[int]
            kind: Outer.Foo.Deep.Kind
            def __init__(self, kind: _Optional[_Union[Outer.Foo.Deep.Kind, str]] = ...) -> None: ...
        TOP_FIELD_NUMBER: _ClassVar[int]
        SELF_REF_FIELD_NUMBER: _ClassVar[int]
        DEEPS_FIELD_NUMBER: _ClassVar[int]
        top: nested_pb2.Foo
        self_ref: Outer.Foo
        deeps: _containers.RepeatedCompositeFieldContainer[Outer.Foo.Deep]
        def __init__(self, top: _Optional[_Union[nested_pb2.Foo, _Mapping]] = ..., self_ref: _Optional[_Union[Outer.Foo, _Mapping]] = ..., deeps: _Optional[_Iterable[_Union[Outer.Foo.Deep, _Mapping]]] = ...) -> None: ...
    class FoosEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Outer.Foo
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Outer.Foo, _Mapping]] = ...) -> None: ...
    class StatesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: Outer.State
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[Outer.State, str]] = ...) -> None: ...
    class Same(_message.Message):
        __slots__ = ()
        def __init__(self) -> None: ...
    class Twin(_message.Message):
        __slots__ = ()
        class Same(_message.Message):
            __slots__ = ()
            def __init__(self) -> None: ...
        def __init__(self) -> None: ...
    FOO_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FOOS_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    FROM_FIELD_NUMBER: _ClassVar[int]
    IN_FIELD_NUMBER: _ClassVar[int]
    SELF_FIELD_NUMBER: _ClassVar[int]
    foo: Outer.Foo
    state: Outer.State
    foos: _containers.MessageMap[str, Outer.Foo]
    states: _containers.ScalarMap[int, Outer.State]
    self: bool
    def __init__(self, foo: _Optional[_Union[Outer.Foo, _Mapping]] = ..., state: _Optional[_Union[Outer.State, str]] = ..., foos: _Optional[_Mapping[str, Outer.Foo]] = ..., states: _Optional[_Mapping[int, Outer.State]] = ..., self: bool = ..., **kwargs) -> None: ...

class class(_message.Message):
    __slots__ = ("d",)
    class def(_message.Message):
        __slots__ = ("x",)
        X_FIELD_NUMBER: _ClassVar[int]
        x: int
        def __init__(self, x: _Optional[int] = ...) -> None: ...
    D_FIELD_NUMBER: _ClassVar[int]
    d: getattr(globals()['class'], 'def')
    def __init__(self, d: _Optional[_Union[getattr(globals()['class'], 'def'), _Mapping]] = ...) -> None: ...
