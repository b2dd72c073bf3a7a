"""Limits on guessing second-step codes (pure: no Django import).

Two limits hold together. Within one sign-in, a few wrong codes end that sign-in, so the person
starts again with their password. On the account, a few wrong codes within a short window pause
all codes for a while, and each further pause is twice as long (up to a day), however many
browsers or app processes the guesses come from.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Limits:
    per_sign_in: int = 5
    per_account: int = 5
    window: timedelta = timedelta(minutes=15)
    first_pause: timedelta = timedelta(minutes=15)
    longest_pause: timedelta = timedelta(hours=24)

    @property
    def lookback(self) -> timedelta:
        """How far back wrong codes still count towards a growing pause."""
        return 2 * self.longest_pause


@dataclass(frozen=True)
class Standing:
    paused_until: datetime | None  # codes are refused until then
    tries_left: int  # wrong codes the account may still take before a pause


def standing(failures: Iterable[datetime], now: datetime, limits: Limits) -> Standing:
    """Where an account stands, given the times of its wrong codes since its last right one."""
    run: list[datetime] = []
    pauses, until = 0, None
    for at in sorted(failures):
        if until is not None and at < until:
            continue  # raced in during a pause: it was refused, not a guess
        run = [t for t in run if at - t < limits.window] + [at]
        if len(run) >= limits.per_account:
            until = at + min(limits.first_pause * 2**pauses, limits.longest_pause)
            pauses, run = pauses + 1, []
    if until is not None and until > now:
        return Standing(paused_until=until, tries_left=0)
    recent = [t for t in run if now - t < limits.window]
    return Standing(paused_until=None, tries_left=limits.per_account - len(recent))


def wait_in_words(delta: timedelta) -> str:
    """A wait as a person would say it: "1 minute", "15 minutes", "2 hours"."""
    minutes = max(1, -(-int(delta.total_seconds()) // 60))
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = -(-minutes // 60)
    return f"{hours} hours"
