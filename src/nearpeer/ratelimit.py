"""Counting tries in the shared cache, so a limit holds across every worker process and machine.

The cache is Redis when REDIS_URL is set, else a table in the database (settings.CACHES); never a
per-process memory, which would let each worker grant its own allowance. On Redis a try is
counted atomically; on the database cache two tries landing in the same instant from two
processes may count once (Django's database cache reads, then writes)."""

from django.core.cache import cache


def tries(key: str) -> int:
    """How many tries are counted under this key in its current window."""
    return cache.get(key, 0)


def count_try(key: str, window_seconds: int) -> int:
    """Count one more try; the window starts at the first try. Returns the new count."""
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, window_seconds)
        return 1


def forget(key: str) -> None:
    """Start afresh (after a success)."""
    cache.delete(key)
