#!/usr/bin/env python3
"""Runs a program on a pseudo-terminal of a given size, for tests and benchmarks
that must not depend on tmux (which itself dies on panes of one or two columns).

Usage: ptyrun.py [--size COLSxROWS] [--hold S] [--resize COLSxROWS]
                 [--expect TEXT] [--timeout S] [--env NAME=VALUE ...] -- PROGRAM ARGS...

Starts PROGRAM on a new pty of --size (default 80x24) with posix_spawn (a
vfork and exec: forking this Python interpreter, as pty.fork does, costs
more under load than a small program's whole start, and its copy of
Python's memory is torn down by the exec, which the program's own CPU time
would then include), in a new session whose controlling terminal is the
pty, as a login shell or ssh gives it. Reads everything it
writes, waits --hold seconds, then (with --resize) changes the window size,
which makes the kernel send SIGWINCH, and waits up to --timeout seconds for
--expect to appear in the output written since the start (or since the
resize). Then sends SIGTERM and waits for the exit. Prints one line of
key=value pairs:

  alive=1|0        the program still ran after --hold
  cpu_hold_s=F     CPU seconds it used during --hold
  expect_ms=N|-1   milliseconds from the start (or resize) until --expect
  cpu_ms=F|-1      CPU milliseconds (user + system) it had used when --expect
                   was seen (only without --hold and --resize), from
                   /proc/PID/schedstat in nanoseconds (the clock ticks of
                   /proc/PID/stat where that is missing); unlike expect_ms
                   it does not grow with the machine's load
  exit=N           its exit status after SIGTERM (-N for a signal)
  hwm_kb=N         its peak resident set size (VmHWM) just before SIGTERM
  maxrss_kb=N      ru_maxrss from wait4 (it includes the forked Python
                   before exec, so it is never below Python's own size)
  bytes=N          bytes it wrote to the terminal

Exit status 0 when --expect (if given) was seen, 1 otherwise.
"""
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time


def winsize(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def parse_size(text):
    cols, rows = text.lower().split("x")
    return int(cols), int(rows)


def runtime_ns(pid):
    """CPU time a task has run in nanoseconds, -1 when unknown."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return -1


def main(argv):
    size, hold, resize, expect, timeout, env = (80, 24), 0.0, None, None, 10.0, {}
    i = 0
    while i < len(argv) and argv[i] != "--":
        opt = argv[i]
        val = argv[i + 1] if i + 1 < len(argv) else ""
        if opt == "--size":
            size = parse_size(val)
        elif opt == "--hold":
            hold = float(val)
        elif opt == "--resize":
            resize = parse_size(val)
        elif opt == "--expect":
            expect = val.encode()
        elif opt == "--timeout":
            timeout = float(val)
        elif opt == "--env":
            k, _, v = val.partition("=")
            env[k] = v
        else:
            sys.exit("ptyrun.py: unknown option " + opt)
        i += 2
    cmd = argv[i + 1:]
    if not cmd:
        sys.exit(__doc__)

    fd, slave = os.openpty()
    winsize(fd, *size)
    child_env = dict(os.environ)
    child_env.update(env)
    # After setsid, opening the pty makes it the controlling terminal; both
    # ends of the pty are close-on-exec, so the program holds only 0, 1, 2.
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
        (os.POSIX_SPAWN_DUP2, 0, 1),
        (os.POSIX_SPAWN_DUP2, 0, 2),
    ]
    start = time.monotonic()
    try:
        pid = os.posix_spawnp(cmd[0], cmd, child_env, file_actions=actions, setsid=True)
    except OSError as e:
        sys.exit("ptyrun.py: cannot start %s: %s" % (cmd[0], e))
    os.close(slave)
    out = bytearray()
    mark = 0
    seen_ms = -1

    def pump(until, want=None):
        nonlocal seen_ms
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([fd], [], [], min(left, 0.05))
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    return False
                out.extend(chunk)
            if want is not None and want in out[mark:]:
                return True

    def cpu_of(p):
        ns = runtime_ns(p)
        if ns >= 0:
            return ns / 1e9
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return -1.0

    cpu_ms = -1.0
    if resize is None and expect is not None and hold == 0:
        if pump(start + timeout, expect):
            seen_ms = int((time.monotonic() - start) * 1000)
            c = cpu_of(pid)
            cpu_ms = c * 1000 if c >= 0 else -1.0
    else:
        cpu0 = cpu_of(pid)
        pump(time.monotonic() + hold)
        cpu1 = cpu_of(pid)
    alive, status, rusage = 1, None, None
    wpid, st, ru = os.wait4(pid, os.WNOHANG)
    if wpid == pid:
        alive, status, rusage = 0, st, ru
    cpu_hold = -1.0
    if not (resize is None and expect is not None and hold == 0):
        cpu_hold = cpu1 - cpu0 if cpu0 >= 0 and cpu1 >= 0 else -1.0
        if resize is not None and alive:
            mark = len(out)
            t0 = time.monotonic()
            winsize(fd, *resize)
            if expect is not None and pump(t0 + timeout, expect):
                seen_ms = int((time.monotonic() - t0) * 1000)
        elif expect is not None and alive:
            if expect in out or pump(time.monotonic() + timeout, expect):
                seen_ms = int((time.monotonic() - start) * 1000)
    hwm = -1
    if alive:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pump(time.monotonic() + 0.05)
            wpid, st, ru = os.wait4(pid, os.WNOHANG)
            if wpid == pid:
                status, rusage = st, ru
                break
        if status is None:
            os.kill(pid, signal.SIGKILL)
            _, status, rusage = os.wait4(pid, 0)
    code = os.waitstatus_to_exitcode(status) if status is not None else -999
    print("alive=%d cpu_hold_s=%.2f expect_ms=%d cpu_ms=%.1f exit=%d hwm_kb=%d maxrss_kb=%d bytes=%d"
          % (alive, cpu_hold, seen_ms, cpu_ms, code, hwm, rusage.ru_maxrss if rusage else -1,
             len(out)))
    os.close(fd)
    return 0 if expect is None or seen_ms >= 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
