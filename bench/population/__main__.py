"""Build bench data inside the environment given (DATABASE_URL and the rest), sign in a sample of
each role, and write the sample as JSON:

    python -m bench.population --programs 100 --trainees 20000 --out sample.json
"""

import argparse
import json
import sys
from pathlib import Path

from bench.population.builder import build
from bench.population.sample import sign_in_sample
from bench.population.scale import Scale

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Build bench data and sign in a sample of each role."
    )
    parser.add_argument("--institutions", type=int, default=Scale.institutions)
    parser.add_argument("--programs", type=int, default=Scale.programs)
    parser.add_argument("--trainees", type=int, default=Scale.trainees)
    parser.add_argument(
        "--big-program", type=int, default=None, help="trainees of the first program"
    )
    parser.add_argument("--sample", type=int, default=40, help="signed-in people per role")
    parser.add_argument("--out", type=Path, required=True, help="where to write the sample (JSON)")
    args = parser.parse_args()

    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    scale = Scale(args.institutions, args.programs, args.trainees, args.big_program)
    population = build(scale)
    sample = sign_in_sample(population, args.sample)
    sample["counts"], sample["seconds"] = population.counts, round(population.seconds, 1)
    args.out.write_text(json.dumps(sample))
    print(json.dumps({"counts": population.counts, "seconds": sample["seconds"]}))


if __name__ == "__main__":
    main()
