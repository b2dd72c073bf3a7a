"""Screens per second for the support line's text screen (rules + learned, triage.screen).

Run it with `.venv/bin/python bench/triage_throughput.py` (`--help` for the knobs). It builds
realistic requests of about 300 characters from phrase fragments with a fixed seed (most of them
ordinary worries, some with distress, risk, negations, idioms, typos or slang), screens each once,
and prints screens per second (wall clock and CPU time of this process, which is what counts on a
busy machine), the p50/p99 time of one screen (wall clock and this thread's CPU time), and how many came out low, elevated or high.
`--screen rules` or `--screen learned` measures one screen alone. One process: one core.

Targets: at least 2,000 screens per second on one core for 300-character messages, p99 under 5 ms.
"""

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from nearpeer.supportline import triage  # noqa: E402
from nearpeer.supportline.triage import learned  # noqa: E402

SCREENS = {"combined": triage.screen, "rules": triage.rules_screen, "learned": learned.screen}
TARGET_RATE = 2_000  # screens per second on one core
TARGET_P99_US = 5_000

ORDINARY = [
    "I have been really stressed about my anatomy exam next week",
    "my roommate and I keep arguing about the dishes and it is wearing me down",
    "I feel like an imposter in my cohort, everyone else seems to get it right away",
    "I miss home a lot and I have not been able to call my family much",
    "everyone looks calm and I feel like I am paddling like crazy under the water",
    "my boyfriend and I had a fight about how little time I have for him",
    "I am behind on my reading and the shelf exam is in ten days",
    "rotations have been long and I barely see my friends anymore",
    "I am not sure medicine is right for me and I do not know who to ask",
    "this exam is killing me honestly",
    "I would die for a full night of sleep right now",
    "I killed it on my presentation but still feel like a fraud",
    "dead tired after a 28 hour call, just need someone to talk to",
    "can someone hit me up after clinic, I just want to vent",
    "I'm so behind, my parents are going to kill me if I fail this block",
]
DISTRESS = [
    "I feel hopeless about all of it",
    "I can't stop crying at night",
    "I have had panic attacks every night this week",
    "I haven't eaten in days",
    "I feel so alone here",
    "nothing matters anymore",
    "I'm so done",
    "I've been drinking every night to cope",
]
RISK = [
    "sometimes I think everyone would be better off without me",
    "I don't see the point in going on",
    "I want to kill myself",
    "been thinking about sucide a lot",
    "i just want to sleep and not wake up",
    "my partner threatened me again last night",
    "he hits me when he drinks and I'm afraid to go home",
    "I've been stockpiling pills",
    "kms",
    "I'm not suicidal but it's been bad",
    "never thought about killing myself, just exhausted",
    "want to diiie lol",
]
FILLER = [
    "Thanks for reading this.",
    "I don't really know how to say this.",
    "Sorry if this is a lot.",
    "Could we talk this week?",
    "Any time in the evening works for me.",
    "I'm a second year.",
]


def make_texts(count: int, seed: int, length: int) -> list[str]:
    """Requests of about `length` characters: 70% ordinary, 20% with distress, 10% with risk."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [rng.choice(ORDINARY)]
        roll = rng.random()
        if roll > 0.7:
            parts.append(rng.choice(DISTRESS))
        if roll > 0.9:
            parts.append(rng.choice(RISK))
        while sum(len(p) + 2 for p in parts) < length:
            parts.append(rng.choice(ORDINARY + FILLER))
        rng.shuffle(parts)
        texts.append(". ".join(parts)[: length + 40])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50_000, help="texts to screen")
    parser.add_argument("--length", type=int, default=300, help="characters per text, about")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument(
        "--screen", choices=sorted(SCREENS), default="combined", help="which screen to measure"
    )
    args = parser.parse_args()
    screen = SCREENS[args.screen]
    texts = make_texts(args.count, args.seed, args.length)
    for text in texts[:200]:  # warm up
        screen(text)
    durations, cpu_durations = [], []
    risks: Counter[str] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        start, cpu_start = time.perf_counter_ns(), time.thread_time_ns()
        result = screen(text)
        cpu_durations.append(time.thread_time_ns() - cpu_start)
        durations.append(time.perf_counter_ns() - start)
        risks[result.risk] += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    durations.sort()
    cpu_durations.sort()
    mean_length = sum(map(len, texts)) / len(texts)
    print(f"screen: {args.screen}, one process (one core)")
    print(f"texts: {len(texts)} (mean {mean_length:.0f} characters, seed {args.seed})")
    print(f"screens/s: {len(texts) / wall:,.0f} (wall clock), {len(texts) / cpu:,.0f} (CPU time)")
    p50, p99 = (durations[int(len(durations) * q)] / 1000 for q in (0.5, 0.99))
    cpu_p50, cpu_p99 = (cpu_durations[int(len(durations) * q)] / 1000 for q in (0.5, 0.99))
    print(f"per screen, wall clock: p50 {p50:.1f} us, p99 {p99:.1f} us")
    print(f"per screen, CPU time:   p50 {cpu_p50:.1f} us, p99 {cpu_p99:.1f} us")
    rate = len(texts) / cpu
    print(
        f"targets: >= {TARGET_RATE:,} screens/s on one core: {'met' if rate >= TARGET_RATE else 'NOT MET'}"
        f"; p99 < {TARGET_P99_US / 1000:.0f} ms: {'met' if cpu_p99 < TARGET_P99_US else 'NOT MET'}"
        " (judged on CPU time: wall clock also counts waiting for a busy machine)"
    )
    print("risk: " + ", ".join(f"{k} {risks[k]}" for k in ("low", "elevated", "high")))


if __name__ == "__main__":
    main()
