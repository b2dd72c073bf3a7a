"""The triage engine's reasons, in plain kind words for mentors and professionals. Pure: no Django.

The engine's reasons are written for its tests and its maintainers ("negated mention of ..."); a
person reading a request needs to know what was said and what to do, so every reason shown on a
page goes through plain_reason.
"""

import re

_PREFIXES = (
    ("triage on arrival: ", "When they reached out: "),
    (
        "a later message, read with their earlier words: ",
        "A later message, read with their earlier words: ",
    ),
    ("a later message: ", "A later message: "),
)
_NOT_ANSWERED = re.compile(
    r"\b(did not|didn't|chose not to|not|rather not)\b.*\banswer|rather not say|skipped"
)
_SELF_HARM = re.compile(r"self-harm|harming themselves|ending their life")
_NEGATED = re.compile(r"^negated mention of (?P<topic>.+?)(?::.*)?$", re.DOTALL)

SELF_HARM_NOT_ANSWERED = (
    "chose not to answer the question about thoughts of self-harm: please check in gently"
)
DANGER_NOT_ANSWERED = (
    "chose not to answer the question about being in danger: please check in gently"
)


def plain_part(reason: str) -> str:
    """One engine reason as a plain sentence (unknown reasons are already plain: kept)."""
    text = reason.strip()
    lower = text.lower()
    if not lower.startswith("answered") and _NOT_ANSWERED.search(lower) and "question" in lower:
        return SELF_HARM_NOT_ANSWERED if _SELF_HARM.search(lower) else DANGER_NOT_ANSWERED
    negated = _NEGATED.match(lower)
    if negated:
        return f"wrote about {negated['topic']} while saying it isn't so: please check in gently"
    return text


def plain_reason(reason: str) -> str:
    """A stored reason (a request's risk reason or a risk change's "why") in plain words."""
    text = reason or ""
    for prefix, plain in _PREFIXES:
        if text.lower().startswith(prefix):
            parts = [plain_part(p) for p in text[len(prefix) :].split("; ") if p.strip()]
            return plain + "; ".join(dict.fromkeys(parts))
    return plain_part(text)
