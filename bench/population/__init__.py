"""Bench data at the size of a whole university, made with bulk inserts, and signed-in sessions.

    build(Scale(institutions=5, programs=100, trainees=20_000)) -> Population

Each institution gets its well-being office (office admins, wellness and faculty advisors), an
academic calendar with the year's holidays and finals, the core curriculum, and its share of the
programs. Each program gets cohorts, trainees (a few of whom are peer facilitators and peer
mentors), a coordinator, a program director and a champion, program copies of core plans, a year of
sessions (one monthly series; a second, fortnightly one in programs of 400 or more) staffed by two
facilitators each, attendance and feedback for the past ones and RSVPs for the next. Each
institution has a support line for students and one for residents and fellows, with trained
mentors, a published rota (12-hour shifts from a week ago to four weeks ahead, one on call now),
closed requests with contact records, open conversations offered to or taken by mentors, weekly
counts for the dashboard, and an access log of past reads. Program sizes follow their kind (a
medical school is about six residencies).

`sign_in_sample()` then makes signed-in sessions, second step passed, for a sample of each role and
returns what the bench needs to drive their pages (cookies and the ids in their URLs). Run as a
module it does both inside the environment it is given (DATABASE_URL and the rest) and writes the
sample as JSON:

    python -m bench.population --programs 100 --trainees 20000 --out sample.json

scale.py: the scale and each program's size; builder.py: institutions, programs, people,
calendars, the access log; sessions.py and supportline.py: their parts of the builder; sample.py:
the signed-in sample; __main__.py: the command.
"""

from bench.population.builder import build
from bench.population.sample import sign_in_sample
from bench.population.scale import Population, Scale, program_sizes

__all__ = ["Population", "Scale", "build", "program_sizes", "sign_in_sample"]
