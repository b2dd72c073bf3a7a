"""The facilitator guide reads as formatted text (never raw HTML), and the comparison of two plans
tells a reordering from a change."""

from django.urls import reverse

from nearpeer.curriculum import services
from nearpeer.curriculum.prose import formatted
from nearpeer.curriculum.rules.outline import FieldDiff, lines_diff, plan_diff
from tests.meetings.factories import FacilitationFactory, MeetingFactory, ProgramPlanFactory

GUIDE = "Before you start:\n- Read the agreement\n- Set a timer\n\n1. Welcome\n2. Pairs\n\n<b>Bold</b> claim"


def test_a_guide_becomes_paragraphs_and_lists():
    html = formatted(GUIDE)
    assert "<ul><li>Read the agreement</li><li>Set a timer</li></ul>" in html
    assert "<ol><li>Welcome</li><li>Pairs</li></ol>" in html
    assert "<p>Before you start:</p>" in html
    assert "- Read" not in html


def test_html_in_a_guide_is_shown_as_text_never_run():
    html = formatted('<script>alert(1)</script>\n- <img src=x onerror="x()">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_the_session_page_shows_the_guide_as_a_list(sign_in, coordinator, program):
    plan = ProgramPlanFactory(program=program, facilitator_guide=GUIDE)
    meeting = MeetingFactory(series__program=program, plan=plan)
    FacilitationFactory(meeting=meeting, user=coordinator)
    page = sign_in(coordinator).get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    text = page.content.decode()
    assert "<li>Read the agreement</li>" in text
    assert "&lt;b&gt;Bold&lt;/b&gt;" in text


def test_techniques_in_another_order_are_the_same():
    left = {"techniques": ["mindfulness", "gratitude"]}
    right = {"techniques": ["gratitude", "mindfulness"]}
    techniques = next(d for d in plan_diff(left, right) if d.name == "techniques")
    assert techniques.status == "same"


def test_goals_in_another_order_are_reordered_not_changed():
    rows = lines_diff(["Rest", "Name it", "Ask"], ["Name it", "Rest", "Ask"])
    assert FieldDiff(name="goals", label="Goals", rows=rows).status == "reordered"


def test_the_diff_page_says_reordered(sign_in, coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["belonging"]
    )
    services.program_plan_update(by=coordinator, plan=copy, goals=list(reversed(copy.goals)))
    page = sign_in(coordinator).get(reverse("curriculum:program_plan_diff", args=[copy.pk]))
    text = page.content.decode()
    assert ">reordered</span>" in text
    assert 'class="diff-changed"' not in text
