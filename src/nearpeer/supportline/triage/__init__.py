"""Screen a support request's free text for risk: low, elevated or high, with plain reasons.

Two screens read every text and the higher rating wins (risk is only ever raised automatically):
the rules (rules.py: phrases and meaning frames over normalized text, English and Spanish) and a
learned screen (learned.py: a linear model trained from the project's corpus by `nearpeer
triage_train`). It is a safety net under the two explicit questions and a person who always reads
the request, not a clinical assessment; docs/triage.md has its figures and limits. Pure: no Django.
"""

from __future__ import annotations

from nearpeer.supportline.triage import frames, learned, rules
from nearpeer.supportline.triage.normalize import normalize
from nearpeer.supportline.triage.screening import RISK_ORDER, Risk, Screening, combine, raise_only

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

screen_every_rule = rules.screen_every_rule
rules_screen = rules.screen


def screen(text: str) -> Screening:
    """Screen free text for suicide, self-harm, violence and distress with the rules and the learned
    model; the higher rating wins, so the learned screen can only raise what the rules found."""
    with frames.shared_tags():
        return combine(rules.screen(text), learned.screen(text))


def assess(*, self_harm_answer: bool | None, danger_answer: bool | None, text: str) -> Screening:
    """Combine the two explicit questions (the primary signal) with screen(text): a yes is high,
    "I'd rather not say" (or no answer) is at least elevated and asks a person to check."""
    screening = screen(text)
    risk: str = screening.risk
    reasons: list[str] = []
    review = screening.needs_human_review
    for answer, yes, skipped in (
        (
            self_harm_answer,
            "answered yes: thoughts of harming themselves or ending their life",
            "chose not to answer the question about thoughts of self-harm: a person should check"
            " in gently",
        ),
        (
            danger_answer,
            "answered yes: in danger from someone now",
            "chose not to answer the question about being in danger: a person should check in"
            " gently",
        ),
    ):
        if answer is True:
            risk = raise_only(risk, "high")
            reasons.append(yes)
            review = True
        elif answer is None:  # "I'd rather not say" is itself a reason for a person to check
            risk = raise_only(risk, "elevated")
            reasons.append(skipped)
            review = True
    if screening.risk == "high" and self_harm_answer is False and danger_answer is False:
        reasons.append("answered no to both questions, but the text suggests risk: check with them")
    return Screening(
        risk=risk,  # type: ignore[arg-type]
        reasons=tuple(reasons) + screening.reasons,
        needs_human_review=review,
    )
