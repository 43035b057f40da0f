"""One short run of a compiler, measured as the small-file row counts it: shared by scripts/bench
(its `small` row) and scripts/startup-guard (the CI guard of that row).

    from small_run import SMALL, measure
    wall, cpu, pages = measure([exe, "-I.", "--python_out=out", "small.proto"], cwd)
"""
import os
import subprocess
import sys
import time

# The row's small proto: no options, so no built-in descriptor.proto pool is needed.
SMALL = 'syntax = "proto3";\npackage bench;\nmessage Small {\n  string name = 1;\n  int32 id = 2;\n}\n'


def measure(cmd, cwd):
    """(wall seconds, CPU seconds, minor page faults) of one run of `cmd` in `cwd`, from
    wait4's rusage; exits the caller on a failed run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}: {err.decode(errors='replace')[:300]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_minflt
