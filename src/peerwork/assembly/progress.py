"""Progress from a long solve, and stopping it early with the best teams found so far.

`solve(..., on_progress=hook)` calls `hook(info)` each time a better solution is found
and between engagements of a sequential run; `info` has `solutions` (found so far)
and `seconds`. If the hook returns False the search stops and the best answer found
so far is returned, with `"stopped": true` in the result.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model

Hook = Callable[[dict], object]


class _Watch:
    def __init__(self, hook: Hook) -> None:
        self.hook = hook
        self.started = time.perf_counter()
        self.solutions = 0
        self.stopped = False

    def report(self, found: bool) -> bool:
        if self.stopped:
            return False
        self.solutions += int(found)
        info = {
            "solutions": self.solutions,
            "seconds": round(time.perf_counter() - self.started, 1),
        }
        if self.hook(info) is False:
            self.stopped = True
        return not self.stopped


_WATCH: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar(
    "assembly_progress", default=None
)


@contextmanager
def watching(hook: Hook | None) -> Iterator[_Watch | None]:
    if hook is None:
        yield None
        return
    watch = _Watch(hook)
    token = _WATCH.set(watch)
    try:
        yield watch
    finally:
        _WATCH.reset(token)


def keep_going() -> bool:
    """Report between steps; False once the caller asked to stop."""
    watch = _WATCH.get()
    return True if watch is None else watch.report(found=False)


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def on_solution_callback(self) -> None:
        if not self.watch.report(found=True):
            self.stop_search()


def callback() -> cp_model.CpSolverSolutionCallback | None:
    """A CP-SAT solution callback for the current watch, if anyone is watching."""
    watch = _WATCH.get()
    return None if watch is None else _Callback(watch)
