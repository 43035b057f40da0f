#!/usr/bin/env python3
"""The seed demo as a test: protoc-rs generates Python code for examples/greeter/greeter.proto
(`--python_out --grpc_python_out`), then a real grpcio server and client exchange every kind of
call (unary, server streaming, client streaming, bidirectional streaming) over 127.0.0.1 on an
ephemeral port, and the replies are checked. It also requires the generated files to equal what
the oracle (`python -m grpc_tools.protoc`) writes.

    python3 examples/greeter/demo.py [--protoc-rs PATH | --protoc-cmd CMD] [--python-target protobuf==P,grpcio==G]

--protoc-cmd runs a command instead of a binary (split like a shell, e.g. "python3 -m protoc_rs":
scripts/wheel-test runs the demo with the installed wheel that way).

--python-target passes `--python_target=...` to protoc-rs (scripts/python-runtimes runs the demo
that way against each older runtime, with that release's grpcio-tools as the oracle).

Needs grpcio, grpcio-tools and protobuf (the pins of .ci/run) importable. Exits 0 and prints
`demo greeter: 4/4 call kinds OK ...` on success, non-zero otherwise; the whole run is bounded
(--timeout, default 60 s).
"""
import argparse
import atexit
import datetime
import filecmp
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent import futures

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CALL_TIMEOUT = 10  # seconds per RPC


def fail(msg):
    print(f"demo greeter: FAILED: {msg}", flush=True)
    sys.exit(1)


def generate(cmd, out):
    os.makedirs(out)
    argv = [*cmd, f"-I{HERE}", f"--python_out={out}", f"--grpc_python_out={out}", "greeter.proto"]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        fail(f"{' '.join(argv)} exited {p.returncode}: {p.stderr.strip()}")
    return sorted(os.listdir(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protoc-rs", default=os.path.join(ROOT, "target/release/protoc-rs"))
    ap.add_argument("--protoc-cmd", help="a command in place of --protoc-rs, e.g. 'python3 -m protoc_rs'")
    ap.add_argument("--timeout", type=int, default=60, help="seconds for the whole demo")
    ap.add_argument("--python-target", help="passed to protoc-rs as --python_target")
    args = ap.parse_args()

    # A hung server or client must not hang CI.
    def on_alarm(*_):
        print(f"demo greeter: FAILED: no result after {args.timeout}s", flush=True)
        os._exit(1)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(args.timeout)

    tmp = tempfile.mkdtemp(prefix="greeter-demo-")
    atexit.register(shutil.rmtree, tmp, True)
    out = os.path.join(tmp, "protoc-rs")
    target = [f"--python_target={args.python_target}"] if args.python_target else []
    protoc = shlex.split(args.protoc_cmd) if args.protoc_cmd else [os.path.abspath(args.protoc_rs)]
    written = generate([*protoc, *target], out)
    if written != ["greeter_pb2.py", "greeter_pb2_grpc.py"]:
        fail(f"protoc-rs wrote {written}")
    oracle = generate([sys.executable, "-m", "grpc_tools.protoc"], os.path.join(tmp, "oracle"))
    _, mismatch, errors = filecmp.cmpfiles(out, os.path.join(tmp, "oracle"), written, shallow=False)
    if oracle != written or mismatch or errors:
        fail(f"protoc-rs output differs from the oracle's: {mismatch + errors or oracle}")

    sys.path.insert(0, out)
    import grpc
    import greeter_pb2 as pb
    import greeter_pb2_grpc as pb_grpc

    class Greeter(pb_grpc.GreeterServicer):
        def SayHello(self, request, context):
            reply = pb.HelloReply(message=f"Hello, {request.name}!")
            reply.sent_at.GetCurrentTime()
            return reply

        def SayHelloMany(self, request, context):
            for i in range(request.count):
                yield pb.HelloReply(message=f"Hello #{i + 1}, {request.name}!")

        def SayHelloToAll(self, request_iterator, context):
            names = [r.name for r in request_iterator]
            return pb.HelloReply(message=f"Hello, {' and '.join(names)}!", names=names)

        def Chat(self, request_iterator, context):
            for r in request_iterator:
                yield pb.HelloReply(message=f"Hi {r.name}", names=[r.name])

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    if port == 0:
        fail("could not bind 127.0.0.1:0")
    server.start()
    results = []
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT)
            stub = pb_grpc.GreeterStub(channel)

            # Unary.
            r = stub.SayHello(pb.HelloRequest(name="protoc-rs"), timeout=CALL_TIMEOUT)
            sent = r.sent_at.ToDatetime(tzinfo=datetime.timezone.utc)
            age = abs((datetime.datetime.now(datetime.timezone.utc) - sent).total_seconds())
            check(results, "unary", r.message == "Hello, protoc-rs!" and age < 60, r)

            # Server streaming.
            got = [x.message for x in stub.SayHelloMany(pb.HelloRequest(name="Ada", count=3), timeout=CALL_TIMEOUT)]
            check(results, "server streaming", got == [f"Hello #{i}, Ada!" for i in (1, 2, 3)], got)

            # Client streaming.
            names = ["Ada", "Grace", "Barbara"]
            r = stub.SayHelloToAll(iter(pb.HelloRequest(name=n) for n in names), timeout=CALL_TIMEOUT)
            check(results, "client streaming",
                  r.message == "Hello, Ada and Grace and Barbara!" and list(r.names) == names, r)

            # Bidirectional streaming, lock-step: each request is sent only after the previous
            # reply arrived, so replies really interleave with requests.
            turn = threading.Semaphore(1)

            def requests():
                for n in names:
                    turn.acquire()
                    yield pb.HelloRequest(name=n)

            got = []
            for x in stub.Chat(requests(), timeout=CALL_TIMEOUT):
                got.append((x.message, list(x.names)))
                turn.release()
            check(results, "bidi streaming", got == [(f"Hi {n}", [n]) for n in names], got)
    except grpc.RpcError as e:
        fail(f"RPC failed after {len(results)} call kinds: {e.code()} {e.details()}")
    finally:
        server.stop(grace=None)
    bad = [k for k, ok in results if not ok]
    if bad or len(results) != 4:
        fail(f"wrong replies for: {', '.join(bad)}")
    print(f"demo greeter: 4/4 call kinds OK (unary, server streaming, client streaming, bidi streaming) "
          f"over 127.0.0.1:{port}; code generated by protoc-rs, identical to grpc_tools.protoc's "
          f"(grpcio {grpc.__version__}, protobuf {_protobuf_version()})", flush=True)


def _protobuf_version():
    import google.protobuf
    return google.protobuf.__version__


def check(results, kind, ok, got):
    print(f"  {kind:17s} {'ok' if ok else 'WRONG'}: {str(got).strip()[:120]!r}", flush=True)
    results.append((kind, ok))


if __name__ == "__main__":
    main()
