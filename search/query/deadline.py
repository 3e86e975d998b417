"""A time limit on a call running in the calling thread, enforced from outside it.

A search spends its time in Whoosh's pure-Python matchers, in places no check of ours reaches (a
phrase tried against every candidate, a range expanded term by term, a spelling correction). One
watchdog thread keeps every running call's deadline and, when one passes, raises an exception inside
that call's thread (CPython's PyThreadState_SetAsyncExc), which lands at its next bytecode. So a
slow request gives its server thread back on time, whatever it was doing.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


class _Expired(BaseException):
    """Raised inside the thread whose call ran out of time. A BaseException, so that no `except
    Exception` on the way can swallow it."""


class _Watchdog:
    def __init__(self):
        self._lock = threading.Condition()
        self._deadlines: list[tuple[float, int]] = []
        self._running: dict[int, int] = {}  # call number -> thread id, while the call runs
        self._fired: set[int] = set()
        self._numbers = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="deadline-watchdog", daemon=True)
                self._thread.start()
            number = next(self._numbers)
            self._running[number] = threading.get_ident()
            heapq.heappush(self._deadlines, (time.monotonic() + seconds, number))
            self._lock.notify()
            return number

    def disarm(self, number: int) -> bool:
        """Forget a call that has ended; True when it had run out of time. An exception raised in
        its thread and not yet delivered is taken back, so that it cannot land after the call."""
        with self._lock:
            thread = self._running.pop(number)
            fired = number in self._fired
            if fired:
                self._fired.discard(number)
                _set_async_exc(thread, ctypes.py_object())  # NULL: clear what is pending
            return fired

    def _watch(self) -> None:
        with self._lock:
            while True:
                while self._deadlines and self._deadlines[0][1] not in self._running:
                    heapq.heappop(self._deadlines)
                if not self._deadlines:
                    self._lock.wait()
                    continue
                due, number = self._deadlines[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._lock.wait(wait)
                    continue
                heapq.heappop(self._deadlines)
                self._fired.add(number)
                _set_async_exc(self._running[number], _Expired)


_WATCHDOG = _Watchdog()


def call_within(seconds: float, too_slow: Callable[[], Exception], call: Callable[..., Result], *args,
                **kwargs) -> Result:
    """call(*args, **kwargs), stopped after `seconds`; then the exception too_slow() is raised."""
    number = _WATCHDOG.arm(seconds)
    try:
        try:
            return call(*args, **kwargs)
        finally:
            _WATCHDOG.disarm(number)
    except _Expired:
        raise too_slow() from None
