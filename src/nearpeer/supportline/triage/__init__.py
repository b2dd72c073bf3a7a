"""Screen a support request's free text for risk (see docs/triage.md). Pure: no Django import.

`screen` joins the rules screen (engine.py) and the learned second screen (learned.py): the
learned screen can only raise the rating, never lower what the rules found.
"""

from nearpeer.supportline.triage import learned
from nearpeer.supportline.triage.engine import assess, normalize, screen_every_rule
from nearpeer.supportline.triage.engine import screen as rules_screen
from nearpeer.supportline.triage.screening import RISK_ORDER, Risk, Screening, combine, raise_only


def screen(text: str) -> Screening:
    """Screen free text with the rules and the learned model; the higher rating wins."""
    return combine(rules_screen(text), learned.screen(text))


__all__ = [
    "RISK_ORDER",
    "Risk",
    "Screening",
    "assess",
    "combine",
    "learned",
    "normalize",
    "raise_only",
    "rules_screen",
    "screen",
    "screen_every_rule",
]
