"""The rules screen: phrases (phrases.py) and meaning frames (frames.py) over normalized text.

Clauses about patients, lectures or research in which the writer does not speak of their own risk
are left out of the phrase rules ("my patient overdosed" is everyday clinical talk); the frames
apply the same judgement clause by clause.
"""

from __future__ import annotations

from nearpeer.supportline.triage import frames, phrases
from nearpeer.supportline.triage.normalize import words
from nearpeer.supportline.triage.screening import RISK_ORDER, Screening, combine


def screen(text: str) -> Screening:
    """The rules' rating of a text, with a plain reason for each thing found."""
    tokens = words(text)
    parts = frames.clauses(phrases.without_idioms(tokens))
    found = phrases.screen_words(tokens, skip=_skip(parts))
    return _join(found, frames.screen(parts))


def screen_every_rule(text: str) -> Screening:
    """Like screen(), but tries every phrase whatever its anchor words (to test the anchors)."""
    parts = frames.clauses(phrases.without_idioms(words(text)))
    found = phrases.screen_every_rule(text, skip=_skip(parts))
    return _join(found, frames.screen(parts))


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
