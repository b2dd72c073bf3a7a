"""What the demo is made of, as plain data: the fictional institutions and programs, the name lists,
US academic-year holidays, and the demo sign-ins. `nearpeer.demo.data` turns it into rows."""

import datetime
from dataclasses import dataclass

from nearpeer.tenancy.models import Blackout, Program, Role

B = Blackout.Kind
K = Program.Kind
C = Program.Cadence


@dataclass(frozen=True)
class BlackoutSpec:
    kind: str
    name: str
    month: int  # July to December fall in the year's first calendar year, January to June in its second
    day: int
    days: int = 1


@dataclass(frozen=True)
class ProgramSpec:
    key: str
    name: str
    kind: str
    headcount: int
    cadence: str
    cohorts: tuple[str, ...]
    roster: int  # named trainee accounts (a sample of the headcount, to keep the demo fast)
    blackouts: tuple[BlackoutSpec, ...] = ()


@dataclass(frozen=True)
class InstitutionSpec:
    slug: str
    name: str
    domain: str
    time_zone: str
    office_name: str
    office_phone: str
    emergency_phone: str
    after_hours_phone: str
    programs: tuple[ProgramSpec, ...]


def academic_year(today: datetime.date) -> int:
    """The calendar year in which the academic year containing `today` began (on 1 July)."""
    return today.year if today.month >= 7 else today.year - 1


def institution_specs(year: int) -> tuple[InstitutionSpec, ...]:
    """The two fictional institutions; medical school classes follow the academic year."""
    md_classes = tuple(f"Class of {year + n}" for n in range(1, 5))
    pgy3 = ("PGY-1", "PGY-2", "PGY-3")
    pgy4 = (*pgy3, "PGY-4")
    return (
        InstitutionSpec(
            slug="elmstead",
            name="Elmstead University",
            domain="elmstead.example",
            time_zone="America/New_York",
            office_name="Office of Trainee Well-being",
            office_phone="(617) 555-0142",
            emergency_phone="(617) 555-0199",
            after_hours_phone="(617) 555-0177",
            programs=(
                ProgramSpec(
                    "md", "Elmstead University School of Medicine", K.MEDICAL_SCHOOL, 480,
                    C.MONTHLY, md_classes, 15,
                    (
                        BlackoutSpec(B.EXAM, "Fall block exams", 10, 19, 3),
                        BlackoutSpec(B.EXAM, "Spring block exams", 2, 22, 3),
                        BlackoutSpec(B.BOARD_EXAM, f"USMLE Step 1 window (Class of {year + 3})", 4, 19, 42),
                    ),
                ),
                ProgramSpec(
                    "im", "Internal Medicine Residency", K.RESIDENCY, 156, C.MONTHLY, pgy3, 12,
                    (BlackoutSpec(B.BOARD_EXAM, "Internal medicine in-training exam", 8, 24, 5),),
                ),
                ProgramSpec(
                    "psych", "Psychiatry Residency", K.RESIDENCY, 40, C.MONTHLY, pgy4, 10,
                    (BlackoutSpec(B.BOARD_EXAM, "Psychiatry in-training exam (PRITE)", 9, 21, 5),),
                ),
                ProgramSpec(
                    "fellowship", "Pulmonary and Critical Care Medicine Fellowship",
                    K.FELLOWSHIP, 12, C.BIMONTHLY, ("Fellow year 1", "Fellow year 2", "Fellow year 3"), 8,
                ),
                ProgramSpec(
                    "grad", "Graduate Program in Biomedical Sciences", K.GRADUATE, 200,
                    C.BIMONTHLY, tuple(f"PhD year {n}" for n in range(1, 6)), 10,
                    (BlackoutSpec(B.EXAM, "Qualifying exams", 5, 10, 5),),
                ),
            ),
        ),
        InstitutionSpec(
            slug="junipermesa",
            name="Juniper Mesa College of Health Sciences",
            domain="junipermesa.example",
            time_zone="America/Denver",
            office_name="Well-being Office",
            office_phone="(303) 555-0164",
            emergency_phone="(303) 555-0111",
            after_hours_phone="(303) 555-0188",
            programs=(
                ProgramSpec(
                    "md", "Juniper Mesa College of Medicine", K.MEDICAL_SCHOOL, 440, C.MONTHLY,
                    md_classes, 14,
                    (BlackoutSpec(B.BOARD_EXAM, f"USMLE Step 1 window (Class of {year + 3})", 5, 3, 42),),
                ),
                ProgramSpec(
                    "em", "Emergency Medicine Residency", K.RESIDENCY, 54, C.MONTHLY, pgy3, 12,
                    (BlackoutSpec(B.BOARD_EXAM, "Emergency medicine in-training exam", 2, 24, 1),),
                ),
                ProgramSpec(
                    "psych", "Psychiatry Residency", K.RESIDENCY, 32, C.MONTHLY, pgy4, 10,
                    (BlackoutSpec(B.BOARD_EXAM, "Psychiatry in-training exam (PRITE)", 9, 21, 5),),
                ),
                ProgramSpec(
                    "fellowship", "Child and Adolescent Psychiatry Fellowship", K.FELLOWSHIP, 10,
                    C.QUARTERLY, ("Fellow year 1", "Fellow year 2"), 8,
                ),
                ProgramSpec(
                    "grad", "Graduate School of Nursing", K.GRADUATE, 190, C.BIMONTHLY,
                    tuple(f"Class of {year + n}" for n in range(1, 4)), 10,
                    (BlackoutSpec(B.EXAM, "Comprehensive exams", 4, 26, 5),),
                ),
            ),
        ),
    )  # fmt: skip


# Fictional people: names are drawn from these lists with a fixed seed, so every run makes the same.
_FIRST = (
    "Aaliyah Aiden Amara Andrés Anika Ari Beatriz Caleb Camille Chidi Daniel Dara Deepa Elena "
    "Elijah Emeka Farah Felix Gabriel Grace Hana Hugo Imani Iris Isaac Jamal Jasmine Javier Jun "
    "Kai Keisha Kenji Laila Leo Lucía Malik Maren Mateo Mei Nadia Naveen Nia Noah Omar Paloma "
    "Quinn Rafael Rania Rosa Ruth Sahil Sana Santiago Selin Silas Sofia Tariq Tomás Uma Valeria "
    "Wen Xavier Yara Yusuf Zara Zoe"
)
_LAST = (
    "Abernathy Adeyemi Alvarez Bianchi Brennan Castellanos Chowdhury Dalton Delacroix Eriksen "
    "Farouk Fitzgerald Gallagher Haddad Halvorsen Ibarra Iwasaki Jovanovic Kapoor Kowalski "
    "Lindqvist Lockhart Mbeki Moreau Nakagawa Novak Okonkwo Oyelaran Petrakis Quintero Rahimi "
    "Rosales Sandoval Sato Szabo Takahashi Thornbury Ueda Varga Vasquez Whitlock Winslow Xu "
    "Yamamoto Yilmaz Zielinski"
)
FIRST_NAMES = tuple(_FIRST.split())
LAST_NAMES = tuple(_LAST.split())


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th given weekday (Monday is 0) of a month; n=-1 is the last one."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = following - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def institution_blackouts(year: int) -> list[tuple[str, str, datetime.date, datetime.date]]:
    """Holidays, breaks and finals of a US academic year starting 1 July `year`."""
    day = datetime.timedelta(days=1)
    nxt = year + 1
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    fall_finals = _nth_weekday(year, 12, 0, 2)
    spring_break = _nth_weekday(nxt, 3, 0, 2)
    spring_finals = _nth_weekday(nxt, 5, 0, 2)
    labor_day = _nth_weekday(year, 9, 0, 1)
    mlk_day = _nth_weekday(nxt, 1, 0, 3)
    memorial_day = _nth_weekday(nxt, 5, 0, -1)
    return [
        (B.HOLIDAY, "Independence Day", datetime.date(year, 7, 4), datetime.date(year, 7, 4)),
        (B.HOLIDAY, "Labor Day", labor_day, labor_day),
        (B.HOLIDAY, "Thanksgiving break", thanksgiving - day, thanksgiving + day),
        (B.FINALS, "Fall finals", fall_finals, fall_finals + 4 * day),
        (B.HOLIDAY, "Winter break", datetime.date(year, 12, 22), datetime.date(nxt, 1, 2)),
        (B.HOLIDAY, "Martin Luther King Jr. Day", mlk_day, mlk_day),
        (B.HOLIDAY, "Spring break", spring_break, spring_break + 4 * day),
        (B.FINALS, "Spring finals", spring_finals, spring_finals + 4 * day),
        (B.HOLIDAY, "Memorial Day", memorial_day, memorial_day),
        (B.HOLIDAY, "Juneteenth", datetime.date(nxt, 6, 19), datetime.date(nxt, 6, 19)),
    ]


# One demo sign-in per role at the first institution, and the second institution's office:
# (institution index, role, email's local part, name, program key). No program key: the role is
# held across the whole institution.
SIGN_INS = (
    (0, Role.TRAINEE, "trainee", "Maya Ellison", "md"),
    (0, Role.PEER_FACILITATOR, "peer-facilitator", "Jonah Whitfield", "md"),
    (0, Role.PEER_MENTOR, "peer-mentor", "Priya Raman", "md"),
    (0, Role.GROUP_FACILITATOR, "group-facilitator", "Samuel Ortega", "md"),
    (0, Role.WELLNESS_ADVISOR, "wellness-advisor", "Renée Castillo", None),
    (0, Role.CHAMPION, "champion", "Dr. Helen Marsh", "md"),
    (0, Role.PROGRAM_DIRECTOR, "director", "Dr. Ahmed Siddiqui", "md"),
    (0, Role.COORDINATOR, "coordinator", "Carla Jennings", "md"),
    (0, Role.FACULTY_ADVISOR, "faculty-advisor", "Dr. Lena Fischer", None),
    (0, Role.OFFICE_ADMIN, "office", "Olivia Brandt", None),
    (1, Role.OFFICE_ADMIN, "office", "Marcus Delgado", None),
)
# Peer roles are held by trainees: the program where the demo person trains.
PEER_HOME = {
    Role.PEER_FACILITATOR: "md",
    Role.PEER_MENTOR: "md",
    Role.GROUP_FACILITATOR: "psych",
}
