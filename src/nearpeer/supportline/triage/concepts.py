"""The concepts the meaning frames are built from: which words and phrases say what (plain data).

Each concept lists words and multi-word phrases over normalized text (lower case, no apostrophes,
accents folded). English first, then Spanish. frames.py tags every clause with the concepts it holds
and combines them (a first-person subject + a means + a quantity is a plan). Keep entries short and
unambiguous: a concept word should mean the concept in ordinary talk, not only in rare readings.
"""

from nearpeer.supportline.triage.concepts_es import CONCEPTS_ES


def _entries(*texts: str) -> frozenset[str]:
    return frozenset(e.strip() for text in texts for e in text.split(",") if e.strip())


CONCEPTS: dict[str, frozenset[str]] = {
    # the writer as subject or object
    "self": _entries(
        "i, im, ive, id, ill, me, my, myself, mine, i am, i have, i will, i would,"
        "yo, mi, mis, conmigo, me"
    ),
    "self_subject": _entries(
        "i, im, ive, id, ill, i am, i have, i will, i would, yo, quiero, pienso, tengo, estoy,"
        "siento, puedo, voy, creo, necesito, quisiera, me siento, me quiero, me voy, he pensado"
    ),
    "self_strong": _entries(
        "myself, my own life, my life, myself too, kms, ctb, kill myself, unalive myself, me too,"
        "i could too, the same for me,"
        "para mi, yo tambien, mi vida"
    ),
    # wanting, intending, planning, being drawn to
    "wish": _entries(
        "want, wanna, wanted, wants, wanting, wish, wishing, wished, hope, hoping, hoped, pray,"
        "praying,"
        "tempted, urge, urges, crave, craving, long for, longing, would rather, id rather,"
        "rather be, cant wait, looking forward to, fantasize, fantasizing, daydream, daydreaming,"
        "dream about, dreaming about, think about, thinking about, thought about, thoughts of,"
        "thoughts about, keep thinking, cant stop thinking, considering, considered, wondering,"
        "wonder, imagine, imagining, picture, picturing, envy, envied, jealous, glad, relief,"
        "dont care if, crossed my mind, wouldnt care if, relieved, comforting, comforts me,"
        "like the idea, appealing, sounds nice, sounds peaceful,"
        "wouldnt mind, would not mind, wouldnt be so bad, okay with, ok with, fine with,"
        "at peace with, peaceful, welcome, better if, easier if, ready to, ready for, how nice,"
        "would be nice, itd be nice, it would be nice, nice to just, so much easier,"
        "quiero, quisiera, queria, ojala, deseo, ganas, pienso, pensando, pense, imagino, envidia,"
        "no me importaria, seria un alivio, alivio"
    ),
    "plan": _entries(
        "plan, plans, planning, planned, decided, decision, made up my mind, figured out,"
        "worked out, going to, gonna, gunna, about to, will, ill, setting, set a date,"
        "picked a date,"
        "chose a date, date, timeline, schedule, scheduled, rehearse, rehearsed, practiced,"
        "practice run, dry run, tried, try, attempt, attempted, attempts, the method, a method,"
        "how i would, how id, how to, where i would, when i would, know exactly, know how,"
        "know where, know when, figured, research, researched, looked up, look up, googled,"
        "searching, searched, calculated, calculating, math on, did the math, worked it out,"
        "voy a, planeo, plan, decidi, ya se como, ya se cuando, busque, investigue"
    ),
    # death, not existing, it ending
    "suicide_word": _entries(
        "suicide, suicidal, suicidality, suicidio, suicida, si thoughts, my si, active si, passive si,"
        "having si, si again, si is back, some si"
    ),
    "death": _entries(
        "die, dying, dead, death, suicidal, kill myself, killing myself,"
        "end it, end it all, ending it, end things, ending things, end everything, end my life,"
        "ending my life, take my life, taking my life, my own life, not exist, not existing,"
        "stop existing, cease to exist, cease existing, not be alive, not being alive,"
        "not be here, not being here, not be around, not being around, not wake up,"
        "never wake up, not waking up, dont wake up, wouldnt wake up, didnt wake up,"
        "no longer here,"
        "no longer alive, be gone, unalive, kms, ctb, sewerslide, grave, coffin,"
        "morir, morirme, muerto, muerta, muerte, matarme, suicidio, suicidarme, no despertar,"
        "dejar de existir, no estar, no existir, acabar con todo, quitarme la vida"
    ),
    # passive wishes that on their own speak of not wanting to be alive
    "passive": _entries(
        "for it all to end, my life to end, waiting for it to end, waiting to die,"
        "waiting for the end,"
        "if i were gone, if i was gone, were gone, no after for me, theres no after,"
        "no future for me,"
        "disappointed i woke up, disappointed to wake up, wish i hadnt woken up,"
        "than im planning to have,"
        "be around much longer, around much longer, here much longer, be here much longer,"
        "dont plan to be there, wont be there to, not going to be there for, wont be there for,"
        "doesnt want to exist, dont want to exist, not want to exist, not wanting to exist,"
        "not wake up, never wake up, not waking up, dont wake up, wouldnt wake up, stay asleep,"
        "if i didnt wake up, if i dont wake up, if i never woke up, wont wake up, already left,"
        "not sure ill make it, wont make it to,"
        "not going to make it to, dont think ill make it, and then just end,"
        "be gone soon, gone soon, going to be gone, not going to be here, wont be here much longer,"
        "heart would stop, heart would just stop, heart to stop, my heart stops, stop breathing,"
        "stop on its own, even if thats the end, even if it kills me, gets me killed,"
        "get me killed, got me killed, like i died, i died and, like im dead, haunting,"
        "not be around much longer, wont be around, wont be here, not going to be around,"
        "not gonna be around, not be here much longer, wont be a problem, wont be a burden,"
        "not be a problem, already gone, already dead, dont exist,"
        "didnt exist, stop existing, cease to exist, not exist anymore, not to exist,"
        "sleep forever, sleep and never, fall asleep forever, disappear forever,"
        "disappear for good, vanish forever, not here anymore, wont matter soon,"
        "out of everyones way, off the planet, off this planet,"
        "no despertar, dormir para siempre, ya no estar, desaparecer para siempre, dejar de existir"
    ),
    # an accident, illness or someone else ending their life
    "accident": _entries(
        "black ice, get hit, hit black ice, snaps, cable snaps, collapse, falls on me,"
        "get really sick, put me in the icu, slid off, skid, skidded, went off the road,"
        "off the road, accident, crash, crashed, hit by, run over, plane went down,"
        "plane goes down, plane crash,"
        "car crash, get sick, got sick, cancer, terminal, struck by, swerve, swerved, swerving,"
        "fatal, heart attack, stroke, aneurysm, mugged, shot, stray bullet, never made it home,"
        "accidente, choque, atropellara, atropellado, enfermedad terminal"
    ),
    # drugs and medicines at hand
    "means_drug": _entries(
        "pill, pills, meds, medication, medications, tablets, tablet, capsules,"
        "insulin, potassium, kcl, propofol, fentanyl, morphine, dilaudid, hydromorphone, oxy,"
        "oxycodone, opioids, opioid, opiates, benzos, benzo, xanax, ativan, lorazepam, klonopin,"
        "valium, sedatives, sedative, ambien, zolpidem, tylenol, acetaminophen, paracetamol,"
        "advil, ibuprofen, lithium, sertraline, zoloft, prozac, lexapro, seroquel, quetiapine,"
        "trazodone, adderall, antidepressants, amitriptyline, tca, tcas, sux, succinylcholine,"
        "vecuronium, vec,"
        "rocuronium, paralytic, paralytics, digoxin, heroin, methadone, suboxone, ketamine,"
        "midazolam, versed, barbiturates, pentobarbital, euthanasia solution, syringe, syringes,"
        "nitrous, pocketing, pocketed, diverting, diverted, wasting them, medicine cabinet,"
        "my medicine cabinet, cyanide salts, needle, needles, vial, vials, bottle, bottles,"
        "prescription, prescriptions, pyxis, omnicell,"
        "med room, drug cabinet, code cart, crash cart, med cart, narcotics cabinet,"
        "stash, stockpile, antifreeze, bleach, poison, cyanide, helium, nitrogen, charcoal,"
        "pastillas, pastilla, medicinas, medicamentos, insulina, jeringa, veneno, pastis"
    ),
    "means_weapon": _entries(
        "gun, guns, firearm, firearms, pistol, handgun, rifle, shotgun, ammo, ammunition, bullet,"
        "bullets, glock, revolver, 9mm, knife, knives, blade, blades, razor, razors, scalpel,"
        "the means, means at home, rope, ropes, noose, belt, cord, ligature, extension cord,"
        "dog leash, tie, tire iron, bat,"
        "hammer, machete, box cutter, exhaust, carbon monoxide, garage, car running,"
        "engine running,"
        "pistola, arma, armas, cuchillo, navaja, cuerda, soga, cinturon, bala, balas"
    ),
    "place": _entries(
        "bridge, bridges, roof, rooftop, rooftops, ledge, ledges, balcony, cliff, cliffs, overpass,"
        "parking garage, parking deck, parking structure, top floor, top level, top of the garage,"
        "high floor, window, windows, tracks, train tracks, railroad, rail, rails, train, trains,"
        "subway, platform, metro, traffic, highway, freeway, interstate, oncoming, lake, river,"
        "ocean, the water, the edge, edge, height, heights, tall building, stairwell, helipad,"
        "puente, azotea, techo, balcon, vias, tren, metro, edificio, carretera, precipicio, orilla"
    ),
    # a method of ending one's life or of self-injury, said as an act
    "method": _entries(
        "jump, jumping, jumped, leap, step off, step in front, walk in front, walk into traffic,"
        "not brake, wont brake, not wearing my seatbelt, without my seatbelt, no seatbelt,"
        "take off my seatbelt, taking off my seatbelt, taking it off, unbuckle,"
        "driving really fast,"
        "swerving toward, swerving into, swerve toward, drive off, drive into, driving into,"
        "driving off, drive my car into, driving my car into,"
        "crash into, crashing into, steer into, steering into, crash my car, swerve into, veer,"
        "hang, hanging,"
        "hang myself, overdose, overdosing, overdosed, od, oding, oded, take them all, take it all,"
        "inject, injecting, injected, one push, use them on myself, using them on myself,"
        "use it on myself, using it on myself, on myself,"
        "pull the trigger, trigger, shoot myself, drown, drowning, drowned, slit, slitting,"
        "suffocate, suffocating, asphyxiate, bleed out, let go, lean over, lean forward,"
        "jerk the wheel, yank the wheel, turn the wheel, floor it, tirarme, aventarme, lanzarme,"
        "colgarme, ahorcarme, tomarme todas, tomarmelas, saltar, inyectarme, darme un tiro"
    ),
    # a quantity or a store: enough, all of it, how many
    "quantity": _entries(
        "enough, all of my, all my pills, all my meds, all the pills, the whole bottle,"
        "whole bottle,"
        "whole box, whole pack, how many pills, how many tablets, how many would it take,"
        "how many would i need, how much would it take, how much would i need, lethal amount,"
        "lethal dose, fatal dose, toxic dose, ld50, max dose,"
        "stockpile, stockpiling, stockpiled, hoard, hoarding, hoarded, saved up, saving up,"
        "been saving, been collecting, collecting, collected, stashing, stashed, counting,"
        "counted, double my, triple my, twice my, a months worth, months worth, weeks worth,"
        "leftover, leftovers, suficientes, todas, cuantas,"
        "cuanto, guardando, juntando"
    ),
    # being drawn to a means or a place
    "fixation": _entries(
        "looking at, looked at, staring at, stare at, stared at, keep looking, keep staring,"
        "drawn to, pulled toward, pulled towards, pull of, stood on, standing on, stood at,"
        "standing at, stood near, standing near, sat on, sitting on, lingered, linger, lingering,"
        "how easy, how easy it would be, how quick, how quickly, how fast, how high, how far,"
        "would it hurt, painless, one step, just one step, one push, one movement,"
        "wouldnt take much,"
        "only take, it would only take, within reach, in my pocket, in my bag, in my car,"
        "in my locker, in my drawer, in the glovebox, under my bed, next to my bed, hid, hidden,"
        "secret stash, kept a stash, kept some, kept a few, hide, hiding them, keep them,"
        "keeping them, kept them, taking it out, take it out,"
        "took it out, holding it, held it, hold it, sat with it, sitting with it, know exactly,"
        "no rail, no guardrail, no guard rail, nobody home, no one home, nobody would notice,"
        "no one would notice, away til, away until,"
        "nobody audits, alone tonight, home alone, when im alone, nobody checks, no one checks,"
        "the code, taking some home, take some home, took some home, bring some home, a few for me,"
        "stand there, just to stand there, been going to, keep going to, the same roof,"
        "the same bridge, going to the, go to the, planning on going, bought a, just bought,"
        "recently bought, bought one, stepping out, step out, keep stepping, lined up,"
        "doesnt lock, wont lock, is unlocked, unlocked,"
        "sitting in the car, in the car in the garage, putting them in, pretty full, ziploc,"
        "holding my, drive to the, driving to the, drove to the, parked at, parked on,"
        "parked near, parking at, stand at, standing at the edge, think about my,"
        "thinking about my, thought about my,"
        "look at, i look at, looking out, looking down, propped it open, propped open,"
        "it would be fast, would be fast, saving my, keeping my, been keeping, instead of taking,"
        "in a drawer, together in, in case, thought about the, thinking about the, think about the,"
        "picked up a, picked it up, grabbed a knife, grabbed the knife, eyeing, eyed, stand on,"
        "stand right, standing right, longer than i need,"
        "longer than i should, for longer than, sitting by, sat by, sit by, standing by,"
        "sitting near, thoughts again, check whether, checked whether, checked if, check if,"
        "think about it,"
        "thinking about it, thought about it, in the closet, in the hall closet, keeping track,"
        "in my bag, access to,"
        "i know exactly, know which, know where, which one, doesnt have a fence, no fence,"
        "no railing, slow down, slowing down, slowed down, mirando, me quede viendo, que facil"
    ),
    # a time: tonight, after the exam
    "time": _entries(
        "last shift of, the last shift, last call of, tonight, tomorrow, this weekend, weekend,"
        "friday, saturday, sunday, monday, tuesday,"
        "wednesday, thursday, january, february, march, april, june, july, august, september,"
        "october, november, december, christmas, christmas break, thanksgiving, spring break,"
        "new years, after the exam, after the test, after boards, after step,"
        "after my shift, after call, after graduation, after the match, after match, after quals,"
        "after my defense, after the holidays, end of the rotation, end of rotation,"
        "end of the block, end of the month, end of the year, by the end, next week, this week,"
        "soon, very soon, when its over, once its over, once the exam, once boards, my birthday,"
        "a date, the date, deadline, countdown, esta noche, manana, viernes, sabado, domingo,"
        "despues del examen, pronto, la fecha"
    ),
    "finality": _entries(
        "need any of it back, need it back, anywhere again, before i go, wont be back,"
        "wouldnt need them, wont need them, one last thing,"
        "only one thing left, im done, i am done, im so done, for good, permanently, permanent,"
        "last time, one last, finally over, never again, much longer, any longer, over soon,"
        "wont have to, never have to, wont need, no coming back, no way back, last night on,"
        "last message, last text, last goodbye, last words, one more day,"
        "para siempre, ultima vez, definitivamente"
    ),
    # putting affairs in order, saying goodbye
    "prep_strong": _entries(
        "goodbye letters to my, goodbye notes to my, this is goodbye, this is my goodbye,"
        "last letter, take care of my cat, take care of my dog,"
        "look after my cat, look after my dog,"
        "care of my dog, care of my cat, care for my dog, care for my cat, who will feed,"
        "letters to my family, letters to my parents, letter to my family, letter to my parents,"
        "letters to my mom, letters for my family, letters to everyone, letters to my fam,"
        "instructions for my, affairs in order, loose ends, tying up, tie up, wrapping things up,"
        "set to send, scheduled email, scheduled message, scheduled a message, scheduled an email,"
        "things in order, getting my things in order, arranged for my cat, arranged for my dog,"
        "letters stacked, obituary, my own obituary, my own eulogy,"
        "sealed envelope, password manager, master key,"
        "in case something happens, for whoever comes next, whoever comes next, sort of a goodbye,"
        "kind of a goodbye,"
        "take my rabbits, take my cat, take my dog, take my pets, nothing left i need to,"
        "nothing left to take care of, transferred all my, transferred my savings,"
        "paid my rent through,"
        "scheduling them to go out, scheduled them to go out, schedule them to go out,"
        "finished my letters, one for each person, for each person,"
        "take care of urselves, take care of yourselves, deleting every account, no traces,"
        "for my family after, password on a sticky note, give them back ever, my own note,"
        "date picked, was goodbye, was my goodbye, who gets what, next of kin,"
        "gave everything away,"
        "giving everything away, give everything away, not coming back, apologized to everyone,"
        "apologizing to everyone, last thing ill give, everyone covered, page of instructions,"
        "instructions for each, texted me goodbye, texted goodbye, sent me goodbye,"
        "said goodbye to me, a goodbye text,"
        "goodbye message, cartas de despedida, regalando mis cosas"
    ),
    "prep_weak": _entries(
        "goodbye letter, goodbye letters, goodbye notes, goodbye texts, goodbye messages,"
        "goodbye video, goodbye note, farewell, farewells, say goodbye, saying goodbye,"
        "said goodbye,"
        "said my goodbyes, my goodbyes, goodbyes, a goodbye, my will, a will, wrote a will,"
        "wrote my will, updated my will, beneficiary, beneficiaries, life insurance, rehome,"
        "rehoming, rehomed, just in case, my passwords, passwords, organ donor, my letters,"
        "letters to my, letter to my, note to my, notes to my, wrote letters, writing letters,"
        "written letters, wrote a letter, wrote notes, wrote a note, left a note, leave a note,"
        "giving away, gave away, give away, given away, wont need, wont be needing,"
        "dont need anymore,"
        "closed my, closing my, close my, cancel my, cancelled my, canceled my, canceling my,"
        "paid off, paying off, pay off, deleted my, deleting my, delete my, unsubscribed,"
        "cleaned out, cleaning out, cleared out, sorted my, organized my, spare key,"
        "apologize in advance, sorry in advance, sorry for everything, forgive me, thank you for"
        " everything, thanks for everything, i love you all, tell my, tell them i,"
        "cerre mis, regale, perdonenme, gracias por todo, los quiero, my goodbye, my eulogy,"
        "last msg, final message, despedida, despedirme, despidiendo, me despido, testamento"
    ),
    # self-injury: an act of hurting one's own body
    "harm_act": _entries(
        "cut, cuts, cutting, carve, carved, carving, burn, burns, burning, burned, burnt,"
        "scratch, scratched, scratching, scrape, scraping, pick, picking, slam, slammed,"
        "slamming, bang, banged, banging, punch, punched, punching, hit, hitting, bite, biting,"
        "pinch, pinching, stab, stabbing, starve, starving, denying myself food, starving myself,"
        "dont deserve to eat, using the scalpel, using a blade,"
        "using a razor, used a razor, used the scalpel, used a blade, heated, hot spoon,"
        "heated spoon, lighter,"
        "curling iron, put my hand on, held my hand over,"
        "taking extra, took extra, take extra, skip my insulin, skipping my insulin,"
        "pulling my hair,"
        "pull my hair, hair pulling, pulled out, took a razor, took the razor,"
        "take a razor, razor to, blade to, took a blade, lighter to,"
        "purge, purging, relapse, relapsed, relapsing, hurt myself, hurting myself, harm myself,"
        "harming myself, self harm, selfharm, sh, cortarme, corto, corte, quemarme, lastimarme,"
        "golpearme, rasgunarme, autolesion, autolesiones, me hago dano, hacerme dano"
    ),
    "harm_target": _entries(
        "myself, my arm, my arms, my wrist, my wrists, my thigh, my thighs, my leg, my legs,"
        "my skin, my hand, my hands, my palm, my palms, my head, my stomach, my chest, my hip,"
        "my hips, my forearm, my forearms, my fingers, my knuckles, my face, my body, my ankles,"
        "my side, until it bleeds, until i bleed, until it bled, till it bleeds, til it bleeds,"
        "until it hurts, till it hurts, until it bruises, until it blisters, until it burns,"
        "on purpose, until they bleed, till they bleed, my stomach, my ribs, make myself,"
        "made myself, my eyebrows, my lashes, to punish myself, punish myself, mi brazo,"
        "mis brazos, mis munecas,"
        "mi muneca, mis piernas, mi piel, a proposito"
    ),
    "harm_outcome": _entries(
        "draw blood, drew blood, split open, all split, busted open, bloody, bled, bleeds,"
        "bleeding, blood, scars, scar, scarring, bruise, bruises, bruised,"
        "blisters, blister, welts, marks, knuckles bleeding, to feel something, to feel pain,"
        "feel the pain, so i can feel, numb it, sangre, cicatrices"
    ),
    # how an injury happened by mishap: cooking, sport, a fall
    "mishap": _entries(
        "by accident, accidentally, cooking, chopping, shaving, slicing, at the gym,"
        "playing, running, fell, tripped, slipped, on the stove, on the oven, paper cut, lifting,"
        "working out, in the kitchen, was hurt, were hurt, got hurt, feel hurt, felt hurt,"
        "target shooting, shooting range, the range, hunting, photo shoot, my feelings, feelings,"
        "chances, career, grade, grades,"
        "reputation, sin querer, cocinando"
    ),
    # working out how much would be needed
    "calculation": _entries(
        "how much i would need, how many i would need, how much it would take,"
        "how many it would take, how much id need, how many id need, exactly how much,"
        "exactly how many, the dose i would need, enough to do it, enough to not wake up,"
        "painless methods, painless ways, painless way, quickest way, least painful, enough to end,"
        "already have enough, would be enough, enough at home, that would do it, would do it,"
        "the dose that, figured out mine,"
        "worked out mine, my dose, nobody would find me, no one would find me,"
        "more than that at home,"
        "wont do it before, wont do it until, not until after, have the means, how id do it,"
        "how i would do it, how i will do it,"
        "how im going to do it, planning how, planned how, the way id do it, when id do it,"
        "where id do it, looks like an accident, look like an accident,"
        "lethal dose, fatal dose, how much of, how many of, cuantas necesitaria,"
        "cuanto necesitaria, dosis letal"
    ),
    # harming someone else
    "harm_other_act": _entries(
        "hurt, hurting, kill, killing, stab, stabbing, shoot, shooting, strangle, strangling,"
        "choke, choking, beat, beating, beat up, punch, punching, hit, hitting, poison, poisoning,"
        "smother, run over, run him over, run her over, attack, attacking, make him pay,"
        "make her pay, make them pay, get back at, revenge, payback, sabotage, sabotaging,"
        "running him over, running her over, push him, push her, pushing him, pushing her,"
        "punched, slapped, pushed, shoved, choked, kicked, stabbed, wrong dose, the wrong dose,"
        "confront, confronting, physically, mess with his, mess with her, something goes wrong,"
        "with my hands, use it on, murder, murdering,"
        "matarlo, matarla, lastimarlo, lastimarla, golpearlo, golpearla, hacerle dano, vengarme"
    ),
    "others": _entries(
        "him, her, them, he, she, his, someone, somebody, people, everyone, my partner,"
        "my boyfriend, my girlfriend, my husband, my wife, my ex, my roommate, my attending,"
        "my resident, my chief, my senior, my pi, my advisor, my boss, my supervisor,"
        "my classmate, my classmates, my co intern, my coresident, my co resident, a patient,"
        "my patient, the patient, my dad, my father, my mom, my mother, my brother, my sister,"
        "my stepdad, my uncle, my cousin, my abuser, the guy, that guy, the girl, my professor,"
        "my program director, my pd, the whole class, my lab, my labmate, a nurse, the nurse,"
        "my patients, patients, the patients, a kid, the kid,"
        "lo, la, el, ella, ellos, mi novio, mi novia, mi esposo, mi esposa, mi jefe"
    ),
    # another person as the one acting (for danger) or at risk (a friend)
    "agent": _entries(
        "he, hes, she, shes, they, theyre, someone, somebody, a man, a guy, my partner,"
        "my boyfriend,"
        "my girlfriend, my husband, my wife, my ex, my fiance, my roommate, my dad, my father,"
        "my stepdad, my stepfather, my mom, my mother, my stepmom, my brother, my sister,"
        "my uncle, my aunt, my cousin, my landlord, my attending, my chief, my senior, my pi,"
        "my advisor, my supervisor, my boss, my professor, my program director, my pd,"
        "my preceptor,"
        "a patient, a patients, the patient, a family member, a visitor, a stranger, a classmate,"
        "a coworker, a colleague, el, ella, mi novio, mi novia, mi pareja, mi esposo, mi esposa,"
        "mi marido, mi ex, mi papa, mi mama, mi padrastro, mi hermano, mi jefe"
    ),
    "violence": _entries(
        "hit me, hits me, hitting me, punched me, punches me, slapped me, slaps me, kicked me,"
        "kicks me, didnt stop when i said no, wouldnt stop when i said no, when i said no,"
        "standing in my doorway, in my doorway, grabbing me, grabbed me, cornered me,"
        "cornering me, tracking my, corners me, choked me, chokes me, choking me, strangled me,"
        "strangles me, shoved me, shoves me,"
        "pushed me, pushes me, grabbed me, grabs me, grabbed my, threw me, throws me, threw a,"
        "throwing things, threw things, beat me, beats me, beating me, pinned me, pins me,"
        "held me down, holds me down, assaulted by, raped by, attacked by, abused by, molested by,"
        "groped by, beaten by, beaten up by, choked by, hit by my, threatened by, raped me,"
        "assaulted me, groped me, threatened me, threatens me, threatening me,"
        "threatened to, threatens to, next one is at my head, at my head, pulled a gun,"
        "pulled a knife,"
        "pointed a gun, pointed a knife, put the gun, his gun, her gun, a gun on, waved a,"
        "broke my arm, broke my nose, broke my wrist, broke my rib, broke my finger, bruised my,"
        "split my lip, black eye, put his hands on me, put her hands on me,"
        "hands on me, hurt me, hurts me, hurting me, chased me, chases me, cornered me,"
        "punched through, kicked in, broke down the door, broke the door, followed me, follows me,"
        "following me, stalking me, stalks me, tracking me, tracks my, showed up at my,"
        "keeps showing up, waiting outside, outside my door, outside my house,"
        "outside my apartment,"
        "banging on the door, banging on my door, pounding on the door, screaming outside,"
        "me pega, me pego, me golpea, me golpeo, me amenaza, me amenazo, me empujo, me ahorco,"
        "me violo, me violaron, me persigue, me sigue, me acosa, me encerro, me grito que"
    ),
    "violence_generic": _entries(
        "rape, raped, assault, assaulted, sexual assault, molested, groped, threat, threats,"
        "threatened, abuse, abused, abusive, violent, violencia, abuso, abusaron"
    ),
    "danger_state": _entries(
        "locked in, locked myself in, locked in my room, locked in the bathroom, hiding in,"
        "hiding from, hid in, im hiding, trapped, cant leave, cant get out, wont let me leave,"
        "wont let me out, wouldnt let me out, wouldnt let me leave, wont let me go, in danger,"
        "afraid for my life, scared for my life,"
        "fear for my life, afraid to go home, scared to go home, afraid to go back,"
        "scared to go back,"
        "havent gone back, cant go back, sleeping in my car, in my car outside, back against,"
        "barricaded, has a key, was in my apartment, broke into, came into my apartment,"
        "let himself in, let herself in, stalker, my stalker, found my address,"
        "found my new address, found where i live,"
        "knows where i live, the only one home, in front of the door, against the door,"
        "coming into my room, comes into my room, came into my room, pushed it open,"
        "pushed the door open, phone is dying, phone at, call the police, called the police,"
        "restraining order, protective order, he has a gun, she has a gun, has a weapon,"
        "encerrada, encerrado, escondida, escondido, atrapada, atrapado, en peligro,"
        "miedo de volver, no puedo salir, no me deja salir"
    ),
    # someone else at risk: a friend, a roommate
    "friend": _entries(
        "my friend, a friend, friend, my roommate, roommate, my classmate, a classmate, classmate,"
        "my labmate, labmate, my coresident, my co resident, co resident, my co intern, co intern,"
        "a fellow, fellow in my, co fellow, colleague, a colleague, my colleague, coworker,"
        "my coworker, my sister, my brother, my cousin, my best friend, best friend,"
        "someone in my class,"
        "someone in my cohort, my partner, my boyfriend, my girlfriend, mi amigo, mi amiga,"
        "mi companero, mi companera, mi hermano, mi hermana, mi roomie"
    ),
    "imminent": _entries(
        "standing on, is on the, wont come in, wont come down, right now, rn, just now,"
        "start working soon, taken something, took something, hung up, just texted, just sent,"
        "just called, just told me, tonight,"
        "not answering, not picking up, wont answer, wont pick up, isnt answering, cant reach,"
        "on the phone with, on the roof, on the bridge, on the ledge, took a bunch, took pills,"
        "took all, swallowed, is bleeding, still bleeding, bleeding through, wont stop bleeding,"
        "is unconscious, wont wake up, passed out, in the bathroom,"
        "locked herself, locked himself, on my way, getting in my car, driving to, 911, call 911,"
        "ahora mismo, ahorita, no contesta, acaba de, esta en el puente, se tomo"
    ),
    # clinical and academic talk about other people's risk
    "clinical": _entries(
        "patient, patients, pt, pts, client, clients, caseload, adolescent, adolescents,"
        "teen, teens, teenager, kid, kids, child, children, ideation, endorse, endorsed,"
        "endorses, endorsing, denies, denied, documented, psych eval, sitter, discharge,"
        "discharged, prescribed, antidote, ingestion, poisoning, pharm, pharmacy, instructor,"
        "statistics, med ed, curriculum, counts, regression, poisson, binomial, modeling, auc, ehr,"
        "documentary, guidelines, reporting, newspaper, cite, citation, source, meta analysis,"
        "dataset, teaching, teach, handout, learners, sim lab, manikin, death cafe, bereaved,"
        "buyback, volunteer, policy, legislation, county, trends, ipv screen, screen for ipv,"
        "students, ms1s, ms2s, ms3s, residents, interns, our school, the school, our program,"
        "orientation, lethal means, means restriction, safe messaging, prevention week,"
        "antidote, toxidrome, hypoglycemia, glucose checks, the drip, otc, apap, salicylates,"
        "d10, d50, dextrose, qrs, ecg, ekg, cutoff, cutoffs, seizures, arrhythmias,"
        "rates, suicide rate, suicide rates, data on, data, prevalence,"
        "epidemic, commentary, journal, jama, nejm, book club, died by, lost to, death by,"
        "deaths by,"
        "loss to, counseling with, counseled, lethal means counseling, means counseling, a mom,"
        "the mom, whose son, whose daughter, her son, his son, her daughter, his daughter,"
        "social work, 1 1, one to one, sitter, psychiatry consult, psych consult, preceptor,"
        "a client, my client, simulation, role play, role plays, consult, consults, admitted,"
        "admission, admit, ed, er,"
        "ward, icu, micu, picu, nicu, grand rounds, lecture, lectures,"
        "case, cases, tox, toxicology, c ssrs, cssrs, columbia, risk assessment, assessment,"
        "assessments, screening, screened, safety plan, safety planning, research,"
        "a study, the study, study on, studies on, survey, surveys, article, journal club,"
        "awareness, vigil, qpr, workshop, panel, seminar, prevention,"
        "protocol, naloxone, narcan, poison control, h and p, hpi, psych unit, inpatient,"
        "outpatient, attending asked, differential, uworld, question bank, qbank, shelf question,"
        "board question, nbme, osce, standardized patient, simulation, med rec, intubated,"
        "intubate, coded, nac, charcoal, bicarb, antidote, noon conf, noon conference,"
        "harm reduction,"
        "test strips, s p, anoxic, comfort care, hospice, palliative, oncology, the floor,"
        "qualitative, primary care, pilot, zero suicide, gatekeeper, family meeting, decedent,"
        "autopsy, morgue, m and m, theory of, dissertation, comps, webinar, postvention,"
        "suicide loss, loss survivors, attempt survivors, interviews with, medical clearance,"
        "dosing, nomogram, co ingestants, pharmacotherapy, paciente,"
        "pacientes, urgencias, consulta, caso"
    ),
    # comparing oneself with a patient or someone who died
    "imitation": _entries(
        "do the same, did the same, taking the same, take the same, the same thing, what she did,"
        "what he did, what they did, what she took, what he took, understand her, understand him,"
        "understood her,"
        "understood him, get why, got why, envy, envied, envious, jealous, lucky him, lucky her,"
        "lucky them, could be me, could have been me, thats me, me too, wish it was me,"
        "wished it was me, wish it were me, lo mismo, como ella, como el, envidia, la entiendo"
    ),
}

CONCEPTS["deny_act"] = _entries(
    "wouldnt do it, would never do it, never do it, never do anything, not going to do anything,"
    "not gonna do anything, wont do anything, wouldnt act on it, not act on it, never act on it,"
    "no plan no intent, no intent, would never but, i kind of get why, get why people do,"
    "not planning anything, no plan exactly, not planning to, no intention, no intent,"
    "not going to act, im not going to do it, promise im safe, dont worry im safe,"
    "not in danger, wouldnt actually, would never actually"
)
# leisure at a height or on a road: a rooftop party is not a plan
CONCEPTS["leisure"] = _entries(
    "party, rooftop party, roof party, rooftop bar, bar, brunch, picnic, hike, hiking, bike,"
    "biking,"
    "bike lane, commute, commuting, concert, the view, date night, fiesta, paseo"
)

# distress a person should check in on (elevated by itself)
CONCEPTS["distress"] = _entries(
    "hopeless, hopelessness, worthless, a burden, such a burden, burden to, burden on,"
    "empty inside,"
    "feel empty, so empty, hollow, numb, give up, giving up, gave up, i give up, no point,"
    "whats the point, what is the point, tired of everything, so tired of, tired of it all,"
    "exhausted by everything, cant sleep, cannot sleep, havent slept, not sleeping, cant eat,"
    "not eating, havent eaten, stopped eating, panic attack, panic attacks, hyperventilating,"
    "cant stop crying, crying every, cry every, sobbing, breaking down, falling apart,"
    "cant breathe, every night to, only way i feel, only thing that helps, to numb, numbing,"
    "drinking every, drinking alone, drinking more, drinking a lot, weed every, high every,"
    "blacked out, stare at the wall, staring at the wall, go through the motions,"
    "going through the motions, the thought over and over, over and over, fade away,"
    "fading away, dark thoughts, bleak, dark poems, dark stuff, cant get out of bed,"
    "hate myself, i hate me, disgusted with myself, failure, a fraud, dont matter, doesnt matter,"
    "nothing matters, nobody cares, no one cares, alone in this, completely alone, so alone,"
    "isolating, isolated, withdrawn, spiraling, drowning, cant cope, breaking point, rock bottom,"
    "losing it, losing my mind, falling apart, trapped, stuck forever, no way out, dont belong,"
    "no energy, cant make myself, couldnt get out of bed, cant get up, couldnt get up,"
    "stopped answering, havent showered, havent left my room, hasnt left her room,"
    "hasnt left his room, running on empty, cant anymore, cant do it anymore, done trying,"
    "something broke, to get thru, to get through the nights, get through the night,"
    "that isnt mine, pa poder dormir, para poder dormir, tomando mucho, q no es mio, que no es mio,"
    "toque fondo, no tengo ganas de nada, sin ganas, no valgo nada, vacio, vacia, una carga,"
    "sin esperanza, no puedo mas, no aguanto, no duermo, no como, ataques de panico,"
    "llorar, llorando, agotada, agotado, pienso en eso, no le veo sentido"
)
# a past attempt or hospitalization, mentioned in passing
CONCEPTS["history"] = _entries(
    "self harmed, i attempted, attempted once, past attempt, psych hospital, in a psych,"
    "brought everything back, the anniversary of, my attempt, an attempt, attempt in,"
    "attempted in, hospitalization, hospitalized, psych ward,"
    "psych hold, inpatient unit, 5150, involuntary hold, used to cut, used to self harm,"
    "old scars, my scars, in recovery, relapse, relapsed, years clean, months clean,"
    "intento, hospitalizado, hospitalizada, internado en psiquiatria, se cortaba, me cortaba,"
    "cicatrices"
)
# a controlling or frightening relationship
CONCEPTS["control"] = _entries(
    "silent treatment, made me delete, makes me delete, checks my phone, check my phone,"
    "reads my messages, reads my texts, tracks my location, tracks my, controls my money,"
    "controls the money, controls everything, wont let me see, doesnt let me, wont let me go,"
    "interrogation, interrogates me, jealous of, jealousy, accuses me, yells at me, screams at me,"
    "monitors my, monitors, checks my email, reads all my, freaks out if, takes my paycheck,"
    "allowance, gives me an allowance, it means i dont love, dont love him, dont love her,"
    "calls me names, belittles me, humiliates me, threatens to leave, punishes me, permission,"
    "celos, revisa mi, revisa el, controla todo, controla mi, me grita, me humilla, permiso,"
    "tiene mi password, lee mis mensajes, no me deja"
)
# having the thoughts oneself (with a suicide word: the writer's own)
CONCEPTS["experience"] = _entries(
    "thoughts, having thoughts, feel, feeling, felt, urges, been having, pensamientos,"
    "tengo, siento, me siento"
)
# wishes about talking or learning: matched before "want" so they are not a wish to die
CONCEPTS["neutral"] = _entries(
    "want to say, wanted to say, want to ask, wanted to ask, want to know, wanted to know,"
    "goodbye party, goodbye lunch, goodbye dinner, goodbye drinks, a goodbye card, goodbye brunch,"
    "farewell party, goodbye email, in danger of, letter of rec, letters of rec,"
    "letters of recommendation, letter of recommendation, letter to the incoming,"
    "letter to my future self,"
    "threatens to disown, threatened to disown, threatening to disown, want to share,"
    "wanted to share, want to learn, wanted to learn, want to talk, wanted to talk,"
    "want to make sure, wanted to make sure, want to understand, wanted to understand,"
    "end it with, ending it with, end things with, ending things with, want to include,"
    "want to present, want to help, wanted to help, want to do right,"
    "want to get better at, want to be better, want to improve, wish id known, wish i knew,"
    "wish i had known, hope to, hoping to get, i hope you, hope this, quiero saber, quisiera saber,"
    "quiero preguntar, quiero aprender, quiero armar, quiero hacer"
)
CONCEPTS["on_purpose"] = _entries(
    "on purpose, deliberately, intentionally, to punish myself, a proposito, adrede"
)
CONCEPTS["stop"] = _entries(
    "want to stop, i want to stop, just stop, let it be over, it be over, it all to stop,"
    "it to stop,"
    "everything to stop, all to stop, it to end, it all to end,"
    "everything to end, to be over, it to be over, all to be over, que pare, que se acabe todo"
)
# a day chosen: "Wednesday night is it", "I've decided"
CONCEPTS["decided"] = _entries(
    "thats my date, that is my date, lo hago, ya esta decidido, esta decidido, thats my day,"
    "that is my day, night is it, day is it, tonight is it, is the day, thats the day, is the night, the day i,"
    "ive decided, i decided, decided that,"
    "made up my mind, es el dia, ya lo decidi, lo decidi"
)
# worrying about someone else
CONCEPTS["worry_other"] = _entries(
    "worried about my, worried about her, worried about him, concerned about my,"
    "concerned about her,"
    "concerned about him, scared for my friend, worried for, preocupada por, preocupado por,"
    "me preocupa mi, me preocupa"
)
CONCEPTS["sleep"] = _entries("sleep, asleep, go to sleep, fall asleep, rest, stay asleep")
for _concept, _text in CONCEPTS_ES.items():
    CONCEPTS[_concept] = CONCEPTS.get(_concept, frozenset()) | _entries(_text)

# said with no one else named, these speak of ending one's own life
CONCEPTS["death_strong"] = _entries(
    "end it, end it all, end my life, kill myself, kms, ctb, unalive, unalive myself,"
    "take my life, off myself, matarme, quitarme la vida, acabar con todo"
)

# More wordings seen in how people hint (merged into the tables above)
CONCEPTS["fixation"] = CONCEPTS["fixation"] | _entries(
    "where my mind goes, where my brain goes, my mind goes to, my brain goes to, drove past,"
    "drive past, driving past, walk past, walked past, noticing what time, mentally rehearsing,"
    "rehearsing, look different, looks different, isnt for patients, coat pocket, in my coat"
)
CONCEPTS["quantity"] = CONCEPTS["quantity"] | _entries("and a plan, have a plan, got a plan")
CONCEPTS["decided"] = CONCEPTS["decided"] | _entries(
    "going to do it, gonna do it, do it on my, i know where ill go, where ill go,know where ill go"
)
CONCEPTS["passive"] = CONCEPTS["passive"] | _entries(
    "done with existing, point in being here, a point in being here, give out,"
    "my body to give out, take me, please take me, borrowed time, give it back,"
    "stopped turning, a me after, wont be a me, running out of reasons,"
    "reasons to stick around, my own funeral, already a ghost, hasnt been made official"
)
CONCEPTS["prep_strong"] = CONCEPTS["prep_strong"] | _entries(
    "whoever comes in after me, whoever comes after me, whoever takes over,"
    "instructions for whoever, goodbye post, goes live at midnight,"
    "how i want to be remembered, to be remembered, last check in, this is my last,"
    "its not a gift, a goodbye thing, one each"
)
CONCEPTS["prep_weak"] = CONCEPTS["prep_weak"] | _entries(
    "given away most of my, most of my stuff,gave my, what you think of at the end, scheduled it"
)
CONCEPTS["harm_act"] = CONCEPTS["harm_act"] | _entries(
    "bitting, self harmed, selfharmed, put out on, put it out on, cigarette burn,"
    "cigarette to put out"
)
CONCEPTS["self_strong"] = CONCEPTS["self_strong"] | _entries(
    "isnt for patients, not for a patient, not for patients, not for patient"
)
CONCEPTS["harm_other_act"] = CONCEPTS["harm_other_act"] | _entries(
    "down with me, take them down, taking the whole, drive my car into the,driving my car into the"
)
CONCEPTS["others"] = CONCEPTS["others"] | _entries(
    "the kids, the group, the department, the whole department"
)
CONCEPTS["imminent"] = CONCEPTS["imminent"] | _entries(
    "phone off, then phone off, sent me a photo, outside our house, outside our door"
)
CONCEPTS["violence"] = CONCEPTS["violence"] | _entries(
    "outside our house, outside our door, outside our apartment"
)

# Negators for the frames (the phrase rules use lexicon.NEGATORS with a word window).
FRAME_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "dont",
        "didnt",
        "doesnt",
        "wont",
        "wouldnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "havent",
        "hasnt",
        "cant",
        "couldnt",
        "nunca",
        "jamas",
    ]
)
