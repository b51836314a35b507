"""A big export read in parts at once, each part after the first in a process of its own.

Where the machine has more than one core and the system can fork, a reader cuts a big file
into parts (`cuts`), starts a process for each part after the first (`start`), reads the first
itself, and then takes each part's result in order (`result`). A part's process knows all the
reader knew when it began (the file's dimensions, the vouchers read so far) and sends back only
what it counted. Where a process fails, its result is None and the reader reads that part
itself: the answer is always the one reading from start to end gives.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass

# A part is at least this big: below it, a process costs more than it saves.
PART = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Part:
    """A part being read in a process of its own: the process and the pipe its result comes by."""

    pid: int
    pipe: int


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - (macOS, Windows)


def cuts(size: int, start: int, find: Callable[[int], int]) -> list[int]:
    """Where the parts after the first begin, in a file of `size` bytes whose vouchers begin at
    `start` or later: near each part's share of it, at the voucher `find` gives from there (-1:
    none). No cut where one part is all there is (one core, or a small file) or fork is not there."""
    count = min(cores(), size // PART)
    if count < 2 or not hasattr(os, "fork"):
        return []
    found: list[int] = []
    for number in range(1, count):
        at = find(max(start, size * number // count))
        if at < 0:
            break
        if not found or at > found[-1]:
            found.append(at)
    return found


def start(work: Callable[[], object]) -> Part | None:
    """Run `work` in a process of its own, its result to come by a pipe; None where no process
    can be made (then the caller does the work itself)."""
    readable, writable = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return None
    if pid == 0:  # pragma: no cover - the part's process (coverage sees only its parent)
        status = 1
        try:
            os.close(readable)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)  # no exit handlers, no flush of the parent's buffers: they are the parent's
    os.close(writable)
    return Part(pid, readable)


def result(part: Part) -> object | None:
    """What the part's process sent, once it is done; None where it failed."""
    with os.fdopen(part.pipe, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(part.pid, 0)
    if status != 0 or not data:
        return None
    found: object = pickle.loads(data)  # (from our own process, by our own pipe)
    return found


def abandon(part: Part) -> None:
    """A part no longer wanted: its process stopped and waited for, its pipe closed."""
    os.kill(part.pid, signal.SIGKILL)
    os.waitpid(part.pid, 0)
    os.close(part.pipe)
