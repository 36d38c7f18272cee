"""Which language a message is in: English or Spanish, by their commonest short words.

Members write a line or two, often without accents, and often mix the two
("he said q me va a matar"). A stop-word count needs no download and reads
that as well as a trained detector would; a tie stays English, the language
most of Lantern is written in.
"""

import re

_ENGLISH = frozenset("""the and you i to is it my me of in that he she was for on are with they be at this have
not but what all were when we there can an your just so im dont its if about would do him her his out up how
get like know want will been has had or from go going gonna because cant""".split())
_SPANISH = frozenset("""el la los las de que y en un una es por para con no se su al lo como mas pero sus le ya
o este si porque esta entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos durante mi
yo tu te ti ella ellos estoy esta estan soy eres fue voy va vamos quiero tengo tiene puedo nada q xq pq ahora
aqui hoy noche mañana manana""".split())
_WORD = re.compile(r"[a-zñ]+")


def language_of(plain_text):
    """'es' or 'en' for a text in the `plain` form (lower case, accents dropped)."""
    english = spanish = 0
    for word in _WORD.findall(plain_text[:4000]):
        english += word in _ENGLISH
        spanish += word in _SPANISH
    return "es" if spanish > english else "en"
