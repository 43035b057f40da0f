"""The exceptions of runtime imports, with the attributes, types and text of
`grpc_tools._protoc_compiler`'s: code that catches or prints grpc_tools' errors works unchanged.

`ProtocError` and `ProtocWarning` hold bytes `filename` and `message` and protoc's 0-based
`line` and `column` (-1 and 0 where the error has no position, as "File not found."); a compile
that fails raises `ProtocErrors`, whose `errors()` lists them; each warning is issued with
`warnings.warn(ProtocWarning(...))`.
"""


class ProtocError(Exception):
    def __init__(self, filename, line, column, message):
        self.filename = filename
        self.line = line
        self.column = column
        self.message = message

    def __repr__(self):
        return 'ProtocError(filename="{}", line={}, column={}, message="{}")'.format(
            self.filename, self.line, self.column, self.message
        )

    def __str__(self):
        return "{}:{}:{} error: {}".format(
            self.filename.decode("ascii"), self.line, self.column, self.message.decode("ascii")
        )


class ProtocWarning(Warning):
    def __init__(self, filename, line, column, message):
        self.filename = filename
        self.line = line
        self.column = column
        self.message = message

    def __repr__(self):
        return 'ProtocWarning(filename="{}", line={}, column={}, message="{}")'.format(
            self.filename, self.line, self.column, self.message
        )

    __str__ = __repr__


class ProtocErrors(Exception):
    def __init__(self, errors):
        self._errors = errors

    def errors(self):
        return self._errors

    def __repr__(self):
        # NB: grpc_tools joins the errors' reprs with the format string itself as separator
        # ("ProtocErrors[{}]" between them, nothing around them); copied so repr() matches.
        return "ProtocErrors[{}]".join(repr(err) for err in self._errors)

    def __str__(self):
        return "\n".join(str(err) for err in self._errors)
