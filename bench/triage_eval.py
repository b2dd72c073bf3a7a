"""How well the support line's text screens rate a labelled corpus (default: the held-out split).

Run `.venv/bin/python bench/triage_eval.py` (`--help` for the options). It screens every row with
the combined screen (nearpeer.supportline.triage.screen), the rules screen alone and the learned
screen alone, and prints for each: how each label was rated, recall and precision per label, the
same by kind and by language, false alarms (rated high) on label-low rows, whether each target is
met, and then every miss of the combined screen with its reasons.
"""

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from nearpeer.supportline import triage  # noqa: E402
from nearpeer.supportline.triage import learned, rules, training  # noqa: E402

LABELS = ("high", "elevated", "low")
CALM_KINDS = ("ordinary", "idiom")
CLINICAL_KINDS = ("clinical", "research_awareness")


def screens() -> dict[str, Callable]:
    return {"combined": triage.screen, "rules": rules.screen, "learned": learned.screen}


def pct(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def table(results: list[tuple[training.Row, str]], indent: str = "  ") -> list[str]:
    """Rows per label: how many rated high/elevated/low, recall and precision."""
    grid = Counter((row.label, got) for row, got in results)
    lines = [
        f"{indent}{'label':<9}{'n':>6}{'high':>7}{'elev':>7}{'low':>7}{'recall':>9}{'precision':>11}"
    ]
    for label in LABELS:
        n = sum(grid[label, got] for got in LABELS)
        rated_as = sum(grid[lab, label] for lab in LABELS)
        if not n and not rated_as:
            continue
        counts = "".join(f"{grid[label, got]:>7}" for got in LABELS)
        recall, precision = pct(grid[label, label], n), pct(grid[label, label], rated_as)
        lines.append(f"{indent}{label:<9}{n:>6}{counts}{recall:>9}{precision:>11}")
    return lines


def grouped(results: list[tuple[training.Row, str]], key: str) -> list[str]:
    groups: dict[str, list] = defaultdict(list)
    for row, got in results:
        groups[getattr(row, key) or "(none)"].append((row, got))
    lines = []
    for name in sorted(groups):
        lines.append(f"  {key} {name}:")
        lines += table(groups[name], indent="    ")
    return lines


def false_alarms(results: list[tuple[training.Row, str]]) -> tuple[list[str], float]:
    low = [(row, got) for row, got in results if row.label == "low"]
    lines = []
    for name, kinds in (
        ("ordinary/idiom", CALM_KINDS),
        ("clinical/research_awareness", CLINICAL_KINDS),
    ):
        part = [got for row, got in low if row.kind in kinds]
        lines.append(
            f"  {name}: {sum(g == 'high' for g in part)} of {len(part)} rated high "
            f"({pct(sum(g == 'high' for g in part), len(part)).strip()})"
        )
    other = [got for row, got in low if row.kind not in CALM_KINDS + CLINICAL_KINDS]
    if other:
        lines.append(f"  other kinds: {sum(g == 'high' for g in other)} of {len(other)} rated high")
    rate = sum(got == "high" for _, got in low) / len(low) if low else 0.0
    lines.append(
        f"  all label-low: {sum(got == 'high' for _, got in low)} of {len(low)} ({rate:.1%})"
    )
    return lines, rate


def targets(results: list[tuple[training.Row, str]], alarm_rate: float) -> list[str]:
    def share(label: str, risks: tuple[str, ...]) -> tuple[int, int]:
        part = [got for row, got in results if row.label == label]
        return sum(g in risks for g in part), len(part)

    high_ok, high_n = share("high", ("high",))
    high_low, _ = share("high", ("low",))
    elev_ok, elev_n = share("elevated", ("elevated", "high"))
    checks = [
        (
            f">= 97% of high rated high: {pct(high_ok, high_n).strip()}",
            high_n and high_ok / high_n >= 0.97,
        ),
        (f"no high rated low: {high_low}", high_low == 0),
        (
            f">= 90% of elevated rated elevated or high: {pct(elev_ok, elev_n).strip()}",
            elev_n and elev_ok / elev_n >= 0.90,
        ),
        (f"<= 5% of label-low rated high: {alarm_rate:.1%}", alarm_rate <= 0.05),
    ]
    return [f"  [{'met' if ok else 'NOT MET'}] {text}" for text, ok in checks]


def report(name: str, results: list[tuple[training.Row, str]]) -> list[str]:
    lines = [f"=== {name} screen ===", "by label (rows: expected; columns: rated):"]
    lines += table(results)
    lines.append("by kind:")
    lines += grouped(results, "kind")
    lines.append("by language:")
    lines += grouped(results, "lang")
    lines.append("false alarms (label low rated high):")
    alarm_lines, alarm_rate = false_alarms(results)
    lines += alarm_lines
    lines.append("targets:")
    lines += targets(results, alarm_rate)
    return lines


def is_miss(label: str, got: str) -> bool:
    return (
        (label == "high" and got != "high")
        or (label == "elevated" and got == "low")
        or (label == "low" and got == "high")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a .jsonl file or folder of them (default: data/triage/heldout.jsonl)",
    )
    parser.add_argument(
        "--train", action="store_true", help="evaluate data/triage/train.jsonl instead"
    )
    parser.add_argument(
        "--heldout-quarter",
        action="store_true",
        help="keep only rows in the held-out quarter (sha256 of id starts 0-3), for unsplit shards",
    )
    parser.add_argument(
        "--misses",
        choices=("combined", "rules", "learned", "none"),
        default="combined",
        help="whose misses to list (default: combined)",
    )
    args = parser.parse_args()
    default = ROOT / "data/triage" / ("train.jsonl" if args.train else "heldout.jsonl")
    try:
        rows = training.read_corpus(args.corpus or [default])
    except training.CorpusError as error:
        raise SystemExit(f"cannot read the corpus: {error}") from None
    if args.heldout_quarter:
        rows = [row for row in rows if training.in_heldout_quarter(row.id)]
    print(
        f"corpus: {', '.join(map(str, args.corpus or [default]))}: {len(rows)} rows, "
        + ", ".join(f"{label} {sum(r.label == label for r in rows)}" for label in LABELS)
    )
    detail: dict[str, dict[str, object]] = {}
    for name, screen in screens().items():
        results = []
        for row in rows:
            screening = screen(row.text)
            detail.setdefault(name, {})[row.id] = screening
            results.append((row, screening.risk))
        print()
        print("\n".join(report(name, results)))
    if args.misses != "none":
        misses = [
            (row, detail[args.misses][row.id])
            for row in rows
            if is_miss(row.label, detail[args.misses][row.id].risk)
        ]
        print(f"\n=== misses of the {args.misses} screen: {len(misses)} ===")
        for row, screening in misses:
            print(
                f"- {row.id} [{row.kind or '-'}, {row.lang or '-'}] expected {row.label}, "
                f"got {screening.risk}"
            )
            print(f"    text: {row.text[:300]!r}")
            print(f"    reasons: {'; '.join(screening.reasons) or '(none)'}")


if __name__ == "__main__":
    main()
