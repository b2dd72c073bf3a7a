"""Which feedback figures of a program, its series and its sessions may be shown. No Django import.

A figure (a response count and its mean) covers one session, one series (its sessions together)
or the program (its series together). Rules:
- A figure of 1 to threshold - 1 responses is hidden; one of no responses says so.
- A series' figure minus its shown sessions' gives its hidden sessions' answers together, so in a
  series that is shown, the hidden sessions together hold no answer or at least `threshold`:
  while they hold fewer, its smallest shown session is hidden too.
- The program's figure minus the shown series' and the shown sessions' gives the hidden series'
  hidden sessions together: the same holds for them, and while it doesn't, the smallest shown
  series is hidden too (and then its smallest shown sessions, as needed).
Every figure anyone can then work out covers no answer or at least `threshold` people.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from nearpeer.privacy import is_small

PROGRAM = "program"


def _held(sessions: Mapping[Hashable, int], hidden: set) -> int:
    return sum(n for m, n in sessions.items() if ("meeting", m) in hidden)


def _hide_until(sessions: Mapping[Hashable, int], hidden: set, until: int) -> None:
    """Hide a series' smallest shown sessions until its hidden ones hold `until` answers."""
    held = _held(sessions, hidden)
    shown = sorted(
        (n, str(m), m) for m, n in sessions.items() if ("meeting", m) not in hidden and n
    )
    while held < until and shown:
        n, _, m = shown.pop(0)
        hidden.add(("meeting", m))
        held += n


def hidden_figures(program: Mapping[Hashable, Mapping[Hashable, int]], threshold: int = 5) -> set:
    """Keys of the figures to hide: ("meeting", key), ("series", key) or "program", for
    `program` = {series key: {session key: responses}}."""
    hidden = {("meeting", m) for ms in program.values() for m, n in ms.items()
              if is_small(n, threshold)}  # fmt: skip
    totals = {s: sum(ms.values()) for s, ms in program.items()}
    hidden |= {("series", s) for s, n in totals.items() if is_small(n, threshold)}
    for s, ms in program.items():
        if ("series", s) not in hidden and is_small(_held(ms, hidden), threshold):
            _hide_until(ms, hidden, threshold)
    if is_small(sum(totals.values()), threshold):
        return hidden | {PROGRAM}
    rest = sum(n for s, ms in program.items() if ("series", s) in hidden
               for m, n in ms.items() if ("meeting", m) in hidden)  # fmt: skip
    shown = sorted((n, str(s), s) for s, n in totals.items() if ("series", s) not in hidden and n)
    while is_small(rest, threshold) and shown:
        _, _, s = shown.pop(0)
        hidden.add(("series", s))
        _hide_until(program[s], hidden, threshold - rest)
        rest += _held(program[s], hidden)
    return hidden
