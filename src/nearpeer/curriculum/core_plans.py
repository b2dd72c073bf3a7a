"""The core curriculum nearpeer ships: peer-led well-being sessions for medical students,
residents, fellows and graduate students. Plain data, written for nearpeer; an institution's
well-being office installs it (``core_curriculum_install``) and then changes it as it likes.

Every plan's outline adds up exactly to its minutes. ``CARE`` is added to every facilitator guide:
how to look after the group and when to bring in professional help.
"""

PP = "positive_psychology"
MF = "mindfulness"
CB = "cognitive_behavioural"

MEDICAL_SCHOOL = "medical_school"
RESIDENCY = "residency"
FELLOWSHIP = "fellowship"
GRADUATE = "graduate"

CARE = """
Looking after the group
- Open by reading the group agreement aloud: what is said here stays here (with the one exception
  below), speak for yourself, passing is always fine, and nobody is asked to share more than they
  want to. You are a peer, not a therapist: your job is to hold the space, not to fix anyone.
- Hold space by listening more than you talk. Reflect back what you hear ("It sounds like that
  week really wore you down"), thank people for sharing, and let silence do some of the work.
  Gently steer away from advice-giving and from comparing whose situation is worse.
- If someone becomes upset, slow down. Acknowledge it kindly ("Thank you for trusting us with
  that"), offer a pause or a glass of water, and let them choose whether to go on. Your
  co-facilitator can step outside with them if they would like that. Afterwards, check in
  with them privately.

When to bring in professional help
- If anyone speaks of wanting to die, of hurting themselves or someone else, or seems unsafe,
  the confidentiality agreement gives way to safety. Stay with them, stay calm, and contact
  your wellness advisor or faculty advisor at once. In the US, call or text 988 (Suicide &
  Crisis Lifeline) together; if there is immediate danger, call the local emergency number.
- If someone describes weeks of low mood, exhaustion that does not lift, panic, heavy drinking,
  or harassment or mistreatment, speak with them privately after the session and offer the
  institution's counseling service and the support line. Offer to help them make the first
  contact. Let your advisor know you made a referral (no details are needed).
- End every session by naming where support is: the support line, counseling, and 988.
""".strip()


CORE_PLANS: list[dict] = [
    {
        "key": "imposter-feelings",
        "title": "When you feel like an imposter",
        "summary": (
            "Many capable trainees quietly believe they got in by mistake and will soon be found "
            "out. This session names that feeling, shows how common it is, and practises kinder, "
            "more accurate ways to think about our own abilities."
        ),
        "goals": [
            "Recognise imposter feelings and how common they are among trainees",
            "Notice the thinking habits that keep the feeling going",
            "Practise weighing the evidence about our own abilities fairly",
            "Leave with one small step for the next time the feeling shows up",
        ],
        "techniques": [CB, PP],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions, the agreement, what today is about.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "One word for how your week has been, and one moment you felt out of place.",
            },
            {
                "title": "What imposter feelings are",
                "minutes": 10,
                "detail": "A short talk: common signs, who feels them (almost everyone), why training makes them louder.",
            },
            {
                "title": "Thought record in pairs",
                "minutes": 15,
                "detail": "Take one 'I don't belong here' thought; list evidence for and against; write a more balanced thought.",
            },
            {
                "title": "Group reflection",
                "minutes": 12,
                "detail": "What surprised you? What would you say to a friend who felt this way?",
            },
            {
                "title": "One small step and closing",
                "minutes": 8,
                "detail": "Each person names one step; remind everyone where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: share a short, true moment when you felt like an imposter yourself. It "
            "gives everyone permission to be honest. Keep it brief and hopeful.\n"
            "During the thought record, walk around and help pairs find concrete evidence "
            "(grades, kind words from a patient, a skill they have learned). Avoid arguing "
            "people out of their feelings: the aim is a fairer view, not forced positivity.\n"
            "Some trainees, especially those who are first in their family in medicine or from "
            "groups under-represented in it, may also be facing real exclusion. Acknowledge that "
            "not every doubt comes from inside: some comes from how they are treated."
        ),
        "materials": "Printed thought-record sheets (one per person), pens, a timer.",
        "audience": [],
    },
    {
        "key": "uncertainty",
        "title": "Living with uncertainty",
        "summary": (
            "Clinical and research work is full of not knowing: unclear diagnoses, experiments "
            "that fail, decisions made with half the information. This session explores how "
            "uncertainty feels in the body and mind, and practises ways to stay steady in it."
        ),
        "goals": [
            "Describe how uncertainty shows up in our training and in our bodies",
            "Tell apart what we can influence from what we cannot",
            "Practise a short grounding exercise to use before a hard decision",
        ],
        "techniques": [MF, CB],
        "minutes": 75,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "A recent moment when you did not know what to do, and how it felt.",
            },
            {
                "title": "Noticing uncertainty in the body",
                "minutes": 10,
                "detail": "A guided body scan while recalling that moment; name where tension sits.",
            },
            {
                "title": "Circles of influence",
                "minutes": 20,
                "detail": "Small groups sort worries into 'can influence', 'can partly influence', 'cannot influence'.",
            },
            {
                "title": "Grounding practice",
                "minutes": 10,
                "detail": "Learn the 'feet, breath, next step' exercise; practise it twice.",
            },
            {
                "title": "Group reflection",
                "minutes": 12,
                "detail": "How do senior colleagues live with not knowing? What helps you?",
            },
            {
                "title": "Closing",
                "minutes": 8,
                "detail": "One thing to try this month; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: say plainly that uncertainty is part of the work, not a sign of being bad at "
            "it. Invite people to keep their eyes open during the body scan if they prefer.\n"
            "During the circles exercise, some worries (a patient who died, a project that may be "
            "cut) can be heavy. Let people choose lighter examples if they wish.\n"
            "If the talk turns to fear of a specific mistake that may have harmed someone, offer "
            "to talk privately afterwards and mention the session 'After a mistake'."
        ),
        "materials": "Sticky notes in three colours, a large sheet with three circles, pens.",
        "audience": [],
    },
    {
        "key": "self-compassion",
        "title": "Being a friend to yourself",
        "summary": (
            "Most of us speak to ourselves far more harshly than we would ever speak to a friend. "
            "This session introduces self-compassion (kindness, common humanity and mindful "
            "awareness) and why it helps us learn rather than making us complacent."
        ),
        "goals": [
            "Notice the tone of our inner voice after a setback",
            "Learn the three parts of self-compassion",
            "Practise a short self-compassion break",
        ],
        "techniques": [MF, PP],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 8,
                "detail": "Something you were hard on yourself about lately (as much or as little as you like).",
            },
            {
                "title": "How would you treat a friend?",
                "minutes": 12,
                "detail": "Write what you would say to a friend in your situation, then what you said to yourself. Compare.",
            },
            {
                "title": "The three parts of self-compassion",
                "minutes": 10,
                "detail": "Kindness, common humanity, mindful awareness; the myth that self-criticism drives excellence.",
            },
            {
                "title": "Self-compassion break",
                "minutes": 10,
                "detail": "A guided practice: 'This is hard. Others feel this too. May I be kind to myself.'",
            },
            {
                "title": "Group reflection",
                "minutes": 10,
                "detail": "What felt natural, what felt awkward, and why.",
            },
            {
                "title": "Closing",
                "minutes": 5,
                "detail": "One phrase to take with you; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: many high achievers worry that being kind to themselves will make them "
            "lazy. Name this early and say you will come back to it.\n"
            "The written exercise can bring up painful self-talk. Nobody has to read theirs aloud; "
            "invite people to share only what they noticed.\n"
            "Some people find compassion practices bring up grief or old hurt. That is a normal "
            "response: slow down and offer to keep eyes open or simply listen."
        ),
        "materials": "Paper and pens, a quiet room, the self-compassion break script.",
        "audience": [],
    },
    {
        "key": "gratitude",
        "title": "Noticing what goes right",
        "summary": (
            "Training trains us to spot what is wrong, which is useful on the wards and in the lab "
            "but tiring everywhere else. This session practises noticing what goes right, through "
            "gratitude and savouring, without pretending the hard things are not there."
        ),
        "goals": [
            "Understand why our minds lean towards the negative, and why that is normal",
            "Practise the 'three good things' exercise",
            "Write (and perhaps send) a short thank-you note",
        ],
        "techniques": [PP],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 8,
                "detail": "One small good thing from this week, however tiny.",
            },
            {
                "title": "Why we notice the bad first",
                "minutes": 7,
                "detail": "A short talk on negativity bias and how gratitude practices help.",
            },
            {
                "title": "Three good things",
                "minutes": 12,
                "detail": "Write three things that went well recently and what part you played in each.",
            },
            {
                "title": "A thank-you note",
                "minutes": 15,
                "detail": "Write to a patient, colleague, teacher or friend who helped you; decide whether to send it.",
            },
            {
                "title": "Group reflection",
                "minutes": 8,
                "detail": "How did it feel to write? Who came to mind?",
            },
            {
                "title": "Closing",
                "minutes": 5,
                "detail": "Try three good things for one week; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: make clear that gratitude is not a demand to feel happy. Someone going "
            "through a hard time is welcome to notice both the hard and the good.\n"
            "If a person cannot think of anything good, do not push. Offer very small examples "
            "(a warm drink, a kind nurse) and let them listen.\n"
            "Thank-you notes sometimes go to people who have died. Treat this gently; the note "
            "can be kept rather than sent."
        ),
        "materials": "Cards and envelopes, pens, a short handout on three good things.",
        "audience": [],
    },
    {
        "key": "burnout-compassion-fatigue",
        "title": "Burnout and compassion fatigue",
        "summary": (
            "Burnout is a response to chronic stress at work, not a personal failing. This session "
            "describes burnout and compassion fatigue, helps each person take stock of what drains "
            "and what restores them, and looks at what can change in our own work and in the "
            "system around it."
        ),
        "goals": [
            "Describe burnout and compassion fatigue and how they differ from ordinary tiredness",
            "Take stock of what drains and what restores us",
            "Make one realistic plan for recovery time",
            "Name one change worth raising with the program",
        ],
        "techniques": [CB, PP, MF],
        "minutes": 90,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "Your energy today on a scale from empty to full, in a word or a number.",
            },
            {
                "title": "What burnout is (and is not)",
                "minutes": 15,
                "detail": "Exhaustion, distance from the work, feeling ineffective; compassion fatigue; why systems matter.",
            },
            {
                "title": "Drains and fills",
                "minutes": 15,
                "detail": "Each person lists what drains and what restores them at work and outside it.",
            },
            {
                "title": "Short breathing pause",
                "minutes": 5,
                "detail": "A five-minute guided breathing practice.",
            },
            {
                "title": "Small groups: what could change?",
                "minutes": 20,
                "detail": "Sort drains into 'mine to change', 'ours to change', 'the system's to change'.",
            },
            {
                "title": "Recovery plan",
                "minutes": 10,
                "detail": "Write one realistic recovery plan for the next two weeks.",
            },
            {
                "title": "Closing",
                "minutes": 10,
                "detail": "Share one plan, gather ideas for the program, and name where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: say clearly that burnout reflects the conditions of training, not weakness, "
            "and that this session is not about 'more resilience' as a cure for overwork.\n"
            "Collect the 'system' ideas anonymously and pass them to the program, if the group "
            "agrees. People feel heard when something happens with what they said.\n"
            "Burnout and depression overlap. If someone describes feeling hopeless, unable to "
            "enjoy anything, or like a burden, speak with them privately and offer counseling."
        ),
        "materials": "Drains-and-fills worksheet, sticky notes, a box for anonymous ideas, pens.",
        "audience": [],
    },
    {
        "key": "boundaries",
        "title": "Boundaries that protect your care",
        "summary": (
            "Saying yes to everything can feel like the only way to be a good trainee. This "
            "session looks at the boundaries that let us keep caring well: around time, rest, "
            "messages and emotional load, and practises saying no kindly and clearly."
        ),
        "goals": [
            "Notice where our limits are being crossed, often by ourselves",
            "Tell apart flexible boundaries from ones that protect our health",
            "Practise a kind, clear way of saying no or not now",
        ],
        "techniques": [CB, PP],
        "minutes": 75,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "Something you said yes to lately that you wish you had not.",
            },
            {
                "title": "What boundaries are for",
                "minutes": 10,
                "detail": "Boundaries as care for patients and ourselves; the hidden rules of training that make them hard.",
            },
            {
                "title": "My boundary map",
                "minutes": 15,
                "detail": "Map time, messages, sleep and emotional load; mark what is firm and what is flexible.",
            },
            {
                "title": "Saying no, in pairs",
                "minutes": 20,
                "detail": "Role-play asking for help, declining an extra task, and not answering messages on a day off.",
            },
            {
                "title": "Group reflection",
                "minutes": 10,
                "detail": "What made saying no harder or easier? What is in our power, and what is not?",
            },
            {
                "title": "Closing",
                "minutes": 5,
                "detail": "One boundary to try this month; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: acknowledge the real power differences in training. A trainee cannot always "
            "say no to an attending or supervisor; this session is about the choices we do have.\n"
            "In role-plays, let people choose their scenario and play either side. Keep the tone "
            "light and stop a role-play that becomes distressing.\n"
            "If someone describes being pressured into unsafe hours, mistreatment or harassment, "
            "thank them, and afterwards share the institution's reporting and support options."
        ),
        "materials": "Boundary-map worksheet, role-play cards, pens.",
        "audience": [],
    },
    {
        "key": "feedback",
        "title": "Giving and receiving feedback",
        "summary": (
            "Feedback is how we grow, and it can also sting. This session looks at why critical "
            "feedback feels so personal, practises receiving it without collapsing or defending, "
            "and practises giving feedback that is specific, kind and useful."
        ),
        "goals": [
            "Understand why feedback can feel like a threat",
            "Practise a steady way to receive critical feedback",
            "Practise giving specific, kind feedback to a peer",
        ],
        "techniques": [CB, MF],
        "minutes": 75,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "The most useful feedback you ever received, and how it was given.",
            },
            {
                "title": "Why feedback stings",
                "minutes": 10,
                "detail": "Threat responses, the inner critic, and separating the feedback from our worth.",
            },
            {
                "title": "Receiving: pause, get curious, choose",
                "minutes": 15,
                "detail": "Practise a short pause and clarifying questions with example feedback.",
            },
            {
                "title": "Giving: specific, kind, useful",
                "minutes": 20,
                "detail": "In threes, give feedback on a made-up case using observation, impact and a suggestion.",
            },
            {
                "title": "Group reflection",
                "minutes": 10,
                "detail": "What will you do differently next time feedback comes your way?",
            },
            {"title": "Closing", "minutes": 5, "detail": "One thing to try; where support is."},
        ],
        "facilitator_guide": (
            "Opening: use made-up cases, not real colleagues, so nobody feels discussed.\n"
            "Some trainees have received feedback that was cruel, biased or public. Acknowledge "
            "that this is not how feedback should be given, and that it is not their fault.\n"
            "If a trainee is struggling with a formal remediation or evaluation, offer to connect "
            "them privately with their faculty advisor and counseling."
        ),
        "materials": "Example feedback cards, made-up case descriptions, pens.",
        "audience": [],
    },
    {
        "key": "grief-and-loss",
        "title": "Grief and loss in training",
        "summary": (
            "Trainees meet loss often: patients who die, research subjects, family members lost "
            "while far from home, and quieter losses such as time, plans and old identities. "
            "This session makes room to name these losses and to look after ourselves and each "
            "other through them."
        ),
        "goals": [
            "Make room to name the losses we carry in training",
            "Understand grief as a normal response, with no right way to do it",
            "Learn simple ways to mark a loss and to support a grieving colleague",
        ],
        "techniques": [MF, PP],
        "minutes": 90,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 10,
                "detail": "A slower opening: the agreement, and that anyone may step out at any time.",
            },
            {"title": "Grounding", "minutes": 5, "detail": "A short breathing practice to arrive."},
            {
                "title": "The losses of training",
                "minutes": 10,
                "detail": "A short talk: patient deaths, personal loss, lost time and plans, disenfranchised grief.",
            },
            {
                "title": "Sharing circle",
                "minutes": 30,
                "detail": "Those who wish share a loss they carry; others listen without advice.",
            },
            {
                "title": "Marking a loss",
                "minutes": 15,
                "detail": "Ideas for small rituals: a pause after a death, a note, a moment of silence on the team.",
            },
            {
                "title": "Supporting a colleague",
                "minutes": 10,
                "detail": "What helps and what does not; simple words to use.",
            },
            {
                "title": "Closing",
                "minutes": 10,
                "detail": "A moment of silence; a grounding practice; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: this is the most emotional session in the curriculum. Hold it with two "
            "facilitators, one of them a wellness advisor if possible. Tell the group that tears "
            "are welcome and that stepping out is fine.\n"
            "In the sharing circle, go around only if people want that; otherwise invite sharing "
            "in any order and allow silence. Do not try to make a loss smaller or find a lesson "
            "in it.\n"
            "A recent death of a patient or someone close can bring intense feelings. Check in "
            "privately afterwards with anyone who was deeply moved, and offer counseling and "
            "bereavement support. Leave time at the end so no one leaves in the middle of tears."
        ),
        "materials": "Tissues, a candle or a small object for the centre (optional), water, cards for notes.",
        "audience": [],
    },
    {
        "key": "sleep-and-shifts",
        "title": "Sleep, shifts and rest",
        "summary": (
            "Night shifts, long calls and early starts make good sleep hard. This session shares "
            "practical ways to protect sleep and rest around shift work, and challenges the "
            "unhelpful beliefs that keep us from resting when we can."
        ),
        "goals": [
            "Understand how shift work affects sleep and mood",
            "Notice unhelpful beliefs about rest",
            "Build a realistic personal plan for nights and recovery days",
        ],
        "techniques": [CB, MF],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 8,
                "detail": "How did you sleep last night? No judgement.",
            },
            {
                "title": "How shifts affect sleep",
                "minutes": 10,
                "detail": "Body clocks, sleep debt, naps, light and caffeine, in plain words.",
            },
            {
                "title": "Beliefs about rest",
                "minutes": 12,
                "detail": "Spot and rework thoughts like 'Resting means I'm falling behind'.",
            },
            {
                "title": "My shift plan",
                "minutes": 15,
                "detail": "Plan the days before, during and after a run of nights, including a wind-down routine.",
            },
            {
                "title": "Wind-down practice",
                "minutes": 5,
                "detail": "A short guided relaxation for after a shift.",
            },
            {"title": "Closing", "minutes": 5, "detail": "One change to try; where support is."},
        ],
        "facilitator_guide": (
            "Opening: keep this practical and free of shame. Nobody in training sleeps perfectly.\n"
            "Do not give medical advice about sleep medicines; suggest talking to a doctor.\n"
            "Driving home drowsy after nights is a real danger: mention safe options (a nap first, "
            "a ride, public transport) and the program's policies. If someone describes long-term "
            "insomnia, nightmares or low mood, offer counseling or occupational health."
        ),
        "materials": "Shift-plan worksheet, pens, the wind-down script.",
        "audience": [RESIDENCY, FELLOWSHIP],
    },
    {
        "key": "belonging",
        "title": "Finding belonging",
        "summary": (
            "Feeling that we belong in our program helps us learn, speak up and stay well. This "
            "session explores what belonging means, what gets in its way, and small ways each of "
            "us can help others feel welcome."
        ),
        "goals": [
            "Share what helps and what hinders belonging in our program",
            "Recognise that many people feel like outsiders at some point",
            "Commit to one small act that helps someone else feel welcome",
        ],
        "techniques": [PP, CB],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 10,
                "detail": "A place or group where you feel you truly belong.",
            },
            {
                "title": "Belonging stories",
                "minutes": 15,
                "detail": "In pairs: a time you felt welcomed, and a time you felt left out.",
            },
            {
                "title": "What helps, what hinders",
                "minutes": 15,
                "detail": "As a group, gather what makes belonging easier or harder in this program.",
            },
            {
                "title": "Small acts of welcome",
                "minutes": 10,
                "detail": "Ideas for everyday welcome: names, invitations, credit, checking in.",
            },
            {
                "title": "Closing",
                "minutes": 5,
                "detail": "One act of welcome to try; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: be aware that belonging is shaped by race, gender, disability, sexuality, "
            "class, religion and more. Make room for people to name exclusion without having to "
            "prove it, and never ask anyone to speak for a whole group.\n"
            "If someone describes discrimination or harassment, thank them, and afterwards share "
            "the institution's reporting options and support services.\n"
            "With the group's agreement, pass anonymous ideas on what hinders belonging to the "
            "program."
        ),
        "materials": "Large paper and markers, sticky notes.",
        "audience": [],
    },
    {
        "key": "after-a-mistake",
        "title": "After a mistake",
        "summary": (
            "Everyone who cares for patients or runs experiments will make mistakes. This session "
            "talks about the shame and fear that can follow, how to learn from an error without "
            "punishing ourselves, and how to support a colleague after one."
        ),
        "goals": [
            "Talk openly about the feelings that follow a mistake",
            "Tell apart responsibility and learning from shame",
            "Know how to support a colleague after an error",
        ],
        "techniques": [CB, MF, PP],
        "minutes": 75,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement; no details that could identify a patient.",
            },
            {"title": "Check-in", "minutes": 8, "detail": "How are you arriving today?"},
            {
                "title": "When things go wrong",
                "minutes": 12,
                "detail": "A short talk: common reactions after errors, the 'second victim' experience, just culture.",
            },
            {
                "title": "Guilt, shame and learning",
                "minutes": 15,
                "detail": "Work through a made-up case: separate what happened, what I can learn, and what I tell myself.",
            },
            {
                "title": "A compassionate pause",
                "minutes": 10,
                "detail": "A short practice for the hours after a mistake.",
            },
            {
                "title": "Supporting a colleague",
                "minutes": 15,
                "detail": "In pairs, practise what to say to a colleague after an error.",
            },
            {
                "title": "Closing",
                "minutes": 10,
                "detail": "What you will remember; where support is, including peer support after adverse events.",
            },
        ],
        "facilitator_guide": (
            "Opening: ask everyone not to share details that could identify a patient or a "
            "colleague, and remind people that this is not a place for formal case review.\n"
            "Some people carry a serious error. Listen, do not judge, and do not reassure that "
            "'it wasn't your fault' if you do not know. Say instead that they deserve support.\n"
            "After a serious event, trainees are at higher risk of distress. Check in privately "
            "with anyone who seems shaken, and offer counseling and any peer support program for "
            "adverse events."
        ),
        "materials": "A made-up case on a handout, pens.",
        "audience": [MEDICAL_SCHOOL, RESIDENCY, FELLOWSHIP],
    },
    {
        "key": "values-and-meaning",
        "title": "Remembering why you came",
        "summary": (
            "Long days can bury the reasons we chose this path. This session reconnects with "
            "personal values and meaning in the work, and looks for small ways to live them "
            "even during the hardest rotations or research years."
        ),
        "goals": [
            "Name the values that brought us into this work",
            "Notice moments this month when we lived those values",
            "Choose one small way to act on a value in the weeks ahead",
        ],
        "techniques": [PP, MF],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 8,
                "detail": "Why did you choose this path, in a sentence?",
            },
            {
                "title": "Values sort",
                "minutes": 12,
                "detail": "Pick your five most important values from a set of cards.",
            },
            {
                "title": "A meaningful moment",
                "minutes": 15,
                "detail": "In pairs, tell the story of a recent moment that felt meaningful.",
            },
            {
                "title": "Short reflection practice",
                "minutes": 7,
                "detail": "A guided reflection on what that moment says about you.",
            },
            {
                "title": "Group reflection",
                "minutes": 8,
                "detail": "Where do values and daily work meet, and where do they pull apart?",
            },
            {
                "title": "Closing",
                "minutes": 5,
                "detail": "One small values-based action; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: some people may feel they have lost touch with why they came, or are "
            "questioning whether to stay. Say that both are welcome here.\n"
            "Keep the tone curious, not preachy. Avoid holding up self-sacrifice as the ideal.\n"
            "If someone is seriously considering leaving training, or feels trapped, listen, and "
            "afterwards offer the program's advising and counseling."
        ),
        "materials": "Values cards (one set per pair), pens.",
        "audience": [],
    },
    {
        "key": "exams-and-pressure",
        "title": "Exams, evaluations and pressure",
        "summary": (
            "Board exams, qualifying exams and evaluations bring pressure that can take over "
            "everything else. This session looks at how pressure affects us, practises calming "
            "worried thinking, and helps plan study time that leaves room for rest."
        ),
        "goals": [
            "Notice how exam pressure shows up in thoughts, body and habits",
            "Practise reworking catastrophic thoughts about results",
            "Plan study time that includes rest and connection",
        ],
        "techniques": [CB, MF],
        "minutes": 60,
        "outline": [
            {
                "title": "Welcome and group agreement",
                "minutes": 5,
                "detail": "Introductions and the agreement.",
            },
            {
                "title": "Check-in",
                "minutes": 8,
                "detail": "What exam or evaluation is on your mind, if any?",
            },
            {
                "title": "Pressure in the body and mind",
                "minutes": 10,
                "detail": "A short talk on stress and performance; a quick body check.",
            },
            {
                "title": "Reworking 'what if' thoughts",
                "minutes": 15,
                "detail": "Follow a worst-case thought to its end, then find a more likely and more helpful one.",
            },
            {
                "title": "A balanced study week",
                "minutes": 12,
                "detail": "Sketch a week that includes study, sleep, movement and people.",
            },
            {
                "title": "Closing",
                "minutes": 10,
                "detail": "A short breathing practice for the exam day; where support is.",
            },
        ],
        "facilitator_guide": (
            "Opening: avoid comparing scores or study hours; they tend to raise everyone's worry.\n"
            "Some trainees carry high stakes (a visa, a family's hopes, a second attempt). "
            "Acknowledge that pressure is real, not imagined.\n"
            "If someone describes panic attacks, not sleeping for days, or hopelessness about "
            "failing, speak with them privately and offer counseling and academic support."
        ),
        "materials": "Thought worksheet, a blank weekly planner per person, pens.",
        "audience": [MEDICAL_SCHOOL, GRADUATE, RESIDENCY, FELLOWSHIP],
    },
]


def guide_with_care(guide: str) -> str:
    """A plan's own guide followed by the shared care and referral guidance."""
    return f"{guide}\n\n{CARE}"
