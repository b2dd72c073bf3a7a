"""The support line's triage lexicon: the phrases, idioms, negation words, typo tables and chat
abbreviations that nearpeer.supportline.triage reads text with. Plain data, no Django import; see
docs/triage.md ("Adding a phrase") for how to add to it.

Phrases are regular expressions over the normalized text: lower-case ASCII words separated by
single spaces, "." between clauses, no apostrophes ("dont", "im", "ive"). <name> expands to a
macro below. Never put ?, * or + straight after a letter ("hits?"): spell the forms out
("hit|hits"), because anchor words are read off the phrase text.
"""

from nearpeer.supportline.triage.lexicon_es import (
    CLAUSE_BREAKS_ES,
    IDIOMS_ES,
    NEGATORS_ES,
    PSEUDO_NEGATIONS_ES,
)

# (key, risk, topic, reason, phrases, review, unless)
RuleSpec = tuple[str, str, str, str, tuple[str, ...], bool, str]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


MACROS: dict[str, str] = {
    "self": r"(?:myself|my self|my own self)",
    "kill": r"(?:kill|kills|killing|killed)",
    "partner": r"(?:partner|boyfriend|bf|girlfriend|gf|husband|hubby|wife|fiance|fiancee|ex|"
    r"spouse|date)",
    "family": r"(?:dad|father|stepdad|stepfather|mom|mum|mother|stepmom|stepmother|parent|"
    r"parents|brother|sister|uncle|aunt|cousin|roommate|landlord|family)",
    "hitverb": r"(?:hit|hits|hitting|beat|beats|beating|punch|punches|punched|punching|slap|"
    r"slaps|slapped|kick|kicks|kicked|kicking|choke|chokes|choked|choking|strangle|strangles|"
    r"strangled|strangling|shove|shoves|shoved|push|pushes|pushed|grab|grabs|grabbed|burn|"
    r"burns|burned|burnt|bite|bites|bit|attack|attacks|attacked|abuse|abuses|abused|abusing|"
    r"rape|rapes|raped|assault|assaults|assaulted|threaten|threatens|threatened|threatening|"
    r"stalk|stalks|stalked|stalking|hurts|hurting|strikes|smacked|smacks)",
    "harmverb": r"(?:kill|killing|hurt|hurting|stab|stabbing|shoot|shooting|strangle|"
    r"strangling|choke|choking|beat up|beating up|attack|attacking|murder|murdering|poison|"
    r"poisoning)",
    "others": r"(?:him|her|them|someone|somebody|people|everyone|everybody|my (?:<partner>|"
    r"<family>|boss|attending|resident|professor|prof|teacher|classmate|classmates|friend|"
    r"friends|coworker|colleague))",
    "intend": r"(?:want|wanna|wanted|going|gonna|plan|planning|planned|thinking about|"
    r"thought about|thoughts of|thinking of|urge|urges|tempted|fantasize about|"
    r"fantasizing about|about)",
    "neg": r"(?:dont|do not|no longer|cant|cannot)",
}
_SUBJECT = r"(?:he|hes|she|shes|they|theyre|someone|somebody|my <partner>|my <family>|<partner>)"
_PARTNER_SUBJECT = r"(?:my <partner>|<partner>)"

HIGH_RULES: tuple[RuleSpec, ...] = (
    (
        "suicide",
        "high",
        "suicide",
        "mentions suicidal thoughts",
        (r"suicidal", r"suicidality", r"sewerslide", r"sewer slide"),
        False,
        "",
    ),
    (
        "end-life",
        "high",
        "ending their life",
        "mentions ending their life",
        (
            r"<kill> <self>",
            r"(?:end|ending|ended|take|taking|took) (?:my|my own) life",
            r"(?:end|ending) it all",
            r"(?:end|ending) it (?:tonight|today|now|soon|for good)",
            r"(?:hang|hanging|shoot|shooting|drown|drowning|off|offing) <self>",
            r"(?:want to|wanna|wanted to|wanting to|wish to|ready to|need to|just want to) die",
            r"(?:want|wanna|wish) i (?:was|were) dead",
            r"(?:want|wanna|wish) to be dead",
            r"better off dead",
            r"(?:would|id) rather (?:die|be dead)(?! than)",
            r"(?:wish|hope|pray) i (?:would |could )?die",
            r"(?:thinking|thoughts|thought) "
            r"(?:about|of) (?:dying|ending it|ending things|not being alive)",
            r"want (?:someone|somebody) to kill me",
            r"(?:delete|deleting) <self>",
            r"(?:unalive|unaliving) <self>",
        ),
        False,
        "",
    ),
    (
        "slang",
        "high",
        "ending their life",
        "uses slang for ending their life",
        (r"kms", r"kmsl", r"unalive", r"unaliving", r"unalived", r"ctb", r"selfdelete"),
        False,
        "end-life",
    ),
    (
        "kys",
        "high",
        "telling someone to kill themselves",
        "uses 'kys' or 'kill yourself': may be about themselves or aimed at someone",
        (r"kys", r"<kill> (?:yourself|your self)", r"go die"),
        True,
        "",
    ),
    (
        "indirect",
        "high",
        "not wanting to be alive",
        "talks indirectly about not wanting to be alive",
        (
            r"better off (?:without me|if i (?:was|were|wasnt|werent) (?:gone|dead|here|around)"
            r"|if i died)",
            r"(?:<neg>|not) (?:see|seeing) (?:the|any) point (?:in|of) (?:going on|living|life|"
            r"being alive|existing|continuing|staying alive|being here|it all|anything|waking up|"
            r"getting up|waking|tomorrow)",
            r"no point (?:in )?(?:living|going on|being alive|existing|in life)",
            r"(?:wont|will not) be (?:a problem|a burden|around|here|alive|bothering anyone|in "
            r"your way)(?: \w+){0,2} (?:much |any )?(?:longer|for long)",
            r"(?:sleep|asleep|bed) and (?:not|never) wake up",
            r"never wake up again",
            r"(?:hope|wish|want|pray)(?: \w+){0,3} (?:not|never|dont|wouldnt|wont) wake up",
            r"(?:dont|do not|never) want to wake up",
            r"sleep forever",
            r"(?:cant|cannot) (?:do this|take (?:this|it)|go on|keep going|keep doing this"
            r"|live like this|handle (?:this|it|life)|be here)(?: \w+){0,2} anymore",
            r"(?:cant|cannot) (?:go|carry) on(?! (?:a|an|the|my|to|vacation|holiday|"
            r"rotation|trip|trips|date|dates|leave)\b)",
            r"no reason (?:for me )?to (?:live|keep living|go on|stay|be here|be alive|keep going"
            r"|exist)",
            r"nothing (?:left )?to live for",
            r"not worth living",
            r"life (?:is not|isnt|aint|is no longer) worth (?:it|living)",
            r"whats the point (?:of|in) (?:living|life|being alive|going on)",
            r"tired of (?:living|being alive|life|existing|being here)",
            r"done with (?:life|living|existing|being alive|it all)",
            r"(?:want|wanna|need) (?:it all|everything|it) to (?:end|be over for good)",
            r"wish i (?:was|were|had) never (?:been )?born",
            r"wish i (?:was|were) (?:gone|not "
            r"alive|not here)",
            r"nobody would (?:care|notice|miss me) if i",
            r"no one would (?:care|notice|miss me) if i",
            r"(?:disappear|vanish) (?:forever|for good|permanently)",
            r"give up on (?:life|living)",
            r"(?:not sure|dont know|unsure) (?:if |whether |why )?i (?:want to|wanna|should) "
            r"(?:live|be alive|be here|keep living|go on)",
            r"(?:dont|do not) want to (?:live|be alive|exist|keep living|be here anymore|be "
            r"around anymore|be on this earth)",
        ),
        False,
        "",
    ),
    (
        "goodbye",
        "high",
        "saying goodbye",
        "mentions a goodbye note, saying goodbye or giving things away",
        (
            r"(?:wrote|written|writing|left|leave) (?:a|my) (?:suicide|goodbye|final|last) "
            r"(?:note|letter)",
            r"(?:wrote|written|writing|left|leave) (?:a|my) (?:note|letter|notes|letters) "
            r"(?:for|to) my (?:family|parents|mom|dad|kids|children|partner|wife|husband|sister|"
            r"brother)",
            r"suicide note",
            r"goodbye (?:note|letter|message|forever)",
            r"this is (?:my )?goodbye",
            r"(?:giving|gave|given|give) (?:away )?(?:all )?my (?:things|stuff|belongings|"
            r"possessions|cat|dog|pet|pets) away",
            r"(?:giving|gave|given) away (?:all )?my (?:things|stuff|belongings|possessions|pets)",
            r"(?:giving|gave|given) (?:away )?everything (?:away|i own)",
        ),
        False,
        "",
    ),
    (
        "means",
        "high",
        "a plan or a means",
        "mentions a plan or a means (pills, rope, weapon)",
        (
            r"(?:stockpiling|stockpile|stockpiled|saving up|saved up|hoarding|collecting|"
            r"stashing|stashed) (?:my |some |the |all |a lot of )?(?:pills|meds|medication|"
            r"medications|tablets|sleeping pills)",
            r"(?:bought|buy|buying|got|ordered|have|has) (?:a |some |the )?(?:rope|noose|gun|"
            r"firearm|pistol|rifle|poison|helium)",
            r"noose",
            r"(?:looked|looking|look|search|searched|searching|googled|googling|research|"
            r"researched|researching|read) (?:up )?(?:how many|how much|ways to die|ways to "
            r"kill|how to die|how to kill|painless ways|lethal)",
            r"how many (?:pills|tablets) (?:it takes|would|to|does it)",
            r"painless (?:way|ways) to",
            r"(?:to|gonna|wanna|almost|might|could|just|i|ill|will|about to|tried to) od",
            r"(?:i|ive|im|me|my|myself) (?:\w+ )?(?:overdose|overdosed|overdosing|oded|oding)",
            r"od (?:again|tonight)",
            r"(?:take|taking|took|swallow|swallowed) (?:all|a bunch|a lot|too many|the whole "
            r"bottle)(?: of)?(?: my| the)? (?:pills|meds|tablets|bottle)",
            r"jump (?:off|from) (?:a|the) (?:bridge|building|roof|cliff|balcony|ledge)",
            r"(?:jump|step|walk) in front of (?:a|the) (?:train|car|bus|truck|subway)",
            r"(?:crash|drive) (?:my car )?(?:into|off) (?:a|the) (?:tree|wall|bridge|cliff)",
            r"(?:made|making|have|got) a plan to (?:die|end|kill|do it)",
            r"(?:hiding|hid|keep|keeping|stash|stashing) (?:a |my |the )?(?:razor|razors|blade|"
            r"blades)",
        ),
        False,
        "",
    ),
    (
        "self-harm",
        "high",
        "self-harm",
        "mentions self-harm",
        (
            r"(?:cut|cuts|cutting|burn|burns|burning|burned|hurt|hurts|hurting|harm|harms|"
            r"harming|hit|hitting|punch|punching|scratch|scratching|starve|starving) <self>",
            r"(?:started|start|relapsed) cutting",
            r"cutting again",
            r"(?:cut|cutting|burned|burning|scratched|scratching|carved|carving) (?:again|after every"
            r"|every night|every day|every time)",
            r"(?:started|start|been|began|begun) (?:cutting|burning|scratching|carving)",
            r"(?:butterfly|steri) strips",
            r"(?:punch|punching|punched|hit|hitting|slam|slamming|slammed) (?:the |a |my )?(?:wall|"
            r"walls|concrete|mirror|locker|lockers|door|doors|steering wheel)(?! in)",
            r"relapsed on (?:cutting|self harm)",
            r"(?:relapsed|relapse|urge|urges|clean) (?:on |from |to )?sh",
            r"(?:want to|wanna) sh",
            r"sh (?:urges|urge|scars|cuts|relapse)",
        ),
        False,
        "",
    ),
    (
        "partner-violence",
        "high",
        "violence from a partner",
        "mentions being hurt by a partner",
        (
            _PARTNER_SUBJECT + r"(?: \w+){0,3} <hitverb> me",
            r"(?:was|got|been|being|getting|gets) (?:hit|beaten|punched|slapped|kicked|choked|"
            r"strangled|raped|assaulted|attacked|abused|threatened|stalked|hurt|pushed) "
            r"(?:\w+ )?by (?:my )?<partner>",
            _PARTNER_SUBJECT + r"(?: \w+){0,3} (?:is|was|has been|gets|got) (?:abusive|violent)",
            r"(?:im|i am|i was|were|been|living|stuck|trapped) (?:in )?(?:a |an )?(?:abusive|violent) "
            r"(?:relationship|marriage|home)",
        ),
        False,
        "",
    ),
    (
        "violence",
        "high",
        "violence or threats from someone",
        "mentions being hurt or threatened by someone",
        (
            _SUBJECT + r"(?: \w+){0,3} <hitverb> me",
            r"(?:was|got|been|being|getting|gets) (?:hit|beaten|punched|slapped|kicked|choked|"
            r"strangled|raped|assaulted|attacked|abused|threatened|stalked)",
            _SUBJECT + r"(?: \w+){0,3} (?:threatened|threatens|threatening|said|says|tried|tries"
            r"|going|gonna|will|is going) (?:to |\w+ )?(?:kill|hurt|hit|beat|shoot|stab) me",
            r"(?:hes|shes|theyre|he is|she is|they are|he will|she will|they will|hell|shell|"
            r"theyll) (?:\w+ )?(?:kill|hurt|hit|beat|shoot|stab) me",
            r"sexually assaulted",
            r"forced me to (?:have sex|do things|sleep with)",
            r"raped",
        ),
        False,
        "partner-violence",
    ),
    (
        "danger",
        "high",
        "being in danger",
        "says they are in danger or afraid to go home",
        (
            r"(?:afraid|scared|terrified|frightened) (?:to go|of going) (?:back )?home",
            r"(?:afraid|scared|terrified|frightened) (?:of|for) (?:him|her|them|my life|my "
            r"safety|my <partner>|my <family>)",
            r"(?:dont|do not|never) feel safe (?:at home|around him|around her|with him|with "
            r"her|in my (?:home|apartment|house))",
            r"not safe at home",
            r"(?:im|i am|i feel|i might be) (?:not safe|unsafe|in danger)(?! of)",
            r"in danger (?:right now|now|tonight)",
            r"fear for my (?:life|safety)",
            r"(?:he|she|they) (?:has|have|got|keeps) a (?:gun|knife|weapon)",
            r"(?:wont|will not|doesnt|does not) let me (?:leave|go out|out)",
            r"locked me (?:in|out)",
            r"(?:stalking|following|tracking) me",
        ),
        False,
        "",
    ),
    (
        "harm-others",
        "high",
        "harming someone else",
        "mentions wanting to harm someone else",
        (
            r"<intend> (?:to )?<harmverb> <others>(?! feelings| feeling| chances)",
            r"(?:run|running|ran) (?:him|her|them|my \w+|that \w+|the \w+) over",
            r"(?:bring|bringing|brought) a (?:gun|knife|weapon) to (?:school|class|work|campus|"
            r"the hospital)",
            r"shoot up (?:the|my) (?:school|class|hospital|campus)",
            r"(?:mass|school) shooting",
        ),
        False,
        "",
    ),
)

ELEVATED_RULES: tuple[RuleSpec, ...] = (
    (
        # Words that are as often a topic (a lecture, a patient, a study) as the writer's own: a
        # person checks; the frames and the learned screen make them high when it is the writer.
        "topic",
        "elevated",
        "an overdose, self-harm or abuse",
        "mentions an overdose, self-harm or abuse: a person should check whom it is about",
        (
            r"overdose",
            r"overdosed",
            r"overdosing",
            r"oded",
            r"lethal dose",
            r"self (?:harm|harming|harmed|injury|injuring|mutilation)",
            r"selfharm",
            r"domestic (?:violence|abuse)",
            r"(?:dating|relationship|intimate partner) (?:violence|abuse)",
            r"ipv",
            r"abusive (?:partner|relationship|<partner>)",
        ),
        True,
        "",
    ),
    (
        # The word alone is often a topic (a lecture, a loss, a study); the frames make it high
        # when the writer speaks of themselves ("thinking about suicide", one word on its own).
        "suicide-word",
        "elevated",
        "suicide",
        "mentions suicide: a person should check whom it is about",
        (r"suicide", r"suicides"),
        True,
        "",
    ),
    (
        "hopeless",
        "elevated",
        "hopelessness",
        "expresses hopelessness",
        (
            r"hopeless",
            r"no hope",
            r"lost (?:all )?hope",
            r"nothing matters",
            r"nothing (?:is|feels|seems) worth (?:it|anything|the effort)",
            r"nothing (?:ever )?(?:gets|will get) better",
            r"(?:it|things|life) will never get "
            r"better",
            r"whats the point",
            r"no way out",
            r"(?:feel|feeling|so) trapped",
            r"no future",
            r"(?:want|wanna|going|ready) to give up",
            r"giving up on everything",
        ),
        False,
        "",
    ),
    (
        "distress",
        "elevated",
        "intense distress",
        "describes intense distress",
        (
            r"(?:cant|cannot|couldnt|can not) stop crying",
            r"crying (?:all|every) (?:day|night|"
            r"the time)",
            r"panic attack",
            r"panic attacks",
            r"breaking down",
            r"falling apart",
            r"(?:cant|cannot) cope",
            r"losing my mind",
            r"(?:cant|cannot) breathe",
            r"(?:want|need) (?:the pain|it|this) to stop",
            r"make it stop",
        ),
        False,
        "",
    ),
    (
        "basic-needs",
        "elevated",
        "not eating or sleeping",
        "has not been eating or sleeping",
        (
            r"(?:havent|have not|hasnt|not|barely) (?:eaten|slept|eating|sleeping)(?: \w+){0,2} "
            r"(?:in|for) (?:days|a week|weeks)",
            r"(?:havent|have not|hasnt) (?:eaten|slept)",
            r"(?:stopped|stop) (?:eating|sleeping)",
            r"(?:cant|cannot) (?:eat|sleep) (?:at all|anymore)",
            r"not eating",
            r"not sleeping",
        ),
        False,
        "",
    ),
    (
        "worthless",
        "elevated",
        "feeling worthless",
        "feels worthless or like a burden",
        (
            r"worthless",
            r"hate <self>",
            r"(?:im|i am|i feel like) a burden",
            r"burden (?:to|on) (?:everyone|everybody|my family|my friends|others)",
            r"(?:im|i am) a (?:failure|waste)",
            r"everyone hates me",
            r"disgusted with <self>",
        ),
        False,
        "",
    ),
    (
        "alone",
        "elevated",
        "being alone",
        "feels completely alone",
        (
            r"(?:completely|totally|so|all) alone",
            r"no one cares",
            r"nobody cares",
            r"(?:have|got) no one",
            r"(?:have|got) nobody",
            r"no one to talk to",
        ),
        False,
        "",
    ),
    (
        "disappear",
        "elevated",
        "wanting to disappear",
        "wishes they could disappear",
        (
            r"(?:want|wanna|wish|wishing) (?:i could |to |i would |i could just |to just )?"
            r"(?:disappear|vanish)",
        ),
        False,
        "indirect",
    ),
    (
        "so-done",
        "elevated",
        "being done",
        "says they are 'so done': needs a person to check",
        (
            r"(?:im|i am) (?:so |just |completely |totally |literally )?done(?= \.| $| lol| tbh| "
            r"honestly| now| with everything)",
        ),
        True,
        "",
    ),
    (
        "numb",
        "elevated",
        "feeling numb",
        "feels numb or empty",
        (
            r"(?:feel|feeling|felt|im|i am) (?:so |completely |totally )?(?:numb|empty)",
            r"dead inside",
            r"feel nothing",
            r"(?:thinking|think) about death",
        ),
        False,
        "",
    ),
    (
        "control",
        "elevated",
        "controlling behaviour",
        "mentions controlling or frightening behaviour by someone close",
        (
            _SUBJECT + r"(?: \w+){0,3} (?:controls|checks|tracks|monitors|reads|takes|took) my "
            r"(?:phone|money|messages|texts|location|bank|card|cards|passport)",
            r"(?:wont|will not|doesnt|does not) let me (?:see|talk|have|go|use|spend)",
            r"(?:isolates|isolating|isolated) me",
            r"(?:yells|yelling|screams|screaming) at me",
            r"hurt me",
        ),
        True,
        "",
    ),
    (
        "substances",
        "elevated",
        "using alcohol or drugs to cope",
        "mentions using alcohol or drugs to cope",
        (
            r"(?:drinking|drink|drank) (?:\w+ )?(?:to cope|to numb|to forget|every night|alone|"
            r"myself to sleep|too much)",
            r"(?:using|taking|smoking) (?:drugs |pills |weed |something |stuff )?to (?:cope|numb|"
            r"forget)",
            r"(?:drunk|high|wasted) every (?:night|day)",
            r"blackout drunk",
        ),
        False,
        "",
    ),
    (
        "housing",
        "elevated",
        "not having a safe place to stay",
        "may not have a safe place to stay",
        (r"kicked out", r"nowhere (?:safe )?to (?:stay|go|sleep|live)", r"homeless"),
        False,
        "",
    ),
)

# Innocent idioms are blanked out before rules are tried. (pattern, replacement)
IDIOMS: tuple[tuple[str, str], ...] = IDIOMS_ES + (
    (r"(?:to )?die for (?:a|an|some|the|this|that|those|these|coffee|pizza|it)", "~"),
    (r"dying (?:to|for|of laughter|laughing)", "~"),
    (r"die of (?:embarrassment|shame|laughter|laughing|cringe|boredom|cuteness)", "~"),
    (r"(?:bored|scared|stressed|worried|freaked|tired|worked|sick) to death", "~"),
    (r"killing <self> (?:studying|working|over|at the gym|laughing)", "~"),
    (r"(?:hit|hits) me up", "~"),
    (
        r"(?:overdosed|overdosing|od|oded) on (?!(?:my|his|her|their|the|some|a|an|all|pills|meds|"
        r"tylenol|insulin|xanax|heroin|fentanyl|opioids|opiates|sleeping|benzos|\d+)\b)\w+",
        "~",
    ),
    (
        r"(?:semester|exam|exams|class|course|block|rotation|biostats|school|studying|call|week|"
        r"this|it|boards|step) (?:\w+ ){0,2}(?:is |are |was |keeps )?beating me (?:up|to a pulp)",
        "~",
    ),
    (
        r"(?:like|as if) (?:i|id|ive|i had|i was|id been|ive been) (?:been )?(?:hit|run over) by a",
        "~",
    ),
    (r"(?:threw|throw|throws|throwing) me a", "~"),
    (
        r"(?:overdosed|overdosing|od|oded|oding) on (?:coffee|caffeine|espresso|cold brew|sugar|"
        r"candy|chocolate|netflix|tiktok|anki|flashcards|uworld|questions|content|podcasts)",
        "~",
    ),
    (r"(?:beat|beats) me (?:at|to|in a)", "~"),
    (r"(?:push|pushes|pushed|pushing) me to", "~"),
    (r"(?:kick|kicks|kicked|kicking) me out", "kicked out"),
    (r"(?:shoot|shot) me (?:a|an) (?:text|message|email|dm|line|note)", "~"),
    (
        r"cut <self> (?:off|some slack|shaving|cooking|chopping|slicing|on (?:a|the)|by accident"
        r"|accidentally)",
        "~",
    ),
    (r"accidentally (?:cut|burned|burnt|hurt) <self>", "~"),
    (
        r"(?:hurt|injured) <self> (?:playing|running|skiing|lifting|working out|at the gym|at "
        r"practice|falling)",
        "~",
    ),
    (r"kill me if i (?:fail|flunk|get a|dont pass|miss|drop|quit|switch|change)", "~"),
    (r"dead in the water", "~"),
    (r"(?:hit|hits|hitting) (?:the|a) wall", "~"),
    (  # "last message before my exam": signing off for a while, not for good
        r"last (?:message|msg|text|post) (?:\w+ ){0,4}before (?:my|the|tomorrows|this|our) (?:\w+ )"
        r"{0,2}(?:exam|test|shelf|step|boards|quiz|final|finals|flight|shift|call|interview|"
        r"surgery|defense|defence|match|rotation|trip|move)",
        "~",
    ),
    (
        r"(?:wrote|write|writing) (?:a|my) note to (?:my |the )?(?:professor|prof|teacher|dean|"
        r"doctor|boss|attending|coordinator|advisor|tutor|class|team|landlord)",
        "~",
    ),
)

# Negation: a negator up to NEGATION_WINDOW words before a match, inside the same clause.
NEGATORS = (
    _wordset(
        "not no never dont didnt doesnt wont wouldnt isnt arent wasnt werent havent hasnt hadnt "
        "couldnt nor deny denies denied"
    )
    | NEGATORS_ES
)
# A negator directly followed by one of these does not negate what comes after.
PSEUDO_NEGATIONS = (
    frozenset(
        {
            ("not", "sure"),
            ("not", "only"),
            ("not", "just"),
            ("no", "one"),
            ("couldnt", "stop"),
            ("dont", "know"),
            ("no", "matter"),
        }
    )
    | PSEUDO_NEGATIONS_ES
)
CLAUSE_BREAKS = (
    _wordset(". but and so because cause though although however yet until ~") | CLAUSE_BREAKS_ES
)
NEGATION_WINDOW = 4

# Chat abbreviations, rewritten word by word before matching.
ABBREVIATIONS: dict[str, str] = {
    "u": "you",
    "ur": "your",
    "urself": "yourself",
    "ppl": "people",
    "rn": "right now",
    "idk": "i dont know",
    "idc": "i dont care",
    "bc": "because",
    "cuz": "because",
    "tho": "though",
    "imma": "im going to",
    "gotta": "got to",
    "myslf": "myself",
    "w": "with",
    "bein": "being",
    "livin": "living",
    "goin": "going",
    "nothin": "nothing",
    "wakin": "waking",
}

# Key terms that tolerate one typo (a missing, extra, swapped or wrong letter; for words of four
# letters or fewer only a missing, doubled or swapped letter).
TYPO_TERMS = (
    "suicide",
    "suicidal",
    "kill",
    "killing",
    "myself",
    "yourself",
    "overdose",
    "hopeless",
    "worthless",
    "strangled",
    "choked",
    "threatened",
    "unalive",
    "self",
    "harm",
    "die",
    "dead",
)
# Real words one edit away from a key term (checked against a US English word list): left alone.
NOT_TYPOS = _wordset(
    "ill arm ham elf billing filling killings kilning kipling milling pilling tilling willing "
    "suicides overdoes overdone overdoses homeless chocked choke choker chokes chowed coked "
    "cooked straggled strangle strangler strangles overdosed dad ide dei"
)
# Real words a swapped or dropped letter away from a concept word (normalize._slip_map): left alone.
NOT_SLIPS = _wordset(
    "planing hoping coping doting ridge bride fiend fiends frined lather plaster things thing"
    "s thinks thanks wiling filling killing leaving living loving moving having saving strange"
    " scaring psiquiatra staring"
)

# Words too common to be worth a rule lookup; a phrase must also contain a rarer word.
COMMON = _wordset(
    "i me my im a an the to of in on at it its is am are was were be been being and or so "
    "he she they hes shes theyre them him her his you your we us not no do dont did this that "
    "with for from by up out all any just too very will would could can should have has "
    "had got get gets getting go going want about off own as if"
)

# Words allowed as anchors but avoided when the phrase has a rarer one (they occur too often).
FREQUENT = _wordset(
    "feel feeling know sure everyone everybody day days week weeks how much many tired home "
    "anymore really like time people think thinking need see make take said say one every night "
    "life live better never keep back around here there right now still things thing ever last "
    "left long way give stop good family friends friend work school class exam lot today tonight"
)
