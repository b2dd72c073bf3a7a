"""Choose the on-call mentor for a support request: a pure, deterministic matching rule.

Order of what counts (each only breaks ties of the one before):
1. the requester's stated preferences: a mentor's gender and a language (fewest unmet first);
2. where asked, a mentor from outside the requester's own program and class or cohort;
3. a similar stage of training (near-peer: PGY-2 with PGY-1 or PGY-3, MS2 with MS1 or MS3);
4. the lightest load: fewest active requests, then longest since their last assignment;
5. the mentor id, so the answer never depends on the order of the input.
Mentors who passed this request on are never chosen again. No Django import: plain data in and out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_GENDER_WORDS = {
    "woman": {"woman", "women", "female", "f", "girl", "a woman", "cis woman", "trans woman"},
    "man": {"man", "men", "male", "m", "guy", "a man", "cis man", "trans man"},
    "nonbinary": {"nonbinary", "non-binary", "non binary", "nb", "enby", "genderqueer"},
}
_LANGUAGE_CODES = {
    "en": "english",
    "es": "spanish",
    "espanol": "spanish",
    "español": "spanish",
    "fr": "french",
    "zh": "chinese",
    "mandarin": "chinese",
    "pt": "portuguese",
    "ar": "arabic",
    "hi": "hindi",
    "ko": "korean",
    "vi": "vietnamese",
    "tl": "tagalog",
}
_STAGES = (
    ("residency", re.compile(r"\bpgy\s*-?\s*(\d+)")),
    ("residency", re.compile(r"\b(?:resident|residency)\b(?:\D*(\d+))?")),
    ("fellowship", re.compile(r"\bfellow(?:ship)?\b(?:\D*(\d+))?")),
    ("medical", re.compile(r"\b(?:ms|m)\s*-?\s*([1-6])\b")),
    ("medical", re.compile(r"\bmed(?:ical)? (?:student|school)\b(?:\D*(\d+))?")),
    ("graduate", re.compile(r"\b(?:phd|ph\.d\.|graduate|grad)\b(?:\D*(\d+))?")),
)
UNKNOWN_STAGE_DISTANCE = 3
OTHER_TRACK_DISTANCE = 6


@dataclass(frozen=True)
class Mentor:
    """One mentor on call now, as the rule sees them."""

    id: int
    gender: str = ""
    languages: tuple[str, ...] = ()
    stage: str = ""
    program_ids: frozenset[int] = frozenset()
    cohort_ids: frozenset[int] = frozenset()
    active_requests: int = 0
    last_assigned_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Need:
    """What the request asks for. avoid_* ids are set only when the requester asked for it."""

    gender: str = ""
    language: str = ""
    avoid_program_id: int | None = None
    avoid_cohort_id: int | None = None
    stage: str = ""
    excluded: frozenset[int] = field(default_factory=frozenset)


def gender_key(text: str) -> str:
    """A self-described gender folded to a comparable word ("Female" and "woman" match)."""
    word = " ".join(text.casefold().split())
    for key, words in _GENDER_WORDS.items():
        if word in words:
            return key
    return word


def language_key(text: str) -> str:
    word = " ".join(text.casefold().split())
    return _LANGUAGE_CODES.get(word, word)


def stage_of(text: str) -> tuple[str, int | None] | None:
    """(track, year) read from a stage or cohort name such as "PGY-2" or "MS1"; None if unknown."""
    lowered = text.casefold()
    for track, pattern in _STAGES:
        match = pattern.search(lowered)
        if match:
            number = match.group(1) if match.lastindex else None
            return track, int(number) if number else None
    return None


def stage_distance(a: str, b: str) -> int:
    """How far apart two stages are: 0 for the same year, more for further, a middle value if unknown."""
    left, right = stage_of(a), stage_of(b)
    if left is None or right is None:
        return UNKNOWN_STAGE_DISTANCE
    if left[0] != right[0]:
        return OTHER_TRACK_DISTANCE
    if left[1] is None or right[1] is None:
        return 1
    return min(abs(left[1] - right[1]), OTHER_TRACK_DISTANCE - 1)


def unmet_preferences(need: Need, mentor: Mentor) -> int:
    unmet = 0
    if need.gender.strip() and gender_key(need.gender) != gender_key(mentor.gender):
        unmet += 1
    if need.language.strip() and language_key(need.language) not in {
        language_key(lang) for lang in mentor.languages
    }:
        unmet += 1
    return unmet


def too_close(need: Need, mentor: Mentor) -> int:
    """How many of the requester's "not from my program / cohort" wishes this mentor breaks."""
    return int(
        need.avoid_program_id is not None and need.avoid_program_id in mentor.program_ids
    ) + (int(need.avoid_cohort_id is not None and need.avoid_cohort_id in mentor.cohort_ids))


def _key(need: Need, mentor: Mentor) -> tuple:
    never = mentor.last_assigned_at is None
    last = mentor.last_assigned_at.timestamp() if mentor.last_assigned_at else 0.0
    return (
        unmet_preferences(need, mentor),
        too_close(need, mentor),
        stage_distance(need.stage, mentor.stage),
        mentor.active_requests,
        not never,  # someone never assigned comes before anyone assigned
        last,  # then the longest since their last assignment
        mentor.id,
    )


def rank(need: Need, mentors: Iterable[Mentor]) -> list[Mentor]:
    """Every eligible mentor, best match first (passed-on mentors left out)."""
    eligible = {m.id: m for m in mentors if m.id not in need.excluded}
    return sorted(eligible.values(), key=lambda m: _key(need, m))


def choose(need: Need, mentors: Iterable[Mentor]) -> Mentor | None:
    """The best-matched eligible mentor, or None when nobody is left."""
    ranked = rank(need, mentors)
    return ranked[0] if ranked else None
