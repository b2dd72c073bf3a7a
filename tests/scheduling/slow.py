"""Jobs for the worker-pool test, importable by a spawned helper process."""

import os
import time


def slow_pid() -> int:
    """This process's id, after a pause long enough that a second job can't go to the same
    (still busy) helper."""
    time.sleep(0.5)
    return os.getpid()
