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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nearpeer.supportline.triage.learned import (
    FEATURE_SETTINGS,
    FORMAT_VERSION,
    Model,
    features,
    model_from_dict,
)

LABELS = ("high", "elevated", "low")
SEED = 20250109
FOLDS = 5
C = 8.0  # inverse regularisation of both heads
PRUNE_BELOW = 0.05  # weights smaller than this (in both heads) are dropped from the file
DECIMALS = 5
# Targets the thresholds aim at, with a little margin over the "done means" figures (97%, 90%).
HIGH_RECALL = 0.98
ELEVATED_RECALL = 0.93
LOW_RATED_HIGH_LIMIT = 0.05


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


def _fit(rows: Sequence[Row]) -> dict:
    """Fit both heads on rows; return the weights and bias in model-file form (pruned, rounded)."""
    dict_vectorizer, logistic_regression, _ = _sklearn()
    vectorizer = dict_vectorizer(sort=True)
    matrix = vectorizer.fit_transform([features(row.text) for row in rows])
    heads = []
    for positive in (("high",), ("high", "elevated")):
        target = [row.label in positive for row in rows]
        if len(set(target)) < 2:
            raise CorpusError(f"the corpus needs both {'/'.join(positive)} rows and other rows")
        head = logistic_regression(C=C, class_weight="balanced", solver="lbfgs", max_iter=2000)
        head.fit(matrix, target)
        heads.append(head)
    weights = {}
    for index, name in enumerate(vectorizer.get_feature_names_out()):
        pair = [float(head.coef_[0][index]) for head in heads]
        if max(abs(w) for w in pair) >= PRUNE_BELOW:
            weights[str(name)] = [round(w, DECIMALS) for w in pair]
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
    cv: dict[str, float] = field(default_factory=dict)
    features_kept: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            "rows: " + ", ".join(f"{label} {self.counts.get(label, 0)}" for label in LABELS),
            f"features kept in the model: {self.features_kept}",
            "thresholds: "
            + ", ".join(f"{name} {value:.4f}" for name, value in self.thresholds.items()),
            f"cross-validation ({FOLDS} folds, scores as the screen scores them):",
        ]
        out += [f"  {name}: {value:.1%}" for name, value in self.cv.items()]
        out += [f"warning: {warning}" for warning in self.warnings]
        return out


def _floor(value: float) -> float:
    return max(0.0001, math.floor(value * 10_000) / 10_000)


def _at_recall(scores: list[float], recall: float) -> float:
    """The highest threshold that keeps at least `recall` of these scores at or above it."""
    ordered = sorted(scores)
    return _floor(ordered[int(math.floor((1 - recall) * len(ordered)))])


def choose_thresholds(scored: list[tuple[str, float, float]]) -> dict[str, float]:
    """Thresholds from cross-validated (label, P(high), P(elevated or high)), favouring recall."""
    high = [(ph, pa) for label, ph, pa in scored if label == "high"]
    elevated = [pa for label, _, pa in scored if label == "elevated"]
    t_high = min(0.99, _at_recall([ph for ph, _ in high], HIGH_RECALL))
    t_elevated = min(0.99, _at_recall(elevated, ELEVATED_RECALL)) if elevated else 0.5
    # Every high-risk row must at least come out elevated: an uncertain score asks a person.
    missed = [ph for ph, pa in high if ph < t_high and pa < t_elevated]
    t_unsure = min(t_high, _floor(min(missed))) if missed else t_high
    return {"high": t_high, "unsure": t_unsure, "elevated": t_elevated}


def _cv_figures(scored: list[tuple[str, float, float]], model: Model) -> dict[str, float]:
    rated = [(label, model.rate(ph, pa)) for label, ph, pa in scored]

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


def _cross_validated_scores(rows: Sequence[Row]) -> list[tuple[str, float, float]]:
    *_, stratified_k_fold = _sklearn()
    folds = stratified_k_fold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    labels = [row.label for row in rows]
    scored: list[tuple[str, float, float] | None] = [None] * len(rows)
    placeholder = {"high": 0.5, "unsure": 0.5, "elevated": 0.5}
    for train_index, test_index in folds.split(labels, labels):
        fold_model = _as_model(_fit([rows[i] for i in train_index]), placeholder)
        for i in test_index:
            scored[i] = (rows[i].label, *fold_model.scores(rows[i].text))
    return [s for s in scored if s is not None]


def train(rows: Sequence[Row]) -> tuple[dict, Report]:
    """Fit on all rows, with thresholds from cross-validation; return the model file and a report."""
    rows = sorted(rows, key=lambda r: r.id)
    counts = {label: sum(row.label == label for row in rows) for label in LABELS}
    if min(counts.values()) < FOLDS:
        raise CorpusError(f"each label needs at least {FOLDS} rows to cross-validate; got {counts}")
    scored = _cross_validated_scores(rows)
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
    report.cv = _cv_figures(scored, _as_model(fitted, thresholds))
    if report.cv["low rated high"] > LOW_RATED_HIGH_LIMIT:
        report.warnings.append(
            f"{report.cv['low rated high']:.1%} of low rows were rated high in cross-validation "
            f"(target at most {LOW_RATED_HIGH_LIMIT:.0%}); recall was kept first"
        )
    return document, report


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
