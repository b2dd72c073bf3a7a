"""How the triage rules read text: lower-case ASCII words one space apart, "." between clauses.

Case, accents, apostrophes, leetspeak inside words ("k1ll"), letters stretched three times or more,
chat abbreviations and one-edit typos of key terms are all folded away, so rules are written once.
Plain Python, no Django import.
"""

from __future__ import annotations

import re
import string
import unicodedata

from nearpeer.supportline.triage.lexicon import ABBREVIATIONS, NOT_SLIPS, NOT_TYPOS, TYPO_TERMS


def _one_edit(term: str) -> set[str]:
    """Every word one edit away from term (see TYPO_TERMS for which edits count)."""
    letters = string.ascii_lowercase
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    out = {a + b[1:] for a, b in splits if b}  # a letter missing
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # two letters swapped
    out |= {a + b[0] + b for a, b in splits if b}  # a letter doubled
    if len(term) >= 5:
        out |= {a + c + b[1:] for a, b in splits if b for c in letters}  # a wrong letter
        out |= {a + c + b for a, b in splits for c in letters}  # an extra letter
    return out - {term}


def _typo_map() -> dict[str, str]:
    fixes: dict[str, str] = {}
    for term in TYPO_TERMS:
        for variant in _one_edit(term):
            if variant not in NOT_TYPOS and variant not in TYPO_TERMS and len(variant) > 2:
                fixes.setdefault(variant, term)
    for short, full in ABBREVIATIONS.items():
        fixes[short] = full
    return fixes


def _slip_map() -> dict[str, str]:
    """Two letters swapped in a concept word of six letters or more ("thikning", "pratner"), or one
    dropped inside one of eight or more ("guarrail"); the first letter is always right."""
    from nearpeer.supportline.triage.concepts import CONCEPTS

    words = {w for entries in CONCEPTS.values() for e in entries for w in e.split() if len(w) >= 6}
    fixes: dict[str, str] = {}
    for word in sorted(words):
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        slips = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and a}
        if len(word) >= 8:  # a dropped letter inside a long word, never the first or last
            slips |= {a + b[1:] for a, b in splits if a and len(b) > 1}
        for slip in slips - words - NOT_SLIPS:
            fixes.setdefault(slip, word)
    return fixes


WORD_FIXES: dict[str, str] = {**_slip_map(), **_typo_map()}
_FIX_KEYS = frozenset(WORD_FIXES)
_LEET = str.maketrans("013457@$", "oieastas")
# A word that mixes letters with leet characters; possessive, from word starts only, so linear.
_LEET_WORD = re.compile(r"(?<![a-z0-9@$])(?:[a-z]++[0-9@$]|[0-9@$]++[a-z])[a-z0-9@$]*+")
_HAS_LEET = re.compile(r"[0-9@$]")
_LETTER = re.compile(r"[a-z]")
_STRETCHED = re.compile(r"([a-z])\1\1+")
_BLANKS = bytes.maketrans(
    (string.punctuation + "\t\r\n").encode(),
    "".join("." if c in ".,:!?;\n" else " " for c in string.punctuation + "\t\r\n").encode(),
)


# Emoji that carry a meaning the rules read; the rest are dropped with other non-ASCII marks.
_EMOJI_WORDS = {
    "\U0001faa6": " dead ",  # headstone
    "\u26b0": " dead ",  # coffin
    "\u26b1": " dead ",  # funeral urn
    "\U0001f52a": " knife ",
    "\U0001f5e1": " knife ",  # dagger
    "\U0001f52b": " gun ",
    "\U0001f48a": " pills ",
    "\U0001f489": " needle ",
    "\U0001f309": " bridge ",
    "\U0001fa78": " blood ",
    "\U0001faa2": " rope ",
    "\U0001f686": " train ",
    "\U0001f682": " train ",
    "\U0001f687": " train ",
}


def normalize(text: str) -> str:
    """The text as rules see it: lower-case ASCII words, one space apart, "." between clauses."""
    return " ".join(words(text))


def words(text: str) -> list[str]:
    """normalize(), as a list of words."""
    text = text.casefold()
    if not text.isascii():
        if not _EMOJI_WORDS.keys().isdisjoint(text):
            text = "".join(_EMOJI_WORDS.get(c, c) for c in text)
        text = unicodedata.normalize("NFKD", text).replace("\u2019", "'").replace("\u2018", "'")
        text = text.encode("ascii", "ignore").decode("ascii")
    if _HAS_LEET.search(text):
        text = _LEET_WORD.sub(_unleet, text)
    if "'" in text:
        text = text.replace("od'd", "oded").replace("'", "")
    text = text.encode().translate(_BLANKS).decode()
    if "." in text:
        text = text.replace(".", " . ")
    if "can not" in text:
        text = text.replace("can not", "cannot")
    if _STRETCHED.search(text):
        text = _STRETCHED.sub(r"\1\1", text)
    tokens = text.split()
    if not _FIX_KEYS.isdisjoint(tokens):
        tokens = [WORD_FIXES.get(w, w) for w in tokens]
    return tokens


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.translate(_LEET) if _LETTER.search(word) else word
