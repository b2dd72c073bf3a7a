"""Screen a support request's free text for risk (see docs/triage.md). Pure: no Django import."""

from nearpeer.supportline.triage.engine import assess, normalize, screen, screen_every_rule
from nearpeer.supportline.triage.screening import RISK_ORDER, Risk, Screening, raise_only

__all__ = [
    "RISK_ORDER",
    "Risk",
    "Screening",
    "assess",
    "normalize",
    "raise_only",
    "screen",
    "screen_every_rule",
]
