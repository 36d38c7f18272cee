"""Concept vocabularies: the kinds of things a crisis message talks about.

The learned model (model.py) does not see only words: every term listed
here is also seen as its concept, so "downed my lithium", "swallowed the
seroquel" and "me tome las pastillas" all read ACT_TAKE + MEANS_MED. That is
what lets it judge phrasings nobody wrote down (docs/screening.md).

Terms are in the `words` form (normalise.py): lower case, accents dropped,
leetspeak undone, and apostrophes dropped too ("i'm" -> "im"). Terms are
separated by commas; a term is one word or a phrase. English and Spanish sit
side by side: a concept says the same thing in both.

A term here teaches the model a new word for a concept it already knows; it
is not a rule and decides nothing alone. Retrain afterwards
(`python manage.py train_screening`).
"""

SPEAKER = {
    "SELF": "i, im, ive, id, ill, me, my, myself, mine, yo, mi, mis, conmigo",
    "OTHER": """my friend, my sister, my brother, my cousin, my roommate, my daughter, my son, my mom, my mother,
    my dad, my girlfriend, my boyfriend, my partner, my niece, my nephew, my aunt, my coworker, a friend, a girl,
    someone i know, my mentee, she, shes, her, they, theyre, this girl, a member, a lot of people, many survivors,
    people who, anyone who, mi amiga, mi amigo, mi hermana, mi hermano, mi prima, mi primo, mi hija, mi hijo,
    una amiga, un amigo, ella, mi companera, alguien que conozco,
    my little brother, my little sister, my best friend, my husband, my wife, my kid, a girl in, one of the girls,
    a guy in, one of the women, my neighbor, mi mejor amiga, mi esposo, mi esposa, una companera,
    her pimp, her trafficker, her boyfriend, her ex, her boss, una muchacha, una chica, una senora, a mi prima,
    a mi hermana, a mi amiga, a mi vecina, la tienen, la estan, la van, la amenaza, la sigue, la siguen, la dejan,
    la llevan, la llevaron, se la llevo, le quitaron, lo tienen, lo estan""",
}

SELF_HARM = {
    "DIE": """die, dying, dead, death, suicide, suicidal, suicde, sucide, suiside, sucidal, kill myself,
    killing myself, kms, end my life, end it all, end it, ending it, take my life, taking my life, off myself,
    unalive, unaliving, self delete, ctb, catch the bus, sewerslide, sewer slide, not be here, not be around,
    not wake up, never wake up, sleep forever, cease to exist, stop existing, disappear forever, be gone,
    morir, morirme, muera, muerta, muerto, muerte, matarme, me mato, suicidarme, suicidio, quitarme la vida,
    me quito la vida, acabar con todo, acabar con mi vida, terminar con todo, ya no estar, dejar de existir,
    no despertar, desaparecer, irme para siempre""",
    "WISH": """want, wanna, wish, wishing, hope, pray, rather, would be better, tired of being alive, quiero,
    quisiera, ojala, deseo, ganas de""",
    "INTENT": """going to, gonna, gunna, about to, will, decided, made up my mind, ready, plan, planning,
    planned, its time, tonights the night, this is it, doing it, voy a, ya decidi, estoy lista, estoy listo,
    lo voy a hacer, ya es hora""",
    "MEANS_MED": """pills, pill, pils, meds, medication, medications, tablets, capsules, bottle, bottles,
    prescription, overdose, od, tylenol, acetaminophen, paracetamol, advil, ibuprofen, aspirin, aleve, naproxen,
    benadryl, diphenhydramine, unisom, melatonin, nyquil, oxy, oxys, oxycodone, oxycontin, percocet, percs,
    vicodin, hydrocodone, morphine, fentanyl, fent, heroin, dope, methadone, suboxone, tramadol, codeine, xanax,
    xannies, alprazolam, klonopin, clonazepam, valium, diazepam, ativan, lorazepam, ambien, zolpidem, seroquel,
    quetiapine, lithium, depakote, lamictal, lamotrigine, zoloft, sertraline, prozac, fluoxetine, lexapro,
    escitalopram, celexa, wellbutrin, trazodone, mirtazapine, remeron, amitriptyline, gabapentin, lyrica, insulin,
    propranolol, metoprolol, sleeping pills, painkillers, antidepressants, benzos, opioids, pastillas, pastilla,
    pildoras, medicinas, medicamentos, frasco, calmantes, somniferos, antidepresivos""",
    "MEANS_BLADE": """knife, knives, blade, blades, razor, razors, razorblade, box cutter, boxcutter, scissors,
    glass shard, shards, scalpel, cuchillo, cuchilla, navaja, navajas, tijeras, vidrio""",
    "MEANS_ROPE": """rope, noose, cord, belt, scarf, extension cord, ligature, hang myself, hanging myself,
    soga, cuerda, cinturon, lazo, colgarme, ahorcarme""",
    "MEANS_GUN": """gun, guns, pistol, handgun, revolver, rifle, shotgun, glock, bullet, bullets, loaded, trigger,
    pistola, arma, balas, cargada""",
    "MEANS_OTHER": """bleach, antifreeze, rat poison, poison, drain cleaner, charcoal, exhaust, carbon monoxide,
    hose, oven, plastic bag, car running, engine running, veneno, cloro, raticida, gasolina""",
    "PLACE_RISK": """bridge, overpass, roof, rooftop, ledge, balcony, railing, rail, rails, tracks, train tracks,
    cliff, edge, window, highway, freeway, river, lake, ocean, parking garage, top floor, pier, dam, roof deck, orilla, puente,
    azotea, techo, cornisa, balcon, barandal, vias, vias del tren, rio, precipicio""",
    "ACT_TAKE": """took, taken, swallowed, swallow, downed, chugged, popped, ate the whole, injected, shot up,
    overdosed, already took, just took, me tome, trague, me trague, ya me tome, me meti, took all, took every, washed down, washed it down, me tome todas, me las tome""",
    "ACT_CUT": """cut, cutting, slit, sliced, carved, burn, burned, burnt, burning, scratched, hit myself,
    bleeding, blood, bled, bleed, wont stop bleeding, too deep, stitches, cortarme, me corte, cortando,
    cortadas, sangre, sangrando, quemarme, me queme, lastimarme, me lastime""",
    "ACT_JUMP": """jump, jumping, step off, lean over, legs over, drive into, crash the car, swerve,
    walk into traffic, in front of a train, saltar, brincar, tirarme, aventarme, lanzarme""",
    # Only words that say goodbye for good: "thank you all" or "last time" end ordinary messages every day.
    "FAREWELL": """goodbye, good bye, bye everyone, farewell, last post, last message, final message, my note,
    wrote a letter, suicide note, take care of my, forgive me, sorry everyone, sorry for everything,
    wont be here, wont be around, gave away, giving away, give away my, adios para siempre, despedida,
    perdonenme, perdon por todo, cuiden a mi, ultimo mensaje, ya no me veran, regale mis cosas, wrote letters, letters for, signed over, deje cartas, cartas para""",
    "HOPELESS": """no point, pointless, hopeless, nothing left, no reason to live, no way out, cant go on,
    cant do this anymore, cant keep going, give up, giving up, burden, better off without me, nobody would care,
    no one would miss, tired of living, done with life, done trying, worthless, ya no puedo, no aguanto,
    sin sentido, no tiene sentido, sin salida, soy una carga, mejor sin mi, nadie me extranaria,
    cansada de vivir, cansado de vivir, ya me canse""",
    "URGE": """urge, urges, craving, relapse, relapsed, relapsing, slipped, sh, self harm, selfharm,
    recai, recaida""",
    "METHOD": """how many, would it take, researching, looked up, googling, painless, the best way, method,
    methods, lethal, lethal dose, cuantas, como hacerlo""",
    "UNSAFE": """not safe with myself, unsafe, cant keep myself safe, cant trust myself, dont trust myself,
    no estoy segura conmigo, no me siento segura""",
}

DANGER = {
    "EXPLOITER": """trafficker, traffickers, pimp, pimps, daddy, my man, boss, madam, handler, recruiter,
    his boys, his people, his guys, his crew, the crew, his brother, his cousin, the guy who, the man who,
    the lady who, the family i worked for, manager, the owner, my ex, the uncle, foreman, padrote, padrotes,
    proxeneta, traficante, tratante, patron, patrona, la jefa, el jefe, su gente, sus hombres, coyote,
    enganchador, la senora, los de la casa, el que me trajo""",
    "HE": "he, hes, him, his, they, theyre, them, el, ellos",
    "PRESENT": """here, outside, downstairs, at the door, at my door, in the lot, parked, pulled up, showed up,
    waiting, knocking, banging, pounding, ringing, across the street, in the lobby, in the hallway, at my job,
    at the shelter, walked in, came in, at the gate, behind me, across from me, aqui, aca, afuera, llego, llegaron, esta aqui, estan aqui, en la puerta, tocando,
    golpeando, esperando, estacionado, abajo, entro, acaba de entrar, enfrente, formado""",
    "ARRIVING": """coming, on his way, on their way, omw, minutes away, min away, almost here, pulling up,
    headed here, heading here, coming over, coming back, coming to get me, leaving now, stop by, come by, swing by,
    see you tonight, see you soon, be there in, viene, vienen, en camino, ya viene,
    ya casi llega""",
    "FORCE": """making me, forcing me, forced, force me, has me, make me, have to see, have to work,
    sending me out, quota, date, client, clients, buyer, buyers, john, johns, trick, tricks, the track,
    the blade, meet a guy, go with, me obliga, me obligan, obligando, me hace, me manda, me mandan, cliente,
    clientes, trabajar, a fuerza, tengo que ir, una cita, la cuota""",
    "MOVE": """moving me, taking me, driving me, move me, transfer, transferring, sending me to, in the back of,
    trunk, van, truck, suv, bus, flight, border, another city, another state, out of state, me llevan,
    me estan llevando, me van a llevar, me mueven, camioneta, troca, la frontera, otra ciudad""",
    "HOLD": """locked in, locked me, locked the door, wont let me leave, cant leave, not allowed to leave,
    trapped, held, keeps me, took my phone, took my shoes, took my keys, took my id, chained, encerrada,
    encerrado, me encerro, no me deja salir, no me dejan salir, atrapada, atrapado, me quito el telefono""",
    "THREAT": """kill, hurt, threaten, threatened, threatening, threats, said hed, or else, gonna get me,
    come for me, make me pay, beat me, beat up, shoot, stab, find me, hunt me, matar, lastimar, amenaza,
    amenazo, amenazando, me va a buscar, me va a encontrar, golpear""",
    "FAMILY": """mom, mother, mama, dad, father, kids, kid, son, daughter, baby, children, family, sister,
    brother, grandma, grandmother, back home, madre, papa, padre, hijos, hijo, hija, bebe, nina, nino, familia,
    hermana, hermano, abuela, mi pueblo""",
    "CHILD_TAKEN": """took my son, took my daughter, took my baby, took my kids, has my son, has my daughter,
    has my kids, has my baby, took the kids, se llevo a mi hijo, se llevo a mi hija, se llevaron a mi hijo,
    tiene a mi hijo, tiene a mi hija""",
    "BLACKMAIL": """photos, pictures, pics, videos, video, nudes, tape, post them, send them, leak, expose,
    fotos, publicar, subir""",
    "DEBT": "owe, debt, pay back, pay him back, what i owe, deuda, debo, lo que debo",
    "PAPERS": """passport, papers, documents, green card, visa, birth certificate, social security card,
    pasaporte, papeles, documentos, identificacion, credencial""",
    "FOLLOW": """following me, followed me, follows me, tracking, tracked, watching me, watches me, airtag,
    tracker, location, gps, stalking, stalked, driving by, can see me, sees me, what im wearing, me sigue, me siguio, siguiendome, rastreando,
    vigilando, me vigila, me espia, ubicacion""",
    "FIND": """found me, knows where, found out where, located, my address, my new address, my building,
    my street, where i live, where i work, where i stay, asking about me, looking for me, me encontro,
    me encontraron, sabe donde, mi direccion, me esta buscando, me buscan""",
    "HIDE": """hiding, hide, hid, in the closet, in the bathroom, under the bed, locked myself in, escondida,
    escondido, me escondi, escondiendome, en el bano, en el closet""",
    "FEAR": """scared, afraid, terrified, panicking, panic, shaking, help, please help, what do i do,
    what should i do, dont know what to do, miedo, asustada, asustado, tengo miedo, ayuda, ayudenme, auxilio,
    que hago""",
}

TIME = {
    "NOW": """now, right now, rn, tonight, tn, tonite, today, this morning, this afternoon, this evening,
    this weekend, in an hour, in a few hours, in minutes, soon, after my shift, when everyone is asleep,
    before morning, by morning, tomorrow morning, ahora, ahorita, ya, hoy, esta noche, hoy en la noche,
    en una hora, en un rato, manana temprano, al rato""",
    "PAST": """years ago, months ago, year ago, used to, back then, last year, when i was, once, before i left,
    before i got out, that time, back when, yrs ago, weeks ago, summers ago, winters ago, at the time,
    those days, in the past, hace tiempo, en ese tiempo,
    cuando sali, durante un tiempo, hace anos, hace meses, antes, cuando estaba, antes de salir,
    aquella vez""",
    "RECOVERED": """glad im still here, glad i survived, survived, safe now, im safe, okay now, ok now,
    doing better, grateful, thankful, anniversary, clean for, sober, free for, recovery, healing, healed,
    got out, im out, in prison, in jail, protective order, restraining order, convicted, sentenced, moved away, arrested, behind bars, made it,
    years clean, months clean, celebrate, celebrating, milestone, sigo aqui,
    ya estoy bien, estoy a salvo, sobrevivi, gracias a dios, agradecida, agradecido, ya sali, en la carcel,
    orden de proteccion""",
}

CANCEL = {
    "NEG": "not, never, no, dont, didnt, wont, isnt, arent, aint, nope, nah, nunca, jamas, tampoco",
    "FIGURATIVE": """lol, lmao, lmfao, haha, hahaha, jk, kidding, dying laughing, killing me, killing it,
    dead tired, to die for, dying to, rather die than, would die for, this heat, this traffic, embarrassment,
    jaja, jajaja, me muero de, me mata el, de la verguenza, de risa, de hambre""",
    "MEDIA": """game, games, gaming, minecraft, fortnite, character, movie, film, show, episode, series, season,
    book, novel, song, lyrics, video game, anime, netflix, telenovela, novela, pelicula, serie, capitulo, juego,
    videojuego""",
    "EDU": """statistics, study, studies, research, article, news, report, training, awareness, workshop,
    signs of, often, victims, how to spot, warning signs, percent, survey, class, presentation, documentary, podcast, reporter, headline, segment, red flags, according to, estadisticas,
    estudio, noticias, articulo, capacitacion, taller, senales""",
    "HOTLINE": """988, hotline, crisis line, lifeline, helpline, 741741, 911, crisis text line, linea de crisis,
    linea de ayuda""",
    "ADVICE": """if you feel, if you ever, if anyone, if youre, if someone, you are not alone, youre not alone,
    reach out, call someone, talk to someone, to anyone, if your, you matter, you deserve, stay safe, si tu, si sientes, si alguien, no estas sola, no estas solo""",
}

GROUPS = {"P": SPEAKER, "SH": SELF_HARM, "DG": DANGER, "T": TIME, "X": CANCEL}


def vocabulary():
    """{tuple of words: frozenset of concept names such as "SH_MEANS_MED"}."""
    table = {}
    for prefix, group in GROUPS.items():
        for name, blob in group.items():
            for term in blob.split(","):
                words = tuple(term.split())
                if words:
                    table.setdefault(words, set()).add(f"{prefix}_{name}")
    return {words: frozenset(names) for words, names in table.items()}
