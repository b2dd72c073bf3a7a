"""How big the bench university is: the scale asked for, what was built, and each program's size."""

from dataclasses import dataclass, field

KINDS = {  # kind: (relative size, cohort names)
    "medical_school": (6.0, ("Class of {y1}", "Class of {y2}", "Class of {y3}", "Class of {y4}")),
    "graduate": (3.0, ("Year 1", "Year 2", "Year 3", "Year 4", "Year 5")),
    "residency": (1.0, ("PGY-1", "PGY-2", "PGY-3")),
    "fellowship": (0.4, ("Fellow year 1", "Fellow year 2")),
}
STUDENT_KINDS = ("medical_school", "graduate")
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
SPECIALTIES = (
    "Internal Medicine", "Pediatrics", "Surgery", "Psychiatry", "Emergency Medicine",
    "Family Medicine", "Neurology", "Anesthesiology", "Radiology", "Obstetrics and Gynecology",
    "Pathology", "Dermatology", "Ophthalmology", "Orthopaedic Surgery", "Urology",
    "Cardiology", "Nephrology", "Oncology", "Infectious Diseases", "Geriatrics",
)  # fmt: skip
BATCH = 2000
SHIFT_HOURS = 12


@dataclass(frozen=True)
class Scale:
    institutions: int = 5
    programs: int = 100
    trainees: int = 20_000
    big_program: int | None = None  # the first program's trainees; None: sized by its kind
    access_log_per_trainee: float = 2.0


@dataclass
class Population:
    """What was built: counts, and the ids a sample needs."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    big_program: int = 0  # the first (largest) program's id
    people: dict[str, list[int]] = field(default_factory=dict)  # role -> user ids worth sampling


def programs_per_institution(scale: Scale) -> int:
    return max(1, -(-scale.programs // scale.institutions))  # rounded up


def program_sizes(scale: Scale) -> list[tuple[str, int]]:
    """(kind, trainees) for each program, in order; kinds repeat in every institution."""
    per_institution = programs_per_institution(scale)
    pattern = ["medical_school", "graduate"] + ["residency", "residency", "fellowship"] * 20
    kinds = [pattern[n % per_institution % len(pattern)] for n in range(scale.programs)]
    weights = [KINDS[k][0] for k in kinds]
    total = scale.trainees
    if scale.big_program is not None:
        total -= scale.big_program
        weights[0] = 0.0
    unit = total / sum(weights) if sum(weights) else 0
    sizes = [max(1, round(w * unit)) if w else 0 for w in weights]
    if scale.big_program is not None:
        sizes[0] = scale.big_program
    sizes[-1] += scale.trainees - sum(sizes)  # rounding goes to the last program
    return list(zip(kinds, sizes, strict=True))
