"""The curriculum pages, used the way people use them."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nearpeer.curriculum import services
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from tests.curriculum.conftest import content

OUTLINE_TEXT = "Welcome | 10 | The agreement\nPairs | 30 | Stories\nClosing | 20"


def form_data(**changes) -> dict:
    data = {
        "title": "Hope in hard rotations",
        "summary": "Finding hope.",
        "minutes": "60",
        "goals": "Name what is hard\nNotice hope",
        "techniques": ["mindfulness"],
        "outline": OUTLINE_TEXT,
        "facilitator_guide": "Open gently.",
        "materials": "Pens.",
    }
    return {**data, **changes}


def test_the_curriculum_link_is_in_the_navigation_for_people_with_a_role(sign_in, trainee):
    page = sign_in(trainee).get(reverse("home"))
    assert reverse("curriculum:core_plan_list") in page.content.decode()


def test_a_trainee_browses_the_core_curriculum_and_filters_it(sign_in, trainee, core):
    client = sign_in(trainee)
    page = client.get(reverse("curriculum:core_plan_list"))
    assert page.status_code == 200
    assert "When you feel like an imposter" in page.content.decode()
    page = client.get(reverse("curriculum:core_plan_list"), {"audience": "graduate"})
    assert "Sleep, shifts and rest" not in page.content.decode()
    assert "Being a friend to yourself" in page.content.decode()


def test_the_plan_page_shows_the_outline_with_minutes_and_the_guide(sign_in, trainee, core):
    plan = core["grief-and-loss"]
    page = sign_in(trainee).get(reverse("curriculum:core_plan_detail", args=[plan.pk]))
    text = page.content.decode()
    assert "Sharing circle" in text and "<td>30</td>" in text
    assert "988" in text
    assert "Publish a new version" not in text and "Make a copy" not in text


def test_the_office_publishes_a_new_version_from_the_form(sign_in, office_admin, core):
    plan = core["gratitude"]
    url = reverse("curriculum:core_plan_publish", args=[plan.pk])
    client = sign_in(office_admin)
    assert "Three good things | 12 |" in client.get(url).content.decode()
    response = client.post(url, form_data(title="Noticing what goes right, revised"))
    new = SessionPlan.objects.get(key="gratitude", version=2)
    assert response.status_code == 302 and response.url == reverse(
        "curriculum:core_plan_detail", args=[new.pk]
    )
    assert new.goals == ["Name what is hard", "Notice hope"]


def test_the_form_explains_each_bad_outline_line_and_a_wrong_total(sign_in, office_admin):
    client = sign_in(office_admin)
    url = reverse("curriculum:core_plan_new")
    page = client.post(url, form_data(outline="Welcome | 10\nno minutes here\nPairs | x"))
    text = page.content.decode()
    assert "Line 2: write the segment as" in text
    assert "Line 3: the minutes must be a whole number" in text
    page = client.post(url, form_data(outline="Welcome | 10\nPairs | 45"))
    assert "The segments add up to 55 minutes, but the plan is 60 minutes long." in (
        page.content.decode()
    )
    assert not SessionPlan.objects.exists()


def test_a_trainee_cannot_open_the_publish_or_customize_forms(sign_in, trainee, core):
    client = sign_in(trainee)
    plan = core["gratitude"]
    assert client.get(reverse("curriculum:core_plan_new")).status_code == 403
    assert client.get(reverse("curriculum:core_plan_publish", args=[plan.pk])).status_code == 403
    assert client.post(reverse("curriculum:core_plan_customize", args=[plan.pk])).status_code == 403


def test_a_coordinator_copies_a_plan_for_their_program_and_edits_it(
    sign_in, coordinator, program, other_program, core
):
    client = sign_in(coordinator)
    url = reverse("curriculum:core_plan_customize", args=[core["boundaries"].pk])
    page = client.get(url)
    assert program.name in page.content.decode()
    assert other_program.name not in page.content.decode()
    # choosing a program they don't run is refused by the form
    assert client.post(url, {"program": other_program.pk}).status_code == 200
    assert not ProgramPlan.objects.exists()

    response = client.post(url, {"program": program.pk})
    copy = ProgramPlan.objects.get()
    assert response.url == reverse("curriculum:program_plan_edit", args=[copy.pk])
    response = client.post(response.url, form_data(title="Boundaries on call"))
    copy.refresh_from_db()
    assert copy.title == "Boundaries on call" and copy.updated_by == coordinator


def test_a_newer_core_version_is_flagged_and_taken_after_seeing_the_diff(
    sign_in, coordinator, office_admin, program, ridgeview, core
):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["feedback"]
    )
    data = {**services.plan_content(core["feedback"]), "materials": "New cards."}
    services.session_plan_publish(by=office_admin, institution=ridgeview, key="feedback", **data)
    client = sign_in(coordinator)

    listing = client.get(reverse("curriculum:program_plan_list", args=[program.pk])).content
    assert b"Newer core version available (v2)" in listing
    assert b"Take the newer version" in listing

    url = reverse("curriculum:program_plan_take_newer", args=[copy.pk])
    preview = client.get(url).content.decode()
    assert "New cards." in preview and "Take version 2" in preview
    copy.refresh_from_db()
    assert copy.based_on.version == 1  # looking changes nothing

    client.post(url)
    copy.refresh_from_db()
    assert (copy.based_on.version, copy.materials) == (2, "New cards.")


def test_the_diff_page_shows_changed_fields_side_by_side(sign_in, coordinator, program, core):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["belonging"]
    )
    services.program_plan_update(by=coordinator, plan=copy, title="Belonging in our program")
    page = sign_in(coordinator).get(reverse("curriculum:program_plan_diff", args=[copy.pk]))
    text = page.content.decode()
    assert 'class="diff-changed"' in text
    assert "Finding belonging" in text and "Belonging in our program" in text


def test_a_facilitator_proposes_and_the_office_asks_for_changes(
    sign_in, client, facilitator, office_admin, program
):
    data = {**form_data(title="Rest after nights"), "program": program.pk}
    response = sign_in(facilitator).post(reverse("curriculum:proposal_new"), data)
    proposal = Proposal.objects.get()
    assert response.url == reverse("curriculum:proposal_detail", args=[proposal.pk])

    office = sign_in(office_admin)
    review = reverse("curriculum:proposal_review", args=[proposal.pk])
    refused = office.post(review, {"decision": "changes_requested", "comment": ""})
    assert refused.status_code == 400
    assert "Please tell the proposer why" in refused.content.decode()
    office.post(review, {"decision": "changes_requested", "comment": "Add a pause."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CHANGES_REQUESTED

    facilitator_client = sign_in(facilitator)
    detail = facilitator_client.get(reverse("curriculum:proposal_detail", args=[proposal.pk]))
    assert "Add a pause." in detail.content.decode()
    facilitator_client.post(
        reverse("curriculum:proposal_resubmit", args=[proposal.pk]),
        form_data(title="Rest after nights", materials="Pens and a timer."),
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_trainee_cannot_open_the_proposal_form(sign_in, trainee):
    assert sign_in(trainee).get(reverse("curriculum:proposal_new")).status_code == 403


# --- query counts ------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_use_the_same_number_of_queries_however_many_plans(
    sign_in, office_admin, coordinator, facilitator, program, ridgeview, core
):
    client = sign_in(office_admin)
    urls = [
        reverse("curriculum:core_plan_list"),
        reverse("curriculum:program_plan_list", args=[program.pk]),
        reverse("curriculum:proposal_list"),
    ]
    services.program_plan_customize(by=coordinator, program=program, session_plan=core["feedback"])
    services.proposal_submit(by=facilitator, program=program, **content())
    for url in urls:  # the first request also loads the session and the navigation's roles
        client.get(url)
    before = [queries(client, url) for url in urls]

    for key in ("gratitude", "belonging", "boundaries", "uncertainty"):
        services.program_plan_customize(by=coordinator, program=program, session_plan=core[key])
        data = services.plan_content(core[key])
        services.session_plan_publish(by=office_admin, institution=ridgeview, key=key, **data)
        services.session_plan_publish(
            by=office_admin, institution=ridgeview, **content(title=f"Extra {key}")
        )
        services.proposal_submit(by=facilitator, program=program, **content(title=key))

    assert [queries(client, url) for url in urls] == before


def test_every_page_opens_for_the_people_it_is_for(
    sign_in, client, office_admin, coordinator, facilitator, program, core
):
    copy = services.program_plan_customize(
        by=coordinator, program=program, session_plan=core["gratitude"]
    )
    proposal = services.proposal_submit(by=facilitator, program=program, **content())
    pages = {
        office_admin: [
            reverse("curriculum:core_plan_new"),
            reverse("curriculum:proposal_list"),
            reverse("curriculum:proposal_detail", args=[proposal.pk]),
        ],
        coordinator: [
            reverse("curriculum:program_plan_detail", args=[copy.pk]),
            reverse("curriculum:program_plan_edit", args=[copy.pk]),
            reverse("curriculum:program_plan_take_newer", args=[copy.pk]),
        ],
        facilitator: [
            reverse("curriculum:proposal_new"),
            reverse("curriculum:program_plan_list", args=[program.pk]),
            reverse("curriculum:program_plan_diff", args=[copy.pk]),
        ],
    }
    for person, urls in pages.items():
        signed_in = sign_in(person)
        for url in urls:
            assert signed_in.get(url).status_code == 200, (person, url)
    review_form = sign_in(office_admin).get(pages[office_admin][2]).content.decode()
    assert "Save the review" in review_form
