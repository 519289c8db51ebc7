#!/usr/bin/env python3
"""Runs one command and prints "WALL_S PEAK_RSS_KB EXIT_CODE" on stdout.

    measure.py CMD [ARG...]

Wall time is taken around the child with a monotonic clock. Peak RSS is GNU time's %M when
/usr/bin/time exists, else the child's ru_maxrss from getrusage(RUSAGE_CHILDREN) (the same
number: both come from wait4). The child's own stdout and stderr pass through to stderr.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time


def main():
    cmd = sys.argv[1:]
    if not cmd:
        sys.exit("usage: measure.py CMD [ARG...]")
    gnu_time = "/usr/bin/time"
    rss_file = None
    if os.access(gnu_time, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="measure-", suffix=".rss")
        os.close(fd)
        cmd = [gnu_time, "-f", "%M", "-o", rss_file, *cmd]
    start = time.perf_counter()
    code = subprocess.call(cmd, stdout=sys.stderr)
    wall = time.perf_counter() - start
    if rss_file:
        with open(rss_file) as f:
            lines = [line for line in f.read().split("\n") if line.strip().isdigit()]
        os.unlink(rss_file)
        rss_kb = int(lines[-1]) if lines else -1
    else:
        rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{wall:.4f} {rss_kb} {code}")


if __name__ == "__main__":
    main()
