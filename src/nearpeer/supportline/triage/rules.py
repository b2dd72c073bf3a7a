"""The rules screen: phrases (phrases.py) and meaning frames (frames.py) over normalized text."""

from __future__ import annotations

from nearpeer.supportline.triage import phrases
from nearpeer.supportline.triage.screening import Screening


def screen(text: str) -> Screening:
    """The rules' rating of a text, with a plain reason for each thing found."""
    return phrases.screen(text)


def screen_every_rule(text: str) -> Screening:
    """Like screen(), but tries every phrase whatever its anchor words (to test the anchors)."""
    return phrases.screen_every_rule(text)
