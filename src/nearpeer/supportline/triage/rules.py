"""The rules screen: phrases (phrases.py) and meaning frames (frames.py) over normalized text.

Clauses about patients, lectures or research in which the writer does not speak of their own risk
are left out of the phrase rules ("my patient overdosed" is everyday clinical talk); the frames
apply the same judgement clause by clause.
"""

from __future__ import annotations

import re

from nearpeer.supportline.triage import frames, phrases
from nearpeer.supportline.triage.normalize import words
from nearpeer.supportline.triage.screening import RISK_ORDER, Screening, combine


def screen(text: str) -> Screening:
    """The rules' rating of a text, with a plain reason for each thing found."""
    _, read, parts = _read(text)
    found = phrases.screen_idiom_free(read, skip=_skip(parts))
    return _join(found, frames.screen(parts))


def screen_every_rule(text: str) -> Screening:
    """Like screen(), but tries every phrase whatever its anchor words (to test the anchors)."""
    text, _, parts = _read(text)
    found = phrases.screen_every_rule(text, skip=_skip(parts))
    return _join(found, frames.screen(parts))


# Words someone else said, reported: 'the patient said "I wish I was dead"', 'told me "ctb"'.
_QUOTED = re.compile(
    r"\b(said|says|say|saying|told me|tells me|told us|asked|asks|wrote|writes|posted|texted"
    r"|yelled|screamed|called it|calls it|dijo|dice|me dijo|escribio|pregunto)\b\s*[:,]?\s*"
    r"(?:[\"\u201c\u00ab][^\"\u201d\u00bb]{1,200}[\"\u201d\u00bb]"
    # or in single quotes, where an apostrophe inside a word ("I'm") does not end the quote
    r"|['\u2018](?:[^'\u2019]|['\u2019](?=\w)){1,200}?['\u2019](?!\w))",
    re.IGNORECASE,
)


def _read(text: str) -> tuple[str, tuple[str, list[int]], list[frames.Clause]]:
    """The text, its words with idioms blanked (and the phrases worth trying), and tagged clauses.
    In a message about patients, lectures or research, what a patient or someone else is quoted
    as saying is not the writer's own words."""
    read = phrases.idiom_free(words(text))
    parts = frames.clauses(read[0])
    if frames.clinical_context(parts) and _QUOTED.search(text):
        text = _QUOTED.sub(lambda m: f"{m.group(1)} . something . ", text)
        read = phrases.idiom_free(words(text))
        parts = frames.clauses(read[0])
    return text, read, parts


def _join(found: Screening, framed: Screening) -> Screening:
    """The phrases' reasons are the most specific; the frames add theirs when they see more."""
    if RISK_ORDER[framed.risk] <= RISK_ORDER[found.risk]:
        return found
    return combine(found, framed)


def _skip(parts: list[frames.Clause]):
    """In a message about patients, lectures or research, the phrase rules skip the clauses in
    which the writer does not speak of their own risk ("my patient overdosed")."""
    if not frames.clinical_context(parts):
        return None
    known = {c.text: c for c in parts}

    def skip(clause: str) -> bool:
        tagged = known.get(" ".join(w for w in clause.split() if w != ".")) or frames.tag(clause)
        return not tagged.about

    return skip
