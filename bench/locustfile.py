"""The people `make bench-load` sends at the site (bench/load.py runs locust with this file).

Each class is one kind of person, weighted by how many of them are about at once in a busy hour,
and each task is a page they open, weighted by how often. Signed-in people use the sessions that
bench/load.py made (NEARPEER_LOAD_SAMPLE names the JSON file). NEARPEER_LOAD_PACING is the
seconds from one click to the next of each person (constant pacing, see `paced`), 0 for no pause.

With NEARPEER_LOAD_OUT set, it writes every request (when it ended, its name, milliseconds, the
error if any) to that file as JSON on quitting, and the time the test started to <file>.started.

Every answer must be a 200 (a redirect counts as an error, since a signed-in page that redirects
has sent its reader to the sign-in page), except the writes, which answer a redirect or a
fragment. Page names put [id] where an id goes, so that every program's season is one line.
"""

import itertools
import json
import os
import random
import secrets
import time
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlparse

import gevent
from locust import FastHttpUser, constant, events, task

SAMPLE = json.loads(Path(os.environ["NEARPEER_LOAD_SAMPLE"]).read_text())
PACING = float(os.environ.get("NEARPEER_LOAD_PACING", "0"))


def paced(period: float):
    """Constant pacing: each person's clicks `period` seconds apart (sooner never; later only
    when a page took longer than that), from the moment their first click was due.

    Not locust's constant_pacing: it counts from when the person was created, and locust creates
    people in batches (a second's worth at once), so every batch would click in step for the
    whole run, a burst the size of the batch every period. That measured queueing behind bursts
    no real crowd makes (p50 about 1 s instead of 30 ms for 200 people on one page)."""

    def wait(user) -> float:
        now = time.monotonic()
        user.due = max(user.due + period, now)
        return user.due - now

    return wait


WAIT = paced(PACING) if PACING else constant(0)
PEOPLE = {role: itertools.cycle(people) for role, people in SAMPLE["roles"].items() if people}
OUT = os.environ.get("NEARPEER_LOAD_OUT")  # every request, for bench/load.py to cut its window
_requests: list[tuple[float, str, float, str]] = []


@events.request.add_listener
def _record(name, response_time, exception, **_):
    _requests.append(
        (time.time(), name, response_time, "" if exception is None else str(exception))
    )


@events.test_start.add_listener
def _started(**_):
    if OUT:
        Path(f"{OUT}.started").write_text(str(time.time()))


@events.quitting.add_listener
def _write(**_):
    if OUT:
        Path(OUT).write_text(json.dumps(_requests))


def _cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        0,
        name,
        value,
        None,
        False,
        host,
        False,
        False,
        "/",
        True,
        False,
        None,
        True,
        None,
        None,
        {},
    )


class Person(FastHttpUser):
    abstract = True
    role: str | None = None
    wait_time = WAIT

    def on_start(self) -> None:
        if PACING:  # people are not in step: each starts at a random moment of one period
            gevent.sleep(random.uniform(0, PACING))
        self.due = time.monotonic()
        self.person = next(PEOPLE[self.role]) if self.role else {}
        host = urlparse(self.host).hostname
        self.csrf = secrets.token_hex(16)  # Django accepts its own 32-character secret as the token
        self.client.cookiejar.set_cookie(_cookie("csrftoken", self.csrf, host))
        if self.person:
            cookie = _cookie(SAMPLE["cookie_name"], self.person["cookie"], host)
            self.client.cookiejar.set_cookie(cookie)
        self.flip = itertools.cycle((True, False))

    def page(self, path: str, name: str | None = None, headers: dict | None = None) -> None:
        with self.client.get(
            path, name=name or path, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def send(self, path: str, name: str, data: dict, ok: tuple[int, ...], headers=None) -> None:
        with self.client.post(
            path,
            name=name,
            data=data,
            headers={"X-CSRFToken": self.csrf, **(headers or {})},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in ok:
                response.failure(f"HTTP {response.status_code}")

    def pick(self, key: str):
        return self.person[key][secrets.randbelow(len(self.person[key]))]


class Trainee(Person):
    weight = 60
    role = "trainee"

    @task(5)
    def home(self):
        self.page("/home/")

    @task(3)
    def sessions(self):
        self.page("/sessions/upcoming/")

    @task(2)
    def session(self):
        self.page(f"/sessions/meetings/{self.pick('meetings')}/", "/sessions/meetings/[id]/")

    @task(1)
    def rsvp(self):
        meeting = self.person["meetings"][0]
        going = "1" if next(self.flip) else "0"
        path = f"/sessions/meetings/{meeting}/rsvp/"
        self.send(path, "/sessions/meetings/[id]/rsvp/ (POST)", {"going": going}, (302,))

    @task(1)
    def reach_out(self):
        self.page("/support/talk/")

    @task(1)
    def my_conversations(self):
        self.page("/support/mine/")


class Facilitator(Person):
    weight = 8
    role = "facilitator"

    @task(4)
    def home(self):
        self.page("/home/")

    @task(3)
    def leading(self):
        self.page("/sessions/mine/")

    @task(2)
    def session(self):
        self.page(f"/sessions/meetings/{self.pick('led')}/", "/sessions/meetings/[id]/")

    @task(1)
    def attendance(self):
        path = f"/sessions/meetings/{self.pick('led')}/attendance/"
        self.page(path, "/sessions/meetings/[id]/attendance/")

    @task(1)
    def availability(self):
        self.page("/sessions/availability/")


class Mentor(Person):
    weight = 6
    role = "mentor"

    @task(2)
    def home(self):
        self.page("/home/")

    @task(4)
    def queue(self):
        self.page("/support/queue/")

    @task(2)
    def conversation(self):
        request_id, _ = self.pick("requests")
        self.page(f"/support/requests/{request_id}/", "/support/requests/[id]/")

    @task(4)
    def poll(self):  # the open conversation asks for new messages every 5 s (htmx)
        request_id, last = self.pick("requests")
        path = f"/support/requests/{request_id}/messages/?after={last}"
        self.page(path, "/support/requests/[id]/messages/ (poll)", {"HX-Request": "true"})

    @task(1)
    def write(self):
        request_id, last = self.pick("requests")
        self.send(
            f"/support/requests/{request_id}/messages/",
            "/support/requests/[id]/messages/ (POST)",
            {"body": "That sounds hard. What would help most this week?", "after": str(last)},
            (200,),
            {"HX-Request": "true"},
        )

    @task(1)
    def rota(self):
        self.page("/support/rota/mine/")


class Coordinator(Person):
    weight = 12
    role = "coordinator"

    @task(4)
    def home(self):
        self.page("/home/")

    @task(3)
    def season(self):
        self.page(f"/sessions/programs/{self.person['program']}/", "/sessions/programs/[id]/")

    @task(1)
    def season_calendar(self):
        path = f"/sessions/programs/{self.person['program']}/?view=calendar"
        self.page(path, "/sessions/programs/[id]/?view=calendar")

    @task(2)
    def members(self):
        self.page(f"/programs/{self.person['program']}/", "/programs/[id]/")

    @task(1)
    def attendance(self):
        self.page("/sessions/attendance/")

    @task(1)
    def session(self):
        self.page(f"/sessions/meetings/{self.pick('meetings')}/", "/sessions/meetings/[id]/")

    @task(1)
    def plans(self):
        self.page(f"/curriculum/programs/{self.person['program']}/", "/curriculum/programs/[id]/")

    @task(1)
    def calendars(self):
        self.page("/calendars/")


class Office(Person):
    weight = 4
    role = "office"

    @task(3)
    def home(self):
        self.page("/home/")

    @task(2)
    def access_log(self):
        self.page("/audit/")

    @task(2)
    def programs(self):
        self.page("/programs/")

    @task(1)
    def institution(self):
        path = f"/institutions/{self.person['institution']}/"
        self.page(path, "/institutions/[id]/")

    @task(1)
    def dashboard(self):
        path = f"/support/records/dashboard/{self.pick('lines')}/"
        self.page(path, "/support/records/dashboard/[id]/")

    @task(1)
    def curriculum(self):
        self.page("/curriculum/")


class Visitor(Person):
    weight = 10

    @task(3)
    def landing(self):
        self.page("/")

    @task(1)
    def about(self):
        self.page("/about/")

    @task(1)
    def for_trainees(self):
        self.page("/for-trainees/")


class BareAnonymous(Person):
    """The yardstick each page is compared with, measured in the same run under the same load:
    one visitor opening the bare view (a view that does nothing) over and over."""

    fixed_count = 1

    @task
    def bare(self):
        self.page("/bench/bare/?as=anonymous", "/bench/bare/ (anonymous)")


class BareSignedIn(Person):
    """The same, signed in as a trainee: what signing in costs every page."""

    fixed_count = 1
    role = "trainee"

    @task
    def bare(self):
        self.page("/bench/bare/?as=signed-in", "/bench/bare/ (signed in)")
