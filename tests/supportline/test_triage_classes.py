"""Every class of message the rules screen must read by meaning (issue 9), written for these tests.

Each case is checked against the rules alone (rules.screen), so the rules stand on their own; the
learned screen can only raise a rating (test_triage_learned.py). None of these sentences is in the
evaluation corpus (data/triage/): they are new wordings of the same classes.
"""

import pytest

from nearpeer.supportline.triage import rules, screen

HIGH, ELEVATED, LOW = "high", "elevated", "low"

CLASSES = {
    "a plan through a means, a place or a time": [
        "I keep thinking about the insulin in my fridge and how much it would take",
        "after call I drive to the top level of the parking garage and stand at the edge",
        "I have the pills ready for after my last shelf exam on friday",
        "my roommate's handgun is in the closet and I keep taking it out",
        "I know which cabinet on the unit has the potassium and when nobody is there",
    ],
    "preparation": [
        "I wrote letters to my parents and my sister and left them in my desk",
        "asked my neighbor to take care of my dog if anything happens to me",
        "I've been giving my things away, I won't need them anymore",
        "this is my last message, thank you for trying",
    ],
    "passive wishes and finality": [
        "honestly I hope I just don't wake up tomorrow",
        "if my car slid off the road on the way home I would be relieved",
        "I won't be around much longer so it doesn't matter",
        "I feel like I'm already gone and no one has noticed",
        "I want it all to stop for good",
    ],
    "self-harm by its method": [
        "I've been burning my arm with a lighter after every exam",
        "scratching my legs until they bleed most nights",
        "hit my head against the wall until it bruised",
    ],
    "violence and present danger": [
        "I keep imagining hurting my roommate and I know when he's home alone",
        "he's banging on the door and I'm hiding in the bathroom",
        "my senior cornered me in the call room and grabbed me",
        "my husband threw me against the wall last night and I'm scared to go home",
    ],
    "wording variations": [
        "i wanna kms fr",
        "im so tired of bein here 🪦",
        "been having sucidal thoughts again",
        "want to diiie",
        "thinking about unaliving myself tbh",
        "dont see the point of waking up anymore",
    ],
    "negation with a means, place or time": [
        "I'm not going to do anything but I counted the pills again tonight",
        "not planning anything, I just keep standing on the platform edge",
        "I wouldn't, but my dad's gun is in the hall closet and I think about it",
    ],
    "risk buried in ordinary talk": [
        "Hi, second year here. Anatomy is going ok and my group is nice. I have been saving my "
        "sleeping pills in a drawer for when I can't do this anymore. Anyway, is there a mentor "
        "who did research in neuro?",
    ],
    "Spanish": [
        "ya no quiero despertar",
        "tengo las pastillas guardadas para el viernes",
        "mi novio me pega y tengo miedo de volver a casa",
        "me corto los brazos cuando estoy mal",
        "ya escribí cartas de despedida para mi familia",
    ],
    "clinical talk where the writer speaks of themselves": [
        "after my patient's overdose I realized I have enough pills at home to do the same",
        "the lecture on lethal doses made me work out how much I would need",
    ],
    "a friend in danger now": [
        "my roommate just texted me goodbye and she isn't answering her phone",
        "my friend is on the roof of the library right now and says she will jump",
    ],
}

ELEVATED_CLASSES = {
    "negation that still needs a person": [
        "I'm not going to do anything but I think about dying a lot",
        "I'm not suicidal, just really low",
        "no estoy en peligro pero pienso en la muerte",
    ],
    "distress": [
        "I feel hopeless about residency and can't stop crying",
        "I haven't slept in days and I'm a burden to everyone",
        "me siento vacía y no valgo nada",
    ],
    "a friend who worries them": [
        "my friend said she thinks about dying, how can I help her?",
    ],
}

NOT_HIGH = [
    "my patient overdosed on acetaminophen, how do I read the nomogram?",
    "we had a lecture on self-harm in adolescents today, very good",
    "planning the suicide prevention week event for our school, any speakers?",
    "how do I ask about firearms during a risk assessment without sounding scripted?",
    "I'm writing a paper on physician suicide rates for journal club",
    "a patient told me she wants to jump off a bridge, I called psych, did I do it right?",
    "this exam is killing me lol",
    "I'd kill for a coffee before rounds",
    "I'm dead tired after 28 hours of call",
    "my PI is going to murder me for missing lab meeting",
    "my roommate and I keep arguing about the dishes",
    "I cut my hand chopping onions, anyway how do I study for step?",
    "este examen me está matando",
    "me muero de sueño después de la guardia",
    "tuve una paciente con sobredosis de paracetamol, ¿cómo calculo la dosis de NAC?",
    # words that also live in risk frames, here in ordinary use
    "si vuelve a sonar el busca esta noche me da algo",  # Spanish "si" is "if", not SI
    "hicimos testamento con el notario ahora que nació la bebé",
    "último mensaje desde Madrid, mañana me mudo para la residencia",
    "me despido de este grupo, empiezo la residencia en otra ciudad",
    "reading about the interpersonal theory of suicide for my comps, quiz me?",
    "is it normal to feel flat after match day?",
    "my grant is dead in the water until the new sequencer comes",
]


def _cases(classes):
    return [(name, text) for name, texts in classes.items() for text in texts]


@pytest.mark.parametrize(("kind", "text"), _cases(CLASSES), ids=lambda v: str(v)[:40])
def test_the_rules_rate_each_high_risk_class_high(kind, text):
    result = rules.screen(text)
    assert result.risk == HIGH, (kind, result)
    assert result.reasons and result.needs_human_review


@pytest.mark.parametrize(("kind", "text"), _cases(ELEVATED_CLASSES), ids=lambda v: str(v)[:40])
def test_the_rules_rate_each_elevated_class_at_least_elevated(kind, text):
    assert rules.screen(text).risk in (ELEVATED, HIGH), kind


@pytest.mark.parametrize("text", NOT_HIGH, ids=lambda v: v[:40])
def test_clinical_talk_idioms_and_ordinary_worries_are_not_high(text):
    assert screen(text).risk != HIGH


def test_a_friend_in_danger_gives_its_own_reason():
    result = rules.screen("my roommate just texted me goodbye and she isn't answering her phone")
    assert any("someone else" in reason for reason in result.reasons)


def test_a_negation_alone_asks_for_a_person_and_a_means_makes_it_high():
    alone = rules.screen("I'm not going to do anything but I think about dying a lot")
    assert alone.risk == ELEVATED and alone.needs_human_review
    with_means = rules.screen("I'm not going to do anything but I think about my pills")
    assert with_means.risk == HIGH


def test_one_risky_sentence_in_a_long_message_is_found():
    ordinary = "Rotations are going fine and my team is kind. " * 6
    text = ordinary + "Last night I stood on the bridge for an hour. " + ordinary
    assert rules.screen(text).risk == HIGH


def test_the_issues_example_words_are_caught_alone():
    assert rules.screen("I don't see the point of waking up").risk == HIGH
    assert rules.screen("not seeing the point of waking up tbh").risk == HIGH
    assert rules.screen("nothing is worth it anymore").risk == ELEVATED


def test_a_patients_quoted_words_are_not_the_writers():
    said = 'Peds ED: a 9yo said "I wish I was dead" after school trouble. Full workup at that age?'
    assert rules.screen(said).risk != HIGH
    own = 'My patient said "I wish I was dead" and honestly I wish I was dead too.'
    assert rules.screen(own).risk == HIGH


def test_a_last_message_with_an_apology_for_everything_is_still_high():
    assert screen("this is my last message. im sorry for everything").risk == HIGH
    assert screen("ultimo mensaje. perdonenme por todo").risk == HIGH


def test_a_patients_words_in_single_quotes_are_not_the_writers():
    text = "role play for nursing students: a patient says 'I'm going to take all my pills tonight'"
    assert rules.screen(text).risk != HIGH
    own = "my patient said 'I'm fine' and I believed her. I want to sleep and never wake up"
    assert rules.screen(own).risk == HIGH


def test_signing_off_before_an_exam_is_not_a_goodbye_to_the_rules():
    # The learned screen still rates the English one high ("last message" weighs heavily in its
    # training data): a known false alarm, listed in docs/triage.md's limits.
    assert (
        rules.screen("last message before my shelf tomorrow, my phone is off until 5").risk == LOW
    )
    assert rules.screen("último mensaje antes del examen, apago el celular").risk == LOW
