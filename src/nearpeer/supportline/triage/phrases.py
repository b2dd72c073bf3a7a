"""The phrase rules: each rule is a list of phrases, regular expressions over normalized text.

The phrases, idioms and word tables are plain data in lexicon.py (English) and lexicon_es.py
(Spanish); docs/triage.md says how to add one. Innocent idioms ("to die for") are blanked out
first, then each phrase whose anchor words occur is tried. A match right after a negation ("I'm
not suicidal") does not count as said: for a high-risk rule it makes the result "elevated" with a
person asked to check, never "low". No Django import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nearpeer.supportline.triage.lexicon import (
    CLAUSE_BREAKS,
    COMMON,
    ELEVATED_RULES,
    FREQUENT,
    HIGH_RULES,
    IDIOMS,
    MACROS,
    NEGATION_WINDOW,
    NEGATORS,
    PSEUDO_NEGATIONS,
    RuleSpec,
)
from nearpeer.supportline.triage.lexicon_es import PHRASES_ES
from nearpeer.supportline.triage.normalize import normalize
from nearpeer.supportline.triage.screening import Risk, Screening


@dataclass(frozen=True)
class Rule:
    key: str
    risk: Risk  # what a plain (not negated) match means
    topic: str  # for the negated reason: "negated mention of <topic>: needs a person to check"
    reason: str
    phrases: tuple[Phrase, ...]
    review: bool = False  # ambiguous wording: always ask a person to check
    unless: str = ""  # drop this rule's reason when the rule with this key matched too


# --- Compilation ---------------------------------------------------------------------------------
# Each phrase becomes its own regex. Its anchors are words that every match must contain as whole
# words; a phrase is tried only when one of its anchors occurs in the text, which keeps screening
# fast. Anchors are worked out from the phrase: a plain word at its top level, or a group of plain
# alternatives ("(?:kill|kills)") where each alternative holds a rarer word. A phrase without
# anchors is always tried.

_MACRO_RE = re.compile(r"<(\w+)>")
_TOKEN = re.compile(r"\(\?(?:<?[=!])|\(\?:|\(|\)|\||\\.|\{\d*,?\d*\}|[?*+]|[a-z0-9]+| |.")
_PLAIN = re.compile(r"[a-z0-9 ]+")


def _expand(pattern: str) -> str:
    for _ in range(3):  # macros may use macros
        pattern = _MACRO_RE.sub(lambda m: MACROS[m.group(1)], pattern)
    return pattern


def _alternatives(inner: str) -> list[str]:
    """Split a group's text at its own | (not at the | of groups inside it)."""
    parts, depth, current = [], 0, ""
    for piece in _TOKEN.findall(inner):
        depth += piece.startswith("(") - (piece == ")")
        if piece == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += piece
    return [*parts, current]


def _top_level(source: str) -> list[tuple[str, str]]:
    """Split a phrase into (kind, text) items: word, space, group, optional, other."""
    items: list[tuple[str, str]] = []
    pieces = _TOKEN.findall(source)
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if piece.startswith("("):
            depth, j = 1, i + 1
            while depth:
                depth += pieces[j].startswith("(") - (pieces[j] == ")")
                j += 1
            if piece in ("(?:", "("):  # lookarounds consume nothing: they are left out
                items.append(("group", "".join(pieces[i + 1 : j - 1])))
            i = j
            continue
        if piece in "?*" or piece.startswith("{0"):
            items[-1] = ("optional", items[-1][1])
        elif piece == "+" or piece.startswith("{"):
            items[-1] = ("other", items[-1][1])
        elif piece == " ":
            items.append(("space", piece))
        elif piece.isalnum():
            items.append(("word", piece))
        else:
            items.append(("other", piece))
        i += 1
    return items


def _edge(items: list[tuple[str, str]], k: int, step: int) -> bool:
    """True when item k always has a space (or the phrase's edge) next to it on that side."""
    k += step
    while 0 <= k < len(items) and items[k][0] in ("optional", "group"):
        alternatives = _alternatives(items[k][1])
        if not all(a.endswith(" ") if step < 0 else a.startswith(" ") for a in alternatives):
            return False
        if items[k][0] == "group":
            return True
        k += step
    return not 0 <= k < len(items) or items[k][0] == "space"


def _best_word(words: list[str]) -> str | None:
    rare = [w for w in words if w not in COMMON]
    return max(rare, key=len) if rare else None


def _anchors(source: str) -> frozenset[str] | None:
    """Words of which every match of the phrase contains one, or None if there is no such set."""
    items = _top_level(source)
    options: list[frozenset[str]] = []
    for k, (kind, text) in enumerate(items):
        left, right = _edge(items, k, -1), _edge(items, k, +1)
        if kind == "word" and left and right and text not in COMMON:
            options.append(frozenset({text}))
        elif kind == "group" and _PLAIN.fullmatch(text.replace("|", "")):
            chosen = []
            for alternative in text.split("|"):
                words = alternative.split(" ")
                whole = [
                    w
                    for n, w in enumerate(words)
                    if w and (n > 0 or left) and (n < len(words) - 1 or right)
                ]
                chosen.append(_best_word(whole))
            if None not in chosen:
                options.append(frozenset(chosen))  # type: ignore[arg-type]
    return min(options, key=lambda o: sum(10 if w in FREQUENT else 1 for w in o), default=None)


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern[str]
    anchors: frozenset[str] | None
    words: frozenset[str]  # every word written in the phrase


def _phrase(source: str) -> Phrase:
    source = _expand(source)
    if re.search(r"(?<!\\)[a-z][?*+{]", source):
        raise ValueError(f"{source!r}: spell word forms out instead of a quantifier on a letter")
    # The text is padded with spaces: a leading literal space lets the regex engine skip ahead
    # fast (many times faster than a lookbehind), and keeps matches to whole words.
    pattern = re.compile(rf" (?:{source})(?= )")
    words = frozenset(re.findall(r"[a-z0-9]+", re.sub(r"\\[a-z]", " ", source)))
    return Phrase(pattern=pattern, anchors=_anchors(source), words=words)


def _compile(spec: RuleSpec) -> Rule:
    key, risk, topic, reason, phrases, review, unless = spec
    return Rule(
        key=key,
        risk=risk,  # type: ignore[arg-type]
        topic=topic,
        reason=reason,
        phrases=tuple(_phrase(p) for p in (*phrases, *PHRASES_ES.get(key, ()))),
        review=review,
        unless=unless,
    )


RULES: tuple[Rule, ...] = tuple(_compile(spec) for spec in HIGH_RULES + ELEVATED_RULES)
_IDIOMS: tuple[tuple[Phrase, str], ...] = tuple((_phrase(p), repl) for p, repl in IDIOMS)


def _index(phrases: Iterable[tuple[int, Phrase]]) -> tuple[dict[str, list[int]], list[int]]:
    by_word: dict[str, list[int]] = {}
    always: list[int] = []
    for n, phrase in phrases:
        if phrase.anchors is None:
            always.append(n)
        for word in phrase.anchors or ():
            by_word.setdefault(word, []).append(n)
    return by_word, always


# Every phrase of every rule, numbered, with (rule, phrase) for each number.
_ALL_PHRASES = [(rule, phrase) for rule in RULES for phrase in rule.phrases]
_PHRASES_BY_WORD, _ALWAYS_TRIED = _index(enumerate(p for _, p in _ALL_PHRASES))
_IDIOMS_BY_WORD, _IDIOMS_ALWAYS = _index(enumerate(p for p, _ in _IDIOMS))
_PHRASE_WORDS = frozenset(_PHRASES_BY_WORD)
_IDIOM_WORDS = frozenset(_IDIOMS_BY_WORD)


# --- Screening -----------------------------------------------------------------------------------


_SUBJECTS = frozenset({"i", "im", "ive", "id", "ill"})
_WHY = frozenset({"why", "xq", "pq", "porque"})  # "why not just ...", "xq no ..."


def _is_negated(text: str, start: int) -> bool:
    """True when a negator stands within NEGATION_WINDOW words before start, in the same clause."""
    before = text[max(0, start - 80) : start].split()[-NEGATION_WINDOW:]
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in CLAUSE_BREAKS or word in _SUBJECTS:  # "not a phase, im suicidal"
            return False
        if word in NEGATORS:
            following = before[i + 1] if i + 1 < len(before) else ""
            if (word, following) in PSEUDO_NEGATIONS or (i and before[i - 1] in _WHY):
                continue
            return True
    return False


def _candidates(text: str, words: Iterable[str]) -> tuple[str, list[int]]:
    """Blank out idioms, then list the phrases worth trying (those with an anchor present)."""
    words = set(words)
    idiom_words = _IDIOM_WORDS.intersection(words)
    if idiom_words or _IDIOMS_ALWAYS:
        idioms = {n for w in idiom_words for n in _IDIOMS_BY_WORD[w]}
        for n in sorted(idioms.union(_IDIOMS_ALWAYS)):
            phrase, replacement = _IDIOMS[n]
            text = phrase.pattern.sub(f" {replacement}", text)
        words = set(text.split())
    found = {n for w in _PHRASE_WORDS.intersection(words) for n in _PHRASES_BY_WORD[w]}
    return text, sorted(found.union(_ALWAYS_TRIED))


_NOTHING_FOUND = Screening(risk="low", reasons=(), needs_human_review=False)


def _evaluate(text: str, phrase_numbers: Iterable[int]) -> Screening:
    plain_keys: set[str] = set()
    negated_keys: set[str] = set()
    for n in phrase_numbers:
        rule, phrase = _ALL_PHRASES[n]
        for match in phrase.pattern.finditer(text):
            # a negator the phrase does not spell out came through a gap: "he doesnt hit me"
            gap_negation = any(
                word in NEGATORS and word not in phrase.words for word in match.group().split()
            )
            if gap_negation or _is_negated(text, match.start()):
                negated_keys.add(rule.key)
            else:
                plain_keys.add(rule.key)
    if not plain_keys and not negated_keys:
        return _NOTHING_FOUND
    plain = [r for r in RULES if r.key in plain_keys and r.unless not in plain_keys]
    # A negated high-risk mention counts as elevated and asks for a person; a negated
    # elevated-risk mention ("I don't feel hopeless") is not counted.
    checks = [
        r
        for r in RULES
        if r.key in negated_keys and r.risk == "high" and not plain_keys & {r.key, r.unless}
    ]
    high = [rule.reason for rule in plain if rule.risk == "high"]
    elevated = [rule.reason for rule in plain if rule.risk == "elevated"]
    reasons = high + [
        f"negated mention of {rule.topic}: needs a person to check" for rule in checks
    ]
    risk: Risk = "high" if high else "elevated" if elevated or checks else "low"
    review = bool(high or checks) or any(rule.review for rule in plain)
    return Screening(
        risk=risk,
        reasons=tuple(dict.fromkeys(reasons + elevated)),
        needs_human_review=review,
    )


def idiom_free(tokens: list[str]) -> tuple[str, list[int]]:
    """The normalized text with innocent idioms blanked out ("~"), and the phrases worth trying."""
    return _candidates(f" {' '.join(tokens)} ", tokens)


def screen_idiom_free(found: tuple[str, list[int]], skip=None) -> Screening:
    """Rate what idiom_free() returned; skip(clause) -> True leaves a clause out (after idioms)."""
    masked, phrase_numbers = found
    if skip is not None:
        masked = " . ".join("" if skip(c) else c for c in masked.split(" . "))
        masked = f" {masked.strip()} "
    return _evaluate(masked, phrase_numbers)


def screen_every_rule(text: str, skip=None) -> Screening:
    """Like screen(), but tries every phrase and idiom whatever the anchors (to test anchors)."""
    normal = f" {normalize(text)} "
    for phrase, replacement in _IDIOMS:
        normal = phrase.pattern.sub(f" {replacement}", normal)
    if skip is not None:
        normal = " . ".join("" if skip(c) else c for c in normal.split(" . "))
        normal = f" {normal.strip()} "
    return _evaluate(normal, range(len(_ALL_PHRASES)))
