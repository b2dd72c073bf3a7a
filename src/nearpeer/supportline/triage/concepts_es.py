"""Spanish words and phrases for the meaning frames, by concept (merged into concepts.CONCEPTS).

Over normalized text: lower case, accents and "n" tilde folded ("contrasenas"), no punctuation.
"""

CONCEPTS_ES: dict[str, str] = {
    "self": "yo, mi, mis, conmigo, me",
    "self_subject": "yo",
    "wish": (
        "quiero, quisiera, queria, ojala, deseo, ganas, pienso, pensando, pense, he pensado,"
        "imagino, me imagino, imaginando, se me cruza, pido, le pido, rezo, espero que,"
        "seria un alivio, alivio, pensamientos, pensamientos de, me pregunto, no me importaria"
    ),
    "death": (
        "desvivirme, morir, morirme, muera, muriera, muerto, muerta, muerte, matarme, me mate,"
        "matar,"
        "irme de este mundo, ya no estar, ya no este, cuando ya no este, no estuviera,"
        "si no estuviera, descansar para siempre, desaparecer, no despertar, quitarme la vida,"
        "acabar con todo, terminar con todo, dejar de vivir, dejar de existir, no existir,"
        "mejor sin mi, sin mi"
    ),
    "passive": (
        "no despertar, no me deje despertar, no volver a despertar, dormir para siempre,"
        "dormirme para siempre, que sea para siempre, mucho tiempo mas, no voy a estar,"
        "ya no este, ya no estar, si me da un infarto, si me atropellan, me atropelle,"
        "me mate un bus, me atropelle un, seria un alivio, ya descansaron, descansare,"
        "irme de este mundo, ya no quiero seguir, no quiero seguir, no quiero despertar,"
        "me de algo,"
        "no tener que seguir, se termine todo, que se acabe todo, no sigo, ya me hubiera muerto,"
        "como si ya, ya estoy muerta, ya estoy muerto, nadie se hubiera dado cuenta,"
        "no me queda mucho, fuerzas para seguir, no me encontrarian, despetrar, ya me fui,"
        "el cuerpo se entere, ojala me toque,"
        "no me voy a tratar"
    ),
    "accident": (
        "atropellan, atropelle, atropellara, atropello, infarto, bus, camion, accidente, choque"
    ),
    "means_drug": (
        "paracetamol, ibuprofeno, insulina, fentanilo, morfina, amitriptilina, triciclicos,"
        "benzodiacepinas, clonazepam, alprazolam, rivotril, potasio, pastillas, pastis, jeringa,"
        "jeringas, medicinas, medicamentos, recetas, ampolletas, ampollas, caja entera, veneno"
    ),
    "means_weapon": (
        "pistola, arma, bisturi, cuchilla, cuchillas, navaja, cuchillo, soga, cuerda, cinturon,"
        "escopeta, rifle"
    ),
    "place": (
        "puente, azotea, techo, balcon, vias, tren, metro, edificio, carretera, ultimo piso,"
        "ventana, acantilado, rio, estacionamiento, periferico, autopista"
    ),
    "method": (
        "tirarme, aventarme, lanzarme, colgarme, ahorcarme, tomarme todo, tomarmelas, saltar,"
        "sin mirar, meterme debajo, debajo de un, que parezca accidente, parezca un accidente,"
        "inyectarme, cortarme las venas, darme un tiro, pegarme un tiro"
    ),
    "quantity": (
        "las cuento, cuento las, todas, todo junto, lo tengo todo, suficientes, cuantas unidades,"
        "cuantas, cuanto,"
        "contadas, guardado, guardadas, juntando, acumulando, tres farmacias, distintas farmacias"
    ),
    "fixation": (
        "saque, en mi locker, en el locker, me quede parado, me quede parada, parado en,"
        "parada en, la tuve en la mano, en la mano, la saque, se donde, se cuantas,"
        "se exactamente,"
        "en el cajon, en la mochila, en la bolsa, en mi bolsa, encima de la mesa, a mano"
    ),
    "time": (
        "hoy, esta noche, manana, el domingo, el sabado, el viernes, fin de semana,"
        "despues del examen, despues del mir, despues de la guardia, cuando termine, pronto,"
        "ya lo decidi, fecha, nadie me busca, es el dia, el dia que, resultados, ultimo dia"
    ),
    "finality": (
        "para siempre, ultima vez, nunca mas, de una vez, definitivamente, ya lo decidi,"
        "solo me falta una cosa, se termina todo, todo se termina"
    ),
    "prep_strong": (
        "cartas de despedida, esta es mi despedida, mis notas para, escribi mis notas, una nota para,"
        "si me pasa algo, se quede con mi gato, se quede con mi perro, cuide a mi, deje pagado,"
        "regalando, regale, mis contrasenas, cartas para mi, escribi las cartas,"
        "las cartas,"
        "una carta para cada"
    ),
    "harm_act": (
        "rascandome, rascarme, me rasco, corte, corto, cortes, me hago cortes, me corte,"
        "cortarme, me quemo, quemarme, rasguno,"
        "me rasguno, rasgunarme, me clavo, me castigo, me golpeo, golpearme, me lastimo,"
        "lastimarme, me hago dano, hacerme dano, hacerme heridas"
    ),
    "harm_target": (
        "los brazos hasta, la piel, mi piel, el brazo, mi brazo, los brazos, el antebrazo,"
        "antebrazo, las palmas,"
        "las munecas, munecas, las piernas, los muslos, muslos, cuello, a proposito,"
        "me hago cortes,"
        "me corto, me corte, me quemo, me rasguno, me clavo"
    ),
    "harm_outcome": "hasta sacarme sangre, hasta sangrar, sangre, costras, heridas, vendado",
    "harm_other_act": (
        "lastimarlo, lastimarla, hacerle dano, le haga algo, hacerle algo, rompo la cara,"
        "romperle la cara, matarlo, matarla, golpearlo, golpearla, le rompo, vengarme,"
        "ponerle otra cosa, empujar, empujarlo, empujarla, envenenar, sufra, que sufra,"
        "poniendo cosas, cosas en la comida,"
        "en su comida"
    ),
    "others": (
        "le, lo, la, a mi residente, mi adscrito, un paciente, a un paciente, mi jefe,"
        "un companero, mi companero, mi jefa, a mi jefa, mi adscrita"
    ),
    "agent": "el, ella, mi novio, mi novia, mi pareja, mi esposo, mi esposa, mi marido, mi ex",
    "violence": (
        "me agarro, me apreto el cuello, me agarro del cuello, a golpes, tengo marcas,"
        "me viene siguiendo, me esta siguiendo, me estan siguiendo, me pega, me pego, me golpea,"
        "me golpeo, me amenaza, me amenazo, me empujo, me jalo,"
        "pateando la puerta, gritando afuera, esta afuera, me encerro, me sigue, me persigue,"
        "me manoseo, me forzo, me obligo, me violo, me violaron"
    ),
    "danger_state": (
        "encerrada, encerrado, estoy encerrada, escondida, escondido, atrapada, atrapado,"
        "no puedo salir, en peligro, miedo de volver, estoy metida, estoy metido, no se si salir"
    ),
    "friend": (
        "un compa, compa, mi compa, mi companero, mi companera, una companera, un companero,"
        "mi mejor amigo, mi mejor amiga, mi amigo, mi amiga, mi roomie, mi hermana, mi hermano"
    ),
    "imminent": "ahora mismo, ahorita, no contesta, acaba de, se tomo, se tomo todas",
    "clinical": (
        "paciente, pacientes, urgencias, clase de, profe, consulta, caso, toxicologia, prevencion,"
        "jornada, datos, tasa, tasas, tesis, estudio, articulo, dia mundial, club de lectura,"
        "simulacion, caso de, ingesta, sesion general, entrevistar, refugio, trabajo social,"
        "psiquiatria la valoro, la valoro, ideacion, intento de suicidio, intoxicacion,"
        "dar la noticia, la noticia, la adjunta, el adjunto, naloxona, que dosis, dosis de, vimos,"
        "mortalidad, poster, politrauma, cirujano, mi primera muerte, como r1"
    ),
    "imitation": "envidia, me da envidia, ya descansaron, como ella, como el, lo mismo",
    "calculation": (
        "hice la cuenta, me alcanza, con lo que tengo, dosis hepatotoxica, dosis toxica, ya busque,"
        "ya tengo todo pensado, tengo todo pensado, mas que eso en casa, ya se como"
    ),
    "deny_act": (
        "no voy a hacer nada, nunca lo haria, no lo haria, ni loco, ni loca,"
        "no es que quiera hacer nada, no estoy en peligro, no pienso hacer nada"
    ),
    "sleep": "dormir, dormirme, dormida, dormido, descansar",
    "prep_weak": (
        "cerre mis cuentas, cerre mi cuenta, cancele, borre mis, borre mi, deje todo pagado,"
        "deje pagado, solo me falta, despedida, despedirme, me despido, testamento"
    ),
}
