"""Meaning frames: who is speaking, of what, with what means, when and how final.

Each clause (a sentence piece between punctuation) is tagged with the concepts in concepts.py.
A frame is a combination of concepts in one clause or two neighbouring ones: a first-person
subject with a means and a quantity is a plan; a wish with death is a death wish; another person
with an act of violence against the writer is present danger. Clinical talk about patients,
lectures and research counts only when the writer also speaks of themselves. A negation lowers a
frame to "a person should check" (elevated) only when nothing points to a means, place or time.
Plain Python, no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from nearpeer.supportline.triage.concepts import CONCEPTS, FRAME_NEGATORS
from nearpeer.supportline.triage.lexicon import PSEUDO_NEGATIONS
from nearpeer.supportline.triage.screening import Screening

# phrase -> the concepts it says; the longest phrase length; words that start a longer phrase
_INDEX: dict[str, frozenset[str]] = {}
for _concept, _entries in CONCEPTS.items():
    for _entry in _entries:
        _INDEX[_entry] = _INDEX.get(_entry, frozenset()) | {_concept}
# the entries as a tree of words: word -> (the concepts of the entry ending here, next words)
_Node = tuple[frozenset[str] | None, dict]
_TREE: dict[str, _Node] = {}
for _entry, _concepts in _INDEX.items():
    _level, _words = _TREE, _entry.split()
    for _n, _word in enumerate(_words):
        _said, _next = _level.get(_word, (None, {}))
        _level[_word] = (_concepts if _n == len(_words) - 1 else _said, _next)
        _level = _next

# a negator counts only when it stands before one of these in its clause
_NEGATABLE = frozenset(
    {
        "death",
        "passive",
        "harm_act",
        "harm_other_act",
        "method",
        "violence",
        "violence_generic",
        "danger_state",
        "wish",
        "prep_strong",
    }
)
# concepts that say a plan is concrete: a means, a place, a method, a time
_MEANS = frozenset({"means_drug", "means_weapon", "place"})
_CONCRETE = _MEANS | {"method", "time", "calculation"}


@dataclass(frozen=True)
class Clause:
    tags: frozenset[str]
    terms: dict[str, str]  # concept -> the first words that said it
    negated: bool  # a negator stands before the risk words, outside any matched phrase
    text: str = ""
    about: bool = False  # the clause speaks of the writer's own risk (see about_self)


_A_COUNT = frozenset({"quantity"})
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


def _counted(words: list[str], i: int) -> bool:
    """A number of ten or more right before a drug: "60 pills" (but not "20 mg")."""
    following = words[i + 1 : i + 3]
    drug = any("means_drug" in _INDEX.get(w, ()) for w in following)
    return int(words[i]) >= 10 and drug and "mg" not in following


# Within one screen the rules and the learned screen read the same sentences: each is tagged once.
_SHARED: ContextVar[dict[str, Clause] | None] = ContextVar("triage_shared_tags", default=None)


@contextmanager
def shared_tags() -> Iterator[None]:
    """Tag each distinct run of words once while the block runs (one text's screens)."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _tag(words: list[str]) -> Clause:
    memo = _SHARED.get()
    if memo is None:
        return _tag_words(words)
    key = " ".join(words)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _tag_words(words)
    return found


def _tag_words(words: list[str]) -> Clause:
    tags: set[str] = set()
    terms: dict[str, str] = {}
    covered: set[int] = set()
    first_risk = size = len(words)
    for i, word in enumerate(words):
        if word[0].isdigit():
            _numbers(words, i, tags, terms)
        node = _TREE.get(word)
        if node is None:
            continue
        concepts, n, k = node[0], 1, i + 1
        while k < size:  # the longest entry starting here
            node = node[1].get(words[k])
            if node is None:
                break
            k += 1
            if node[0] is not None:
                concepts, n = node[0], k - i
        if concepts is None:
            continue
        entry = " ".join(words[i : i + n]) if n > 1 else word
        if "harm_other_act" in concepts and words[i + n : i + n + 1] == ["me"]:
            concepts = concepts - {"harm_other_act"}  # "he'll kill me": a threat, not intent
        tags |= concepts
        for concept in concepts:
            terms.setdefault(concept, entry)
        if n > 1:
            covered.update(range(i, i + n))
        if i < first_risk and not concepts.isdisjoint(_NEGATABLE):
            first_risk = i
    negated = False
    before = words[:first_risk]
    for k, w in enumerate(before if not FRAME_NEGATORS.isdisjoint(before) else ()):
        if w in _SUBJECTS:  # a new subject after a negator starts a new thought
            negated = False
        elif w in FRAME_NEGATORS and k not in covered:
            following = words[k + 1] if k + 1 < size else ""
            negated = negated or (w, following) not in PSEUDO_NEGATIONS
    frozen = frozenset(tags)
    return Clause(frozen, terms, negated, " ".join(words), about_self(frozen))


def _numbers(words: list[str], i: int, tags: set[str], terms: dict[str, str]) -> None:
    """Dates and counts written in figures: "the 22nd", "in 12 days", "60 pills"."""
    word = words[i]
    if _ORDINAL.fullmatch(word):
        tags.add("time")
        terms.setdefault("time", word)
    elif word.isdigit():
        following = words[i + 1] if i + 1 < len(words) else ""
        if following in ("days", "weeks", "dias"):
            tags.add("time")
            terms.setdefault("time", f"{word} {following}")
        elif _counted(words, i):
            tags |= _A_COUNT
            terms.setdefault("quantity", word)


def tag(clause_text: str) -> Clause:
    """The concepts in one clause of normalized text."""
    return _tag(clause_text.split())


def clauses(normal_text: str) -> list[Clause]:
    """Tag each clause of normalized text (clauses are split at ".")."""
    return [_tag(part.split()) for part in normal_text.split(".") if part.strip()]


# death words that are often idioms ("my brain is dead"): not enough with a time alone
_DEATH_IDIOMS = frozenset({None, "dead", "death", "grave", "coffin", "be gone", "muerto", "muerta"})

# a window with none of these has nothing a frame could find
_RISK_ANY = frozenset(CONCEPTS) - {
    "self",
    "self_subject",
    "self_strong",
    "others",
    "agent",
    "clinical",
    "time",
    "neutral",
    "leisure",
    "mishap",
    "experience",
    "sleep",
    "plan",
    "wish",
}
_SUBJECTS = frozenset({"i", "im", "ive", "id", "ill"})
_SHORT = 120  # three clauses this short together are read as one thought

_ELEVATED_ALONE = (
    ("distress", "describes distress"),
    ("history", "mentions a past crisis"),
    ("control", "describes controlling behaviour"),
)


@dataclass(frozen=True)
class Finding:
    risk: str
    reason: str


_RISKY = frozenset(
    {
        "death",
        "passive",
        "method",
        "means_drug",
        "means_weapon",
        "place",
        "harm_act",
        "calculation",
        "suicide_word",
        "prep_strong",
        "harm_other_act",
    }
)
# with "I" as subject, these make a risky clause the writer's own
_SELF_MARKERS = frozenset(
    {"wish", "fixation", "calculation", "experience", "prep_strong", "deny_act", "finality"}
)


def about_self(t: frozenset[str]) -> bool:
    """The writer speaks of their own risk, not only of a patient's, a lecture's or a study's."""
    if t & {"self_strong", "imitation"}:
        return True
    if {"self_subject", "experience", "suicide_word"} <= t:
        return True
    if {"harm_target", "harm_act", "self"} <= t or {"prep_strong", "self"} <= t:
        return True  # "my arms", "on purpose": the writer's own body
    return "self_subject" in t and bool(t & _SELF_MARKERS) and bool(t & _RISKY - {"suicide_word"})


@dataclass(frozen=True)
class _Window:
    tags: frozenset[str]
    terms: dict[str, str]
    negated: bool
    about_self: bool  # some clause in it is the writer's own risk
    short: bool  # the whole message is a few words

    @classmethod
    def of(cls, window: list[Clause], short: bool = False) -> _Window:
        terms: dict[str, str] = {}
        for clause in reversed(window):
            terms.update(clause.terms)
        return cls(
            tags=frozenset().union(*(c.tags for c in window)),
            terms=terms,
            negated=any(c.negated for c in window),
            about_self=any(c.about for c in window),
            short=short,
        )


def _frames(window: _Window, clinical_context: bool, friend_context: bool) -> list[Finding]:
    t, terms, negated = window.tags, window.terms, window.negated
    found: list[Finding] = []
    # the writer, said or implied: "🔫 thoughts again" has no one else in it
    me = bool(t & {"self", "self_subject"}) or not (
        clinical_context or t & {"agent", "others", "friend"}
    )
    clinical = clinical_context and not window.about_self
    said = ", ".join(terms[c] for c in sorted(t & _CONCRETE))[:60]

    # a plan: a means or place with a method, a quantity, a fixation, death or finality
    means = t & _MEANS if not ("leisure" in t and not t & {"death", "passive"}) else set()
    cue = t & {"method", "quantity", "fixation", "death", "finality", "calculation"}
    if me and not clinical and means and cue:
        found.append(Finding("high", f"describes a means or a place with a plan ({said})"))
    elif me and not clinical and "method" in t and t & {"death", "finality", "passive"}:
        found.append(Finding("high", f"describes a way of ending their life ({said})"))
    elif me and "calculation" in t:
        found.append(
            Finding("high", f"has worked out how they would do it ({terms['calculation']})")
        )
    elif me and not clinical and "method" in t and "time" in t and t & {"wish", "plan"}:
        found.append(Finding("high", f"describes a way and a time ({said})"))
    elif me and not clinical and means and "time" in t and t & {"wish", "plan"}:
        found.append(Finding("high", f"describes a means and a time ({said})"))
    elif me and not clinical and "time" in t and "decided" in t:
        found.append(Finding("high", f"has chosen a time ({terms['time']})"))
    elif me and not clinical and "method" in t and "wish" in t:
        found.append(Finding("high", f"describes wanting a way to end their life ({said})"))
    elif me and not clinical and "time" in t and terms.get("death") not in _DEATH_IDIOMS:
        found.append(Finding("high", f"speaks of death with a time ({said})"))

    # distress, a past attempt or a controlling relationship: a person should check in
    if not clinical_context or me:
        for concept, reason in _ELEVATED_ALONE:
            if concept in t:
                found.append(Finding("elevated", f"{reason} ({terms[concept]})"))

    # saying they will not act, while thoughts are there: a person should check
    if "deny_act" in t and not clinical:
        found.append(
            Finding("elevated", "says they won't act on their thoughts: a person should check")
        )
    if me and not clinical and "stop" in t and t & {"finality", "death"}:
        found.append(_maybe_negated("wants it all to stop for good", negated, t))
    elif me and not clinical and "stop" in t and "wish" in t:
        found.append(Finding("elevated", "wants it all to stop: a person should check"))
    if me and "wish" in t and "sleep" in t and t & {"finality", "passive"}:
        found.append(Finding("high", "wishes to sleep and not wake up"))

    # likening themselves to a patient or someone who died
    if me and clinical_context and "imitation" in t and t & {"wish", "plan", "death"}:
        found.append(Finding("high", "likens themselves to someone who died or tried to"))

    # self-harm again: a relapse with a blade
    if me and not clinical and "harm_act" in t and "means_weapon" in t and not negated:
        found.append(Finding("high", f"describes hurting themselves ({said or terms['harm_act']})"))

    # suicide as the writer's own: thinking of it, feeling it, or the word on its own
    if me and not clinical and "suicide_word" in t:
        if t & {"wish", "experience", "plan", "fixation", "time", "finality", "self_strong"}:
            found.append(_maybe_negated("speaks of suicide as their own thoughts", negated, t))
        elif window.short:
            found.append(_maybe_negated("mentions suicide", negated, t))

    # ending their life, said outright with no one else named
    if me and not clinical and "death_strong" in t and not negated:
        found.append(Finding("high", f"speaks of ending their life ({terms['death_strong']})"))

    # wishing to die or not to exist, actively or passively
    if me and not clinical and "wish" in t and "death" in t:
        found.append(_maybe_negated("wishes to die or not to exist", negated, t))
    if me and not clinical and "passive" in t:
        found.append(_maybe_negated("speaks of not being alive or around", negated, t))
    if me and not clinical and "accident" in t and "wish" in t and "mishap" not in t:
        found.append(_maybe_negated("would welcome an accident or illness", negated, t))

    # preparing: goodbyes, a will, arranging care, giving things away with a sense of an end
    if me and not clinical and "prep_strong" in t:
        found.append(
            Finding(
                "high",
                f"describes saying goodbye or putting affairs in order ({terms['prep_strong']})",
            )
        )
    elif me and not clinical and "prep_weak" in t and t & {"finality", "death", "passive", "stop"}:
        found.append(Finding("high", f"describes getting ready for an end ({terms['prep_weak']})"))

    # hurting oneself, described by its method
    deliberate = "mishap" not in t or "on_purpose" in t
    hurt = "harm_target" in t or (me and "harm_outcome" in t)
    if "harm_act" in t and hurt and deliberate and not negated and not clinical:
        found.append(Finding("high", f"describes hurting themselves ({terms['harm_act']})"))

    # harming someone else
    if (
        (not clinical or "on_purpose" in t)
        and "violence" not in t
        and ("harm_other_act" in t or {"means_weapon", "fixation"} <= t)
        and "others" in t
        and "mishap" not in t
        and t & {"wish", "plan", "fixation", "means_weapon"}
    ):
        found.append(_maybe_negated("speaks of harming someone else", negated, t))

    # present danger from someone
    if "violence" in t and not negated:
        found.append(Finding("high", "describes being hurt or threatened by someone"))
    elif me and not clinical and "violence_generic" in t and not negated:
        found.append(Finding("high", "speaks of violence or abuse"))
    if me and "danger_state" in t and not negated:
        found.append(Finding("high", f"describes being in danger now ({terms['danger_state']})"))

    # someone else at risk: now (a person must help at once) or as a worry
    someone_else = t & {"passive", "means_drug", "means_weapon", "place", "harm_act", "method"}
    if terms.get("death") not in _DEATH_IDIOMS:
        someone_else |= t & {"death"}
    if friend_context and "imminent" in t and "harm_other_act" in t and "violence" not in t:
        found.append(
            Finding("high", "someone else is being hurt right now: help them reach emergency help")
        )
    elif friend_context and "imminent" in t and (someone_else or "prep_strong" in t):
        found.append(
            Finding(
                "high", "someone else may be in danger right now: help them reach emergency help"
            )
        )
    elif friend_context and someone_else:
        if "prep_strong" in t:
            found.append(
                Finding(
                    "high",
                    "someone else may be in danger right now: help them reach emergency help",
                )
            )
        elif not clinical:
            found.append(Finding("elevated", "is worried about someone else's safety"))
    elif friend_context and t & {"distress", "history", "worry_other"}:
        found.append(Finding("elevated", "is worried about someone else"))
    return found


def _maybe_negated(reason: str, negated: bool, t: frozenset[str]) -> Finding:
    """High, unless they say not (or say they won't act) and nothing points to a means or time."""
    if (negated or "deny_act" in t) and not t & _CONCRETE:
        return Finding("elevated", f"{reason}, though they say not: a person should check")
    return Finding("high", reason)


def screen(parts: list[Clause]) -> Screening:
    """Rate tagged clauses by their frames: each clause alone, and each clause with the next."""
    context = clinical_context(parts), any("friend" in c.tags for c in parts)
    risky = [not c.tags.isdisjoint(_RISK_ANY) for c in parts]
    windows = [[c] for c, r in zip(parts, risky, strict=True) if r]
    for k in range(len(parts) - 1):
        if risky[k] or risky[k + 1]:
            windows.append(parts[k : k + 2])
    for k in range(len(parts) - 2):
        a, b, c = parts[k : k + 3]
        short = len(a.text) + len(b.text) + len(c.text) <= _SHORT  # "cut tonight. deep. blood"
        if short and any(risky[k : k + 3]):
            windows.append([a, b, c])
    short = sum(len(c.text.split()) for c in parts) <= 4
    findings = [f for window in windows for f in _frames(_Window.of(window, short), *context)]
    if not findings:
        return Screening(risk="low", reasons=(), needs_human_review=False)
    risk = "high" if any(f.risk == "high" for f in findings) else "elevated"
    ordered = [f.reason for f in findings if f.risk == "high"] + [
        f.reason for f in findings if f.risk != "high"
    ]
    review = risk == "high" or any("a person should check" in f.reason for f in findings)
    return Screening(risk=risk, reasons=tuple(dict.fromkeys(ordered)), needs_human_review=review)


def clinical_context(parts: list[Clause]) -> bool:
    """The message talks about patients, lectures or research somewhere."""
    return any("clinical" in c.tags for c in parts)
