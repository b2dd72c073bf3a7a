"""Spanish phrases for the triage rules, by rule key (see lexicon.py for the rules themselves).

Written over normalized text like the English ones: lower case, accents and "n" tilde folded away
("quitarme la vida", "sueno"), no punctuation. Negators, clause breaks and idioms in Spanish are
merged into the English tables in lexicon.py. Plain data, no Django import.
"""

_ME = r"(?:me|te)"
_PARTNER = r"(?:novio|novia|pareja|esposo|esposa|marido|mujer|ex|chavo|chava|jevo|jeva)"
_FAMILY = r"(?:papa|padre|padrastro|mama|madre|madrastra|hermano|hermana|tio|tia|primo|prima|"
_FAMILY += r"roomie|companero de cuarto|companera de cuarto|casero|familia)"
_HITS = (
    r"(?:pega|pego|golpea|golpeo|golpeaba|pegaba|amenaza|amenazo|amenazaba|empuja|empujo|"
    r"ahorca|ahorco|ahorcaba|viola|violo|maltrata|maltrato|lastima|lastimo|jalonea|jaloneo|"
    r"patea|pateo|cachetea|cacheteo|agarra a golpes|agarro a golpes|sigue|persigue|acosa|acoso)"
)
_WANT = r"(?:quiero|quisiera|queria|ganas de|pienso en|pensando en|planeo|voy a|deseo|necesito)"

PHRASES_ES: dict[str, tuple[str, ...]] = {
    "suicide": (r"suicidarme", r"suicidar", r"pensamientos suicidas", r"ideas suicidas"),
    "suicide-word": (r"suicidio", r"suicida", r"suicidas"),
    "end-life": (
        r"quitarme la vida",
        r"me quite la vida",
        r"me (?:quiero|quisiera|voy a) (?:morir|matar)",
        rf"{_WANT} (?:morir|morirme|matarme|desaparecer para siempre|dejar de existir)",
        r"matarme",
        r"ojala (?:me muriera|me muera|muriera|estuviera muerto|estuviera muerta|no despertar|"
        r"no despierte|no despertara|no existiera|no hubiera nacido)",
        r"acabar con (?:todo|mi vida|esto de una vez|esto para siempre)",
        r"terminar con (?:todo|mi vida)",
        r"no quiero (?:vivir|seguir viviendo|seguir aqui|estar aqui|existir|despertar|"
        r"despertarme|seguir|estar viva|estar vivo|estar en este mundo)",
        r"no quiero (?:volver a )?despertar",
        r"(?:estarian|estaria|estarias|estan|estaran) mejor sin mi",
        r"mejor sin mi",
        r"no tiene sentido (?:vivir|seguir|seguir viviendo|estar vivo|estar viva)",
        r"ya no (?:quiero )?estar (?:aqui|aca|en este mundo|viva|vivo)",
        r"dormir (?:y no despertar|para siempre)",
        r"(?:seria|es) mejor (?:morir|morirme|estar muerto|estar muerta|no existir|no estar)",
        r"no (?:vale|valdria) la pena (?:vivir|seguir)",
        r"(?:ya )?no voy a estar (?:aqui|mucho tiempo|por mucho)",
        r"(?:cansada|cansado) de vivir",
        r"no (?:quiero|aguanto) seguir (?:asi|viviendo)",
    ),
    "goodbye": (
        r"(?:carta|cartas) de despedida",
        r"(?:escribi|escribiendo|escribir|deje|dejar) (?:unas |una |mis )?(?:carta|cartas)",
        r"despedirme de",
        r"me estoy despidiendo",
        r"(?:regalando|regale|regalar) (?:todas )?mis cosas",
        r"esta es mi despedida",
        r"(?:mi|un) testamento",
        r"(?:ultimo|ultima) (?:mensaje|vez que (?:les|te) escribo)",
        r"quien (?:cuide|cuidara|va a cuidar) a mi (?:perro|gato|perrita|gatita|mascota)",
    ),
    "means": (
        r"(?:juntando|guardando|ahorrando|acumulando|junte|guarde) (?:las |mis |unas )?"
        r"(?:pastillas|medicinas|medicamentos|pastis)",
        r"(?:tomarme|tome|tomar) todas (?:las|mis) (?:pastillas|medicinas|pastis)",
        r"todas (?:las|mis) pastillas",
        r"sobredosis",
        r"cuantas pastillas",
        r"dosis letal",
        r"(?:tirarme|aventarme|lanzarme|arrojarme|saltar) (?:del|de un|de una|de la|por la|al|a "
        r"las|a la|desde)",
        r"colgarme",
        r"ahorcarme",
        r"cortarme las venas",
        r"(?:pegarme|darme) un tiro",
        r"(?:compre|comprar|tengo|consegui) (?:una )?(?:pistola|cuerda|soga|arma)",
    ),
    "self-harm": (
        r"cortarme",
        r"me (?:corto|corte|cortaba|estoy cortando|he cortado|volvi a cortar)",
        r"(?:hacerme|me hago|me hice|me hacia) dano",
        r"lastimarme",
        r"me (?:lastimo|lastime|estoy lastimando)",
        r"quemarme",
        r"me (?:quemo|queme) a proposito",
        r"autolesion",
        r"autolesiones",
        r"autolesionarme",
        r"golpearme",
    ),
    "partner-violence": (
        rf"mi {_PARTNER}(?: \w+){{0,2}} {_ME} {_HITS}",
        r"violencia (?:domestica|de genero|intrafamiliar|de pareja)",
        r"relacion (?:abusiva|violenta)",
    ),
    "violence": (
        rf"(?:mi {_FAMILY}|el|ella|alguien)(?: \w+){{0,2}} me {_HITS}",
        r"me (?:dijo|dice|amenazo con) que me (?:iba a|va a|van a) (?:matar|pegar|lastimar)",
        r"abuso sexual",
        r"me (?:violaron|violo|abusaron|abuso|agredieron|agredio)",
    ),
    "danger": (
        r"miedo (?:de|a) (?:volver|regresar|ir|llegar) a (?:casa|mi casa|mi depa|mi cuarto)",
        r"no me siento (?:segura|seguro) (?:en casa|en mi casa|con el|con ella)",
        r"no estoy (?:segura|seguro) en (?:casa|mi casa)",
        r"(?:estoy|me siento) en peligro",
        r"tengo miedo de (?:el|ella|mi " + _PARTNER + r"|mi " + _FAMILY + r")",
        r"me tiene (?:encerrada|encerrado)",
        r"no me deja (?:salir|irme)",
        r"(?:estoy|me) (?:escondida|escondido|escondi|encerre)",
        r"temo por mi vida",
    ),
    "harm-others": (
        rf"{_WANT} (?:matarlo|matarla|matarlos|lastimarlo|lastimarla|hacerle dano|golpearlo|"
        r"golpearla|matar a|lastimar a)",
    ),
    "hopeless": (
        r"sin esperanza",
        r"no hay salida",
        r"nada tiene sentido",
        r"nada importa",
        r"(?:perdi|he perdido) (?:la|toda) (?:esperanza|fe)",
        r"que sentido tiene",
        r"nada va a mejorar",
        r"no tiene sentido",
        r"me rindo",
    ),
    "distress": (
        r"no (?:puedo|paro de|dejo de) (?:dejar de )?llorar",
        r"(?:ataque|ataques) de (?:panico|ansiedad)",
        r"ya no (?:puedo|aguanto) mas",
        r"no aguanto mas",
        r"me estoy (?:derrumbando|desmoronando|volviendo loca|volviendo loco)",
        r"no puedo respirar",
    ),
    "basic-needs": (
        r"no he (?:comido|dormido)",
        r"no (?:puedo|logro) (?:dormir|comer)",
        r"(?:casi )?no (?:duermo|como) (?:nada|desde)",
    ),
    "worthless": (
        r"no valgo nada",
        r"soy (?:una carga|un estorbo|un fracaso|una fracasada|un fracasado|una inutil|un inutil)",
        r"me odio",
    ),
    "alone": (
        r"(?:muy|completamente|totalmente|tan) (?:sola|solo)",
        r"no tengo a nadie",
        r"a nadie le importo",
        r"a nadie le importa",
        r"nadie me quiere",
    ),
    "disappear": (r"(?:quiero|quisiera|ojala pudiera) desaparecer",),
    "numb": (
        r"(?:me siento|estoy|siento) (?:vacia|vacio)",
        r"no siento nada",
        r"(?:muerta|muerto) por dentro",
    ),
    "control": (
        r"(?:revisa|checa|controla|me quita) (?:mi|el) (?:celular|telefono|cel|dinero|tarjeta)",
        r"no me deja (?:ver|salir con|hablar con|ir)",
        r"me (?:grita|insulta|humilla)",
    ),
    "substances": (
        r"(?:bebiendo|tomando|chupando) (?:todas las noches|para olvidar|para dormir|sola|solo|"
        r"demasiado)",
        r"(?:fumando|usando) (?:mota |algo )?para (?:olvidar|aguantar|dormir)",
    ),
    "housing": (
        r"me (?:corrieron|echaron|sacaron) de (?:la|mi) casa",
        r"no tengo (?:donde|a donde) (?:quedarme|dormir|vivir|ir)",
    ),
}

# Innocent Spanish idioms, blanked out like the English ones.
IDIOMS_ES: tuple[tuple[str, str], ...] = (
    (
        r"me (?:muero|moria|mori|estoy muriendo) de (?:sueno|hambre|risa|ganas|verguenza|frio|"
        r"calor|cansancio|nervios|envidia|aburrimiento|amor|sed|estres)",
        "~",
    ),
    (
        r"(?:morir|morirme|muero|muera) de (?:la |pura )?(?:verguenza|pena|risa|ganas|sueno|hambre|"
        r"cansancio|aburrimiento|nervios)",
        "~",
    ),
    (r"(?:muerto|muerta|muertos|muertas) de (?:hambre|sueno|cansancio|risa|miedo|frio)", "~"),
    (r"me (?:mata|mato|esta matando|estan matando) (?:de risa|el|la|los|las|este|esta)", "~"),
    (r"(?:este|esta|el|la) \w+ me (?:esta matando|mata)", "~"),
    (r"me (?:mataria|va a matar|van a matar|matan) si (?:repruebo|no paso|reprobo)", "~"),
    (r"me (?:mataria|va a matar) mi (?:mama|papa|madre|padre|familia)", "~"),
    (
        r"me (?:corte|corto|cortaron|queme) (?:el pelo|el cabello|el dedo|la mano|con (?:un|el|la)"
        r" (?:papel|cuchillo|sarten|horno|plancha)|cocinando|sin querer)",
        "~",
    ),
    (  # "último mensaje antes del examen", "desde Guadalajara": signing off for a while
        r"(?:ultimo|ultima) (?:mensaje|msj) (?:\w+ ){0,3}(?:antes de|antes del|antes de mi|antes de la) "
        r"(?:\w+ ){0,2}(?:examen|guardia|vuelo|enarm|mir|evaluacion|entrevista|parcial|final)",
        "~",
    ),
    (r"(?:ultimo|ultima) (?:mensaje|msj) desde", "~"),
    (
        r"(?:me despido|despedirme) de (?:este|el|esta|la) (?:grupo|hospital|servicio|rotacion|"
        r"ciudad)",
        "~",
    ),
)

NEGATORS_ES = frozenset(["nunca", "jamas", "tampoco", "ni"])
CLAUSE_BREAKS_ES = frozenset(["pero", "porque", "aunque", "sino"])
PSEUDO_NEGATIONS_ES = frozenset(
    {("no", "se"), ("no", "solo"), ("no", "puedo"), ("ni", "idea"), ("no", "creo")}
)
