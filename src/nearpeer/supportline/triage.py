"""Screen a support request's free text for risk: a transparent, deterministic rule engine.

It is a safety net under the two explicit questions and a person who always reads the request,
not a clinical assessment. See docs/triage.md for what it catches, its limits and how to add
phrases. No Django import: plain data in, a frozen dataclass out.

How a text is read: normalize it (case, accents, apostrophes, leetspeak, stretched letters,
chat abbreviations, one-character typos of key terms), blank out innocent idioms ("to die for"),
then try each phrase whose anchor words occur. A match right after a negation ("I'm not
suicidal") does not count as said: for a high-risk rule it makes the result "elevated" with a
person asked to check, never "low".
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Risk = Literal["low", "elevated", "high"]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


RISK_ORDER: dict[str, int] = {"low": 0, "elevated": 1, "high": 2}


@dataclass(frozen=True)
class Screening:
    risk: Risk
    reasons: tuple[str, ...]
    needs_human_review: bool


@dataclass(frozen=True)
class Rule:
    key: str
    risk: Risk  # what a plain (not negated) match means
    topic: str  # for the negated reason: "negated mention of <topic>: needs a person to check"
    reason: str
    phrases: tuple[Phrase, ...]
    review: bool = False  # ambiguous wording: always ask a person to check
    unless: str = ""  # drop this rule's reason when the rule with this key matched too


# --- Lexicon -------------------------------------------------------------------------------------
# Phrases are regular expressions over the normalized text: lower-case ASCII words separated by
# single spaces, "." between clauses, no apostrophes ("dont", "im", "ive"). <name> expands to a
# macro below. Never put ?, * or + straight after a letter ("hits?"): spell the forms out
# ("hit|hits"), because anchor words are read off the phrase text.

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

# (key, risk, topic, reason, phrases, review, unless)
_HIGH_RULES: tuple[tuple[str, str, str, str, tuple[str, ...], bool, str], ...] = (
    (
        "suicide",
        "high",
        "suicide",
        "mentions suicide or suicidal thoughts",
        (r"suicide", r"suicidal", r"suicidality", r"sewerslide", r"sewer slide"),
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
            r"(?:want to|wanna|wanted to|wish to|ready to|need to|just want to) die",
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
            r"<neg> see (?:the|any) point (?:in|of) (?:going on|living|life|being alive|existing"
            r"|continuing|staying alive|being here|it all|anything)",
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
            r"(?:wrote|written|writing|left|leave) (?:a|my) (?:suicide |goodbye |final |last )?"
            r"(?:note|letter)",
            r"suicide note",
            r"goodbye (?:note|letter|message|forever)",
            r"this is (?:my )?goodbye",
            r"(?:saying|said|say) (?:my )?goodbyes",
            r"(?:giving|gave|given|give) (?:away )?(?:all )?my (?:things|stuff|belongings|"
            r"possessions|cat|dog|pet|pets) away",
            r"(?:giving|gave|given) away (?:all )?my",
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
            r"lethal dose",
            r"painless (?:way|ways) to",
            r"overdose",
            r"overdosed",
            r"overdosing",
            r"(?:to|gonna|wanna|almost|might|could|just|i|ill|will|about to|tried to) od",
            r"od (?:on|again|tonight)",
            r"oded",
            r"oding",
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
            r"self (?:harm|harming|harmed|injury|injuring|mutilation)",
            r"selfharm",
            r"(?:started|start|relapsed) cutting",
            r"cutting again",
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
            r"abusive (?:partner|relationship|<partner>)",
            r"domestic (?:violence|abuse)",
            r"(?:dating|relationship|intimate partner) (?:violence|abuse)",
            r"ipv",
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
            r"(?:bring|bringing|brought) a (?:gun|knife|weapon) to (?:school|class|work|campus|"
            r"the hospital)",
            r"shoot up (?:the|my) (?:school|class|hospital|campus)",
            r"(?:mass|school) shooting",
        ),
        False,
        "",
    ),
)

_ELEVATED_RULES: tuple[tuple[str, str, str, str, tuple[str, ...], bool, str], ...] = (
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
IDIOMS: tuple[tuple[str, str], ...] = (
    (r"(?:to )?die for (?:a|an|some|the|this|that|those|these|coffee|pizza|it)", "~"),
    (r"dying (?:to|for|of laughter|laughing)", "~"),
    (r"die of (?:embarrassment|shame|laughter|laughing|cringe|boredom|cuteness)", "~"),
    (r"(?:bored|scared|stressed|worried|freaked|tired|worked|sick) to death", "~"),
    (r"killing <self> (?:studying|working|over|at the gym|laughing)", "~"),
    (r"(?:hit|hits) me up", "~"),
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
    (
        r"(?:wrote|write|writing) (?:a|my) note to (?:my |the )?(?:professor|prof|teacher|dean|"
        r"doctor|boss|attending|coordinator|advisor|tutor|class|team|landlord)",
        "~",
    ),
)

# Negation: a negator up to NEGATION_WINDOW words before a match, inside the same clause.
NEGATORS = _wordset(
    "not no never dont didnt doesnt wont wouldnt isnt arent wasnt werent havent hasnt hadnt "
    "couldnt nor deny denies denied"
)
# A negator directly followed by one of these does not negate what comes after.
PSEUDO_NEGATIONS = frozenset(
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
CLAUSE_BREAKS = _wordset(". but and so because cause though although however yet until ~")
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
# Words too common to be worth a rule lookup; a phrase must also contain a rarer word.
_COMMON = _wordset(
    "i me my im a an the to of in on at it its is am are was were be been being and or so "
    "he she they hes shes theyre them him her his you your we us not no do dont did this that "
    "with for from by up out all any just too very will would could can should have has "
    "had got get gets getting go going want about off own as if"
)

# Words allowed as anchors but avoided when the phrase has a rarer one (they occur too often).
_FREQUENT = _wordset(
    "feel feeling know sure everyone everybody day days week weeks how much many tired home "
    "anymore really like time people think thinking need see make take said say one every night "
    "life live better never keep back around here there right now still things thing ever last "
    "left long way give stop good family friends friend work school class exam lot today tonight"
)

# --- Compilation ---------------------------------------------------------------------------------
# Each phrase becomes its own regex. Its anchors are words that every match must contain as whole
# words; a phrase is tried only when one of its anchors occurs in the text, which keeps screening
# fast. Anchors are worked out from the phrase: a plain word at its top level, or a group of plain
# alternatives ("(?:kill|kills)") where each alternative holds a rarer word. A phrase without
# anchors is always tried.

_MACRO_RE = re.compile(r"<(\w+)>")
_TOKEN = re.compile(r"\(\?(?:<?[=!])|\(\?:|\(|\)|\||\\.|\{\d*,?\d*\}|[?*+]|[a-z0-9]+| |.")
_PLAIN = re.compile(r"[a-z0-9 ]+")


def _expand(pattern: str) -> str:
    for _ in range(3):  # macros may use macros
        pattern = _MACRO_RE.sub(lambda m: MACROS[m.group(1)], pattern)
    return pattern


def _alternatives(inner: str) -> list[str]:
    """Split a group's text at its own | (not at the | of groups inside it)."""
    parts, depth, current = [], 0, ""
    for piece in _TOKEN.findall(inner):
        depth += piece.startswith("(") - (piece == ")")
        if piece == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += piece
    return [*parts, current]


def _top_level(source: str) -> list[tuple[str, str]]:
    """Split a phrase into (kind, text) items: word, space, group, optional, other."""
    items: list[tuple[str, str]] = []
    pieces = _TOKEN.findall(source)
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if piece.startswith("("):
            depth, j = 1, i + 1
            while depth:
                depth += pieces[j].startswith("(") - (pieces[j] == ")")
                j += 1
            if piece in ("(?:", "("):  # lookarounds consume nothing: they are left out
                items.append(("group", "".join(pieces[i + 1 : j - 1])))
            i = j
            continue
        if piece in "?*" or piece.startswith("{0"):
            items[-1] = ("optional", items[-1][1])
        elif piece == "+" or piece.startswith("{"):
            items[-1] = ("other", items[-1][1])
        elif piece == " ":
            items.append(("space", piece))
        elif piece.isalnum():
            items.append(("word", piece))
        else:
            items.append(("other", piece))
        i += 1
    return items


def _edge(items: list[tuple[str, str]], k: int, step: int) -> bool:
    """True when item k always has a space (or the phrase's edge) next to it on that side."""
    k += step
    while 0 <= k < len(items) and items[k][0] in ("optional", "group"):
        alternatives = _alternatives(items[k][1])
        if not all(a.endswith(" ") if step < 0 else a.startswith(" ") for a in alternatives):
            return False
        if items[k][0] == "group":
            return True
        k += step
    return not 0 <= k < len(items) or items[k][0] == "space"


def _best_word(words: list[str]) -> str | None:
    rare = [w for w in words if w not in _COMMON]
    return max(rare, key=len) if rare else None


def _anchors(source: str) -> frozenset[str] | None:
    """Words of which every match of the phrase contains one, or None if there is no such set."""
    items = _top_level(source)
    options: list[frozenset[str]] = []
    for k, (kind, text) in enumerate(items):
        left, right = _edge(items, k, -1), _edge(items, k, +1)
        if kind == "word" and left and right and text not in _COMMON:
            options.append(frozenset({text}))
        elif kind == "group" and _PLAIN.fullmatch(text.replace("|", "")):
            chosen = []
            for alternative in text.split("|"):
                words = alternative.split(" ")
                whole = [
                    w
                    for n, w in enumerate(words)
                    if w and (n > 0 or left) and (n < len(words) - 1 or right)
                ]
                chosen.append(_best_word(whole))
            if None not in chosen:
                options.append(frozenset(chosen))  # type: ignore[arg-type]
    return min(options, key=lambda o: sum(10 if w in _FREQUENT else 1 for w in o), default=None)


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern[str]
    anchors: frozenset[str] | None
    words: frozenset[str]  # every word written in the phrase


def _phrase(source: str) -> Phrase:
    source = _expand(source)
    if re.search(r"(?<!\\)[a-z][?*+{]", source):
        raise ValueError(f"{source!r}: spell word forms out instead of a quantifier on a letter")
    # The text is padded with spaces: a leading literal space lets the regex engine skip ahead
    # fast (many times faster than a lookbehind), and keeps matches to whole words.
    pattern = re.compile(rf" (?:{source})(?= )")
    words = frozenset(re.findall(r"[a-z0-9]+", re.sub(r"\\[a-z]", " ", source)))
    return Phrase(pattern=pattern, anchors=_anchors(source), words=words)


def _compile(spec: tuple[str, str, str, str, tuple[str, ...], bool, str]) -> Rule:
    key, risk, topic, reason, phrases, review, unless = spec
    return Rule(
        key=key,
        risk=risk,  # type: ignore[arg-type]
        topic=topic,
        reason=reason,
        phrases=tuple(_phrase(p) for p in phrases),
        review=review,
        unless=unless,
    )


RULES: tuple[Rule, ...] = tuple(_compile(spec) for spec in _HIGH_RULES + _ELEVATED_RULES)
_IDIOMS: tuple[tuple[Phrase, str], ...] = tuple((_phrase(p), repl) for p, repl in IDIOMS)


def _index(phrases: Iterable[tuple[int, Phrase]]) -> tuple[dict[str, list[int]], list[int]]:
    by_word: dict[str, list[int]] = {}
    always: list[int] = []
    for n, phrase in phrases:
        if phrase.anchors is None:
            always.append(n)
        for word in phrase.anchors or ():
            by_word.setdefault(word, []).append(n)
    return by_word, always


# Every phrase of every rule, numbered, with (rule, phrase) for each number.
_ALL_PHRASES = [(rule, phrase) for rule in RULES for phrase in rule.phrases]
_PHRASES_BY_WORD, _ALWAYS_TRIED = _index(enumerate(p for _, p in _ALL_PHRASES))
_IDIOMS_BY_WORD, _IDIOMS_ALWAYS = _index(enumerate(p for p, _ in _IDIOMS))
_PHRASE_WORDS = frozenset(_PHRASES_BY_WORD)
_IDIOM_WORDS = frozenset(_IDIOMS_BY_WORD)


def _one_edit(term: str) -> set[str]:
    """Every word one edit away from term (see TYPO_TERMS for which edits count)."""
    letters = string.ascii_lowercase
    splits = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    out = {a + b[1:] for a, b in splits if b}  # a letter missing
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # two letters swapped
    out |= {a + b[0] + b for a, b in splits if b}  # a letter doubled
    if len(term) >= 5:
        out |= {a + c + b[1:] for a, b in splits if b for c in letters}  # a wrong letter
        out |= {a + c + b for a, b in splits for c in letters}  # an extra letter
    return out - {term}


def _typo_map() -> dict[str, str]:
    fixes: dict[str, str] = {}
    for term in TYPO_TERMS:
        for variant in _one_edit(term):
            if variant not in NOT_TYPOS and variant not in TYPO_TERMS and len(variant) > 2:
                fixes.setdefault(variant, term)
    for short, full in ABBREVIATIONS.items():
        fixes[short] = full
    return fixes


WORD_FIXES: dict[str, str] = _typo_map()
_FIX_KEYS = frozenset(WORD_FIXES)
_LEET = str.maketrans("013457@$", "oieastas")
# A word that mixes letters with leet characters; possessive, from word starts only, so linear.
_LEET_WORD = re.compile(r"(?<![a-z0-9@$])(?:[a-z]++[0-9@$]|[0-9@$]++[a-z])[a-z0-9@$]*+")
_HAS_LEET = re.compile(r"[0-9@$]")
_LETTER = re.compile(r"[a-z]")
_STRETCHED = re.compile(r"([a-z])\1\1+")
_BLANKS = bytes.maketrans(
    (string.punctuation + "\t\r\n").encode(),
    "".join("." if c in ".,:!?;\n" else " " for c in string.punctuation + "\t\r\n").encode(),
)


def normalize(text: str) -> str:
    """The text as rules see it: lower-case ASCII words, one space apart, "." between clauses."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).replace("\u2019", "'").replace("\u2018", "'")
        text = text.encode("ascii", "ignore").decode("ascii")
    if _HAS_LEET.search(text):
        text = _LEET_WORD.sub(_unleet, text)
    if "'" in text:
        text = text.replace("od'd", "oded").replace("'", "")
    text = text.encode().translate(_BLANKS).decode()
    if "." in text:
        text = text.replace(".", " . ")
    if "can not" in text:
        text = text.replace("can not", "cannot")
    if _STRETCHED.search(text):
        text = _STRETCHED.sub(r"\1\1", text)
    words = text.split()
    if not _FIX_KEYS.isdisjoint(words):
        words = [WORD_FIXES.get(w, w) for w in words]
    return words


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.translate(_LEET) if _LETTER.search(word) else word


# --- Screening -----------------------------------------------------------------------------------


def _is_negated(text: str, start: int) -> bool:
    """True when a negator stands within NEGATION_WINDOW words before start, in the same clause."""
    before = text[max(0, start - 80) : start].split()[-NEGATION_WINDOW:]
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in CLAUSE_BREAKS:
            return False
        if word in NEGATORS:
            following = before[i + 1] if i + 1 < len(before) else ""
            if (word, following) in PSEUDO_NEGATIONS or (i and before[i - 1] == "why"):
                continue
            return True
    return False


def _candidates(text: str, words: Iterable[str]) -> tuple[str, list[int]]:
    """Blank out idioms, then list the phrases worth trying (those with an anchor present)."""
    words = set(words)
    idiom_words = _IDIOM_WORDS.intersection(words)
    if idiom_words or _IDIOMS_ALWAYS:
        idioms = {n for w in idiom_words for n in _IDIOMS_BY_WORD[w]}
        for n in sorted(idioms.union(_IDIOMS_ALWAYS)):
            phrase, replacement = _IDIOMS[n]
            text = phrase.pattern.sub(f" {replacement}", text)
        words = set(text.split())
    found = {n for w in _PHRASE_WORDS.intersection(words) for n in _PHRASES_BY_WORD[w]}
    return text, sorted(found.union(_ALWAYS_TRIED))


_NOTHING_FOUND = Screening(risk="low", reasons=(), needs_human_review=False)


def _evaluate(text: str, phrase_numbers: Iterable[int]) -> Screening:
    plain_keys: set[str] = set()
    negated_keys: set[str] = set()
    for n in phrase_numbers:
        rule, phrase = _ALL_PHRASES[n]
        for match in phrase.pattern.finditer(text):
            # a negator the phrase does not spell out came through a gap: "he doesnt hit me"
            gap_negation = any(
                word in NEGATORS and word not in phrase.words for word in match.group().split()
            )
            if gap_negation or _is_negated(text, match.start()):
                negated_keys.add(rule.key)
            else:
                plain_keys.add(rule.key)
    if not plain_keys and not negated_keys:
        return _NOTHING_FOUND
    plain = [r for r in RULES if r.key in plain_keys and r.unless not in plain_keys]
    # A negated high-risk mention counts as elevated and asks for a person; a negated
    # elevated-risk mention ("I don't feel hopeless") is not counted.
    checks = [
        r
        for r in RULES
        if r.key in negated_keys and r.risk == "high" and not plain_keys & {r.key, r.unless}
    ]
    high = [rule.reason for rule in plain if rule.risk == "high"]
    elevated = [rule.reason for rule in plain if rule.risk == "elevated"]
    reasons = high + [
        f"negated mention of {rule.topic}: needs a person to check" for rule in checks
    ]
    risk: Risk = "high" if high else "elevated" if elevated or checks else "low"
    review = bool(high or checks) or any(rule.review for rule in plain)
    return Screening(
        risk=risk,
        reasons=tuple(dict.fromkeys(reasons + elevated)),
        needs_human_review=review,
    )


def screen(text: str) -> Screening:
    """Screen free text for suicide, self-harm, violence and distress; deterministic and fast."""
    words = _words(text)
    masked, phrase_numbers = _candidates(f" {' '.join(words)} ", words)
    return _evaluate(masked, phrase_numbers)


def screen_every_rule(text: str) -> Screening:
    """Like screen(), but tries every phrase and idiom whatever the anchors (to test anchors)."""
    normal = f" {normalize(text)} "
    for phrase, replacement in _IDIOMS:
        normal = phrase.pattern.sub(f" {replacement}", normal)
    return _evaluate(normal, range(len(_ALL_PHRASES)))


def assess(*, self_harm_answer: bool | None, danger_answer: bool | None, text: str) -> Screening:
    """Combine the two explicit questions (the primary signal) with screen(text); a yes is high."""
    screening = screen(text)
    risk: str = screening.risk
    reasons: list[str] = []
    review = screening.needs_human_review
    for answer, yes, skipped in (
        (
            self_harm_answer,
            "answered yes: thoughts of harming themselves or ending their life",
            "did not answer the question about thoughts of self-harm: a person should ask",
        ),
        (
            danger_answer,
            "answered yes: in danger from someone now",
            "did not answer the question about being in danger: a person should ask",
        ),
    ):
        if answer is True:
            risk = raise_only(risk, "high")
            reasons.append(yes)
            review = True
        elif answer is None:
            reasons.append(skipped)
            review = True
    if screening.risk == "high" and self_harm_answer is False and danger_answer is False:
        reasons.append("answered no to both questions, but the text suggests risk: check with them")
    return Screening(
        risk=risk,  # type: ignore[arg-type]
        reasons=tuple(reasons) + screening.reasons,
        needs_human_review=review,
    )


def raise_only(current: str, proposed: str) -> str:
    """The higher of two risk levels: automatic rules may raise risk, never lower it."""
    for level in (current, proposed):
        if level not in RISK_ORDER:
            raise ValueError(f"unknown risk level {level!r}: use low, elevated or high")
    return proposed if RISK_ORDER[proposed] > RISK_ORDER[current] else current
