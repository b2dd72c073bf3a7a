"""What a screen returns, and the one rule that joins screens: risk only ever goes up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Risk = Literal["low", "elevated", "high"]
RISK_ORDER: dict[str, int] = {"low": 0, "elevated": 1, "high": 2}


@dataclass(frozen=True)
class Screening:
    risk: Risk
    reasons: tuple[str, ...]
    needs_human_review: bool


def raise_only(current: str, proposed: str) -> str:
    """The higher of two risk levels: automatic rules may raise risk, never lower it."""
    for level in (current, proposed):
        if level not in RISK_ORDER:
            raise ValueError(f"unknown risk level {level!r}: use low, elevated or high")
    return proposed if RISK_ORDER[proposed] > RISK_ORDER[current] else current
