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


def combine(*screenings: Screening) -> Screening:
    """Join screens: the highest risk wins, reasons keep their order (high first), review if any."""
    if not screenings:
        raise ValueError("combine() needs at least one screening")
    risk = "low"
    for s in screenings:
        risk = raise_only(risk, s.risk)
    reasons: list[str] = []
    for level in ("high", "elevated", "low"):
        reasons += [r for s in screenings if s.risk == level for r in s.reasons]
    return Screening(
        risk=risk,  # type: ignore[arg-type]
        reasons=tuple(dict.fromkeys(reasons)),
        needs_human_review=any(s.needs_human_review for s in screenings),
    )
