"""`nearpeer triage_train`: train the support line's learned screen (model.json) from a corpus."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nearpeer.supportline import triage
from nearpeer.supportline.triage import learned, training


class Command(BaseCommand):
    help = (
        "Train the learned second screen of support-request triage from a labelled JSON-lines "
        "corpus (id, text, label high|elevated|low) and write its model file. Thresholds are "
        "chosen by cross-validation on this corpus only. Needs scikit-learn (dev extras)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            action="append",
            help="a .jsonl file or a folder of them; may be repeated "
            "(default: data/triage/train.jsonl)",
        )
        parser.add_argument(
            "--out", type=Path, default=learned.MODEL_PATH, help="where to write the model file"
        )
        parser.add_argument(
            "--skip-heldout-quarter",
            action="store_true",
            help="leave out rows whose id's sha256 starts with 0-3 (the held-out split rule), "
            "for training from unsplit shards",
        )

        parser.add_argument(
            "--alone",
            action="store_true",
            help="choose thresholds for the learned screen on its own (default: for the combined "
            "screen, counting what the rules screen already catches)",
        )

    def handle(self, *args, **options):
        corpus = options["corpus"] or [Path("data/triage/train.jsonl")]
        try:
            rows = training.read_corpus(corpus)
            if options["skip_heldout_quarter"]:
                rows = [row for row in rows if not training.in_heldout_quarter(row.id)]
            rules = None if options["alone"] else triage.rules_screen
            document, report = training.train(rows, rules=rules)
        except (training.CorpusError, RuntimeError) as error:
            raise CommandError(str(error)) from None
        out: Path = options["out"]
        text = training.dumps(document)
        out.write_text(text, encoding="utf-8")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"wrote {out} ({len(text.encode()) / 1024:.0f} KB)")
