"""The public pages: open to anyone, calm and kind, always pointing to crisis help, and never
showing a person's information."""

import re

import pytest
from django.urls import reverse

PUBLIC_PAGES = ["landing", "about", "faq", "for_trainees", "for_institutions"]
STIGMATIZING = ["committed suicide", "suffering from", "mentally ill", "crazy", "insane"]


def _main(response) -> str:
    """The page's own content, between <main> and </main> (not the shared header and footer)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_opens_for_an_anonymous_visitor(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_exactly_one_main_heading(client, name):
    html = client.get(reverse(name)).content.decode()

    assert len(re.findall(r"<h1[\s>]", html)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_shows_the_988_crisis_line(client, name):
    html = client.get(reverse(name)).content.decode()

    assert "call or text <strong>988</strong>" in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["landing", "about", "faq", "for_trainees"])
def test_pages_for_people_who_may_need_help_repeat_the_crisis_line_in_their_own_content(
    client, name
):
    main = _main(client.get(reverse(name)))

    assert "<strong>988</strong>" in main


@pytest.mark.django_db
def test_landing_page_explains_the_three_programs_and_offers_sign_in(client):
    main = _main(client.get(reverse("landing")))

    for words in ["Well-being sessions", "Talk to a peer", "Reflection groups"]:
        assert words in main
    assert f'href="{reverse("account_login")}"' in main
    assert "emergency" in main


@pytest.mark.django_db
def test_faq_answers_between_eight_and_twelve_questions_as_disclosures(client):
    main = _main(client.get(reverse("faq")))

    questions = re.findall(r"<details>\s*<summary>", main)
    assert 8 <= len(questions) <= 12


@pytest.mark.django_db
def test_institutions_page_says_how_to_ask_to_adopt(client):
    main = _main(client.get(reverse("for_institutions")))

    assert "mailto:adopt@nearpeer.example" in main


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_shows_no_persons_information(client, name, trainee, coordinator):
    html = client.get(reverse(name)).content.decode()

    for person in (trainee, coordinator):
        assert person.email not in html
        assert person.full_name not in html
    assert "Ridgeview" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_uses_no_inline_styles_or_scripts(client, name):
    html = client.get(reverse(name)).content.decode()

    assert " style=" not in html
    assert "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_avoids_stigmatizing_words(client, name):
    text = client.get(reverse(name)).content.decode().lower()

    for words in STIGMATIZING:
        assert words not in text


def test_signed_in_person_visiting_the_front_page_goes_to_their_home(sign_in, trainee):
    response = sign_in(trainee).get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("name", ["about", "faq", "for_trainees", "for_institutions"])
def test_outsider_signed_in_reads_public_pages_without_seeing_another_institution(
    sign_in, outsider, trainee, coordinator, name
):
    html = sign_in(outsider).get(reverse(name)).content.decode()

    assert "Ridgeview" not in html
    assert trainee.email not in html
    assert coordinator.email not in html


@pytest.mark.django_db
def test_bench_only_view_does_not_exist_unless_the_bench_turns_it_on(client):
    response = client.get("/bench/bare/")

    assert response.status_code == 404


def test_outsider_finds_no_bench_view_either(sign_in, outsider):
    response = sign_in(outsider).get("/bench/bare/")

    assert response.status_code == 404
