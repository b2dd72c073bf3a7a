"""Train the learned screen's model.json from a labelled corpus (scikit-learn, dev extras only).

Reproducible: rows are sorted by id, folds and solvers use fixed seeds, and the file is written
with sorted keys and rounded weights, so the same corpus gives the same bytes. Thresholds are
chosen from cross-validated scores on the training corpus only, scored exactly as the screen
scores (learned.Model.scores: the whole text and each window of one or two sentences).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nearpeer.supportline.triage.learned import (
    FEATURE_SETTINGS,
    FORMAT_VERSION,
    Model,
    model_from_dict,
    sentence_features,
    sentences,
    windows,
)
from nearpeer.supportline.triage.screening import Screening

LABELS = ("high", "elevated", "low")
SEED = 20250109
FOLDS = 5
C = 8.0  # inverse regularisation of both heads
PRUNE_BELOW = 0.02  # weights smaller than this (in both heads) are dropped from the file
MAX_FEATURES = 15_000  # and at most this many features are kept, the strongest
DECIMALS = 5
# Targets the thresholds aim at, with a little margin over the "done means" figures (97%, 90%).
HIGH_RECALL = 0.98
ELEVATED_RECALL = 0.93
# At most this share of high rows may come out low in cross-validation (target: none). Zero would
# let one outlier pull t_unsure to ~0 and rate nearly every message elevated; see the docs.
HIGH_RATED_LOW = 0.002
LOW_RATED_HIGH_LIMIT = 0.05  # of label-low rows the combined screen may rate high (the target)


class CorpusError(ValueError):
    """A corpus file that cannot be used: missing, not JSON lines, or rows without id/text/label."""


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    kind: str = ""
    lang: str = ""


def in_heldout_quarter(row_id: str) -> bool:
    """The held-out split rule: an id whose sha256 hex digest starts with 0, 1, 2 or 3."""
    return hashlib.sha256(row_id.encode("utf-8")).hexdigest()[0] in "0123"


def corpus_files(path: Path) -> list[Path]:
    """A .jsonl file, or every *.jsonl file in a folder (sorted)."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise CorpusError(f"{path}: no *.jsonl files in this folder")
        return files
    if not path.is_file():
        raise CorpusError(f"{path}: no such corpus file or folder")
    return [path]


def read_corpus(paths: Iterable[Path]) -> list[Row]:
    """Rows of JSON-lines corpora (id, text, label high|elevated|low, optional kind and lang)."""
    rows: dict[str, Row] = {}
    for path in paths:
        for file in corpus_files(path):
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    row = _row(line, f"{file}:{number}")
                    rows.setdefault(row.id, row)
    if not rows:
        raise CorpusError("the corpus has no rows")
    return sorted(rows.values(), key=lambda r: r.id)


def _row(line: str, where: str) -> Row:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: not a JSON object ({error})") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{where}: expected a JSON object")
    for key in ("id", "text", "label"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise CorpusError(f"{where}: {key!r} must be a non-empty string")
    if data["label"] not in LABELS:
        raise CorpusError(f"{where}: label {data['label']!r} is not high, elevated or low")
    return Row(
        id=data["id"],
        text=data["text"],
        label=data["label"],
        kind=str(data.get("kind", "")),
        lang=str(data.get("lang", "")),
    )


# --- Fitting -------------------------------------------------------------------------------------


def _sklearn():
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold
    except ImportError:
        raise RuntimeError(
            "training the learned screen needs scikit-learn, which is in the dev extras: "
            "pip install -e '.[dev]'"
        ) from None
    return DictVectorizer, LogisticRegression, StratifiedKFold


def _examples(rows: Sequence[Row]) -> list[tuple[dict[str, float], bool | None, bool | None]]:
    """(features, is high, is elevated or high) per whole message, plus its windows where known.

    The P(high) head learns high against low only: the boundary with elevated is fuzzy (a passive
    wish can be either), and what matters for it is telling risk from ordinary and clinical talk.
    The screen takes the highest score over a message's windows, so both heads also learn that
    every window of a low message is low. Windows of a high or elevated message are left out: most
    of their sentences are ordinary. None: not for this head.
    """
    examples: list[tuple[dict[str, float], bool | None, bool | None]] = []
    for row in rows:
        parts = sentences(row.text)
        high = None if row.label == "elevated" else row.label == "high"
        examples.append((sentence_features(parts), high, row.label != "low"))
        if row.label == "low":
            examples += [(sentence_features(part), False, False) for part in windows(parts)]
    return examples


def _fit(rows: Sequence[Row]) -> dict:
    """Fit both heads on rows; return the weights and bias in model-file form (pruned, rounded)."""
    dict_vectorizer, logistic_regression, _ = _sklearn()
    examples = _examples(rows)
    vectorizer = dict_vectorizer(sort=True)
    matrix = vectorizer.fit_transform([example[0] for example in examples])
    heads = []
    for head_index, name in ((1, "high"), (2, "elevated or high")):
        chosen = [n for n, example in enumerate(examples) if example[head_index] is not None]
        target = [bool(examples[n][head_index]) for n in chosen]
        if len(set(target)) < 2:
            raise CorpusError(f"the corpus needs both {name} rows and other rows")
        head = logistic_regression(C=C, class_weight="balanced", solver="lbfgs", max_iter=2000)
        head.fit(matrix[chosen], target)
        heads.append(head)
    pairs = {
        str(name): [round(float(head.coef_[0][index]), DECIMALS) for head in heads]
        for index, name in enumerate(vectorizer.get_feature_names_out())
    }
    # Keep the file small: the strongest weights only (ties broken by name, so it is repeatable).
    strongest = sorted(pairs, key=lambda name: (-max(map(abs, pairs[name])), name))
    weights = {
        name: pairs[name]
        for name in strongest[:MAX_FEATURES]
        if max(map(abs, pairs[name])) >= PRUNE_BELOW
    }
    bias = [round(float(head.intercept_[0]), DECIMALS) for head in heads]
    return {"weights": weights, "bias": bias}


def _as_model(fitted: dict, thresholds: dict[str, float]) -> Model:
    return model_from_dict(
        {
            "format": FORMAT_VERSION,
            "features": FEATURE_SETTINGS,
            **fitted,
            "thresholds": thresholds,
        }
    )


# --- Thresholds ----------------------------------------------------------------------------------


@dataclass
class Report:
    counts: dict[str, int]
    thresholds: dict[str, float]
    cv: dict[str, float] = field(default_factory=dict)  # the combined screen, or learned alone
    cv_alone: dict[str, float] = field(default_factory=dict)  # learned alone, when rules joined
    features_kept: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            "rows: " + ", ".join(f"{label} {self.counts.get(label, 0)}" for label in LABELS),
            f"features kept in the model: {self.features_kept}",
            "thresholds: "
            + ", ".join(f"{name} {value:.4f}" for name, value in self.thresholds.items()),
            f"cross-validation ({FOLDS} folds, scored as the screen scores)"
            + (", rules and learned combined:" if self.cv_alone else ", learned screen:"),
        ]
        out += [f"  {name}: {value:.1%}" for name, value in self.cv.items()]
        if self.cv_alone:
            out.append("  the learned screen alone, at these thresholds:")
            out += [f"    {name}: {value:.1%}" for name, value in self.cv_alone.items()]
        out += [f"target not met in cross-validation: {warning}" for warning in self.warnings]
        return out


def _floor(value: float) -> float:
    return min(0.99, max(0.0001, math.floor(value * 10_000) / 10_000))


def _needed(scores: list[float], already: int, total: int, recall: float) -> float:
    """The highest threshold at which `already` rows plus those scoring at or above it reach recall."""
    missing = math.ceil(recall * total) - already
    if missing <= 0:
        return 0.99  # the other screen covers enough: only a very confident score counts
    ordered = sorted(scores, reverse=True)
    return _floor(ordered[min(missing, len(ordered)) - 1])


def _combined_alarm_floor(low: list[Scored]) -> float:
    """The lowest threshold at which the combined screen (the rules' highs plus the learned
    screen's) rates at most LOW_RATED_HIGH_LIMIT of label-low rows high."""
    if not low:
        return 0.0001
    allowed = math.floor(LOW_RATED_HIGH_LIMIT * len(low)) - sum(s.rules == "high" for s in low)
    ordered = sorted((s.p_high for s in low if s.rules != "high"), reverse=True)
    if allowed < 0 or not ordered:
        return 0.99
    if allowed >= len(ordered):
        return 0.0001
    return _floor(ordered[allowed] + 0.0001)


def choose_thresholds(scored: list[Scored]) -> dict[str, float]:
    """Thresholds from cross-validated scores: recall first, and "high" only when confident.

    A row the rules already rate high (or elevated) needs nothing from the learned screen. t_high
    is the highest threshold that reaches the high-recall target, raised if needed so the
    learned screen alone rates at most 5% of label-low rows high: below that, a high-risk score
    is uncertain and comes out elevated (t_unsure), so a person checks; t_unsure lets at most
    HIGH_RATED_LOW of high rows come out low.
    """
    high = [s for s in scored if s.label == "high"]
    elevated = [s for s in scored if s.label == "elevated"]
    covered = [s.rules == "high" for s in high]
    for_recall = _needed(
        [s.p_high for s in high if s.rules != "high"], sum(covered), len(high), HIGH_RECALL
    )
    t_high = max(for_recall, _combined_alarm_floor([s for s in scored if s.label == "low"]))
    t_unsure = _unsure(high, t_high, t_elevated=1.0)
    caught = [s.rules != "low" or s.p_high >= t_unsure for s in elevated]
    t_elevated = _needed(
        [s.p_any for s, c in zip(elevated, caught, strict=True) if not c],
        sum(caught),
        len(elevated),
        ELEVATED_RECALL,
    )
    t_unsure = _unsure(high, t_high, t_elevated)
    return {"high": t_high, "unsure": t_unsure, "elevated": t_elevated}


def _unsure(high: list[Scored], t_high: float, t_elevated: float) -> float:
    """The threshold below which a P(high) is low, so that at most HIGH_RATED_LOW of high rows are."""
    missed = sorted(
        s.p_high for s in high if s.rules == "low" and s.p_high < t_high and s.p_any < t_elevated
    )
    allowed = math.floor(HIGH_RATED_LOW * len(high))
    return min(t_high, _floor(missed[allowed])) if len(missed) > allowed else t_high


@dataclass(frozen=True)
class Scored:
    label: str
    rules: str  # the rules screen's rating ("low" when thresholds are chosen for the learned alone)
    p_high: float
    p_any: float


def _cv_figures(scored: list[Scored], model: Model, *, with_rules: bool) -> dict[str, float]:
    order = {"low": 0, "elevated": 1, "high": 2}
    rated = []
    for s in scored:
        learned_risk = model.rate(s.p_high, s.p_any)
        risk = max(learned_risk, s.rules, key=order.__getitem__) if with_rules else learned_risk
        rated.append((s.label, risk))

    def share(label: str, risks: tuple[str, ...]) -> float:
        of_label = [risk for lab, risk in rated if lab == label]
        return sum(risk in risks for risk in of_label) / len(of_label) if of_label else 0.0

    return {
        "high rated high": share("high", ("high",)),
        "high rated low": share("high", ("low",)),
        "elevated rated elevated or high": share("elevated", ("elevated", "high")),
        "low rated high": share("low", ("high",)),
        "low rated elevated": share("low", ("elevated",)),
    }


def _cross_validated_scores(
    rows: Sequence[Row], rules: Callable[[str], Screening] | None
) -> list[Scored]:
    *_, stratified_k_fold = _sklearn()
    folds = stratified_k_fold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    labels = [row.label for row in rows]
    scored: list[Scored | None] = [None] * len(rows)
    placeholder = {"high": 0.5, "unsure": 0.5, "elevated": 0.5}
    for train_index, test_index in folds.split(labels, labels):
        fold_model = _as_model(_fit([rows[i] for i in train_index]), placeholder)
        for i in test_index:
            row = rows[i]
            rated = rules(row.text).risk if rules else "low"
            scored[i] = Scored(row.label, rated, *fold_model.scores(row.text))
    return [s for s in scored if s is not None]


def train(
    rows: Sequence[Row], *, rules: Callable[[str], Screening] | None = None
) -> tuple[dict, Report]:
    """Fit on all rows, with thresholds from cross-validation; return the model file and a report.

    With `rules` (the rules screen), thresholds aim the combined screen at the targets; without,
    the learned screen alone.
    """
    rows = sorted(rows, key=lambda r: r.id)
    counts = {label: sum(row.label == label for row in rows) for label in LABELS}
    if min(counts.values()) < FOLDS:
        raise CorpusError(f"each label needs at least {FOLDS} rows to cross-validate; got {counts}")
    scored = _cross_validated_scores(rows, rules)
    thresholds = choose_thresholds(scored)
    fitted = _fit(rows)
    document = {
        "format": FORMAT_VERSION,
        "features": FEATURE_SETTINGS,
        **fitted,
        "thresholds": thresholds,
        "trained_on": counts,
    }
    report = Report(counts=counts, thresholds=thresholds, features_kept=len(fitted["weights"]))
    final = _as_model(fitted, thresholds)
    report.cv = _cv_figures(scored, final, with_rules=rules is not None)
    if rules is not None:
        report.cv_alone = _cv_figures(scored, final, with_rules=False)
    report.warnings = _shortfalls(report.cv)
    return document, report


def _shortfalls(cv: dict[str, float]) -> list[str]:
    """The "done means" targets the cross-validated figures miss, in plain words."""
    out = []
    if cv["high rated high"] < 0.97:
        out.append(
            f"{cv['high rated high']:.1%} of high rows rated high (target 97%): the learned screen "
            "rates high only when confident, and an uncertain high-risk score comes out elevated"
        )
    if cv["high rated low"] > 0:
        out.append(f"{cv['high rated low']:.1%} of high rows rated low (target none)")
    if cv["elevated rated elevated or high"] < 0.90:
        out.append(
            f"{cv['elevated rated elevated or high']:.1%} of elevated rows caught (target 90%)"
        )
    if cv["low rated high"] > 0.05:
        out.append(f"{cv['low rated high']:.1%} of low rows rated high (target at most 5%)")
    return out


def dumps(document: dict) -> str:
    """The model file's text: sorted keys, one weight per line, so retraining diffs stay readable."""
    head = {key: value for key, value in document.items() if key != "weights"}
    lines = [json.dumps(head, sort_keys=True)[:-1] + ',"weights":{']
    weights = document["weights"]
    lines += [
        f"{json.dumps(key)}:{json.dumps(weights[key], separators=(',', ':'))}"
        + ("," if n < len(weights) - 1 else "")
        for n, key in enumerate(sorted(weights))
    ]
    lines.append("}}")
    return "\n".join(lines) + "\n"
