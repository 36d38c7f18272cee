"""The learned screening model: kinds of message it was never shown, bad input, reasons, reproducibility.

Every message here was written for this file: none is from the measuring
sets (../shared/data/screening-dev*.jsonl) or from the training corpus, and
a test below proves the corpus holds no measuring-set sentence.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from moderation.screening import Category, Risk, screen
from moderation.screening import train
from tests.conftest import service_missing

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
I, C, N = Risk.IMMINENT, Risk.CONCERN, Risk.NONE


def _risk(text):
    return screen(text).risk


# Kinds of imminent self-harm: a means at hand, an act under way, a place, a farewell, intent with a time.
@pytest.mark.parametrize("text", [
    "the bottle of amitriptyline is open on my nightstand and i'm doing it after everyone leaves",
    pytest.param("swallowed every one of the klonopin about twenty min ago, feeling floaty", marks=pytest.mark.xfail(
        strict=True, reason="known miss: an overdose told calmly reads as a concern, not imminent")),
    "sitting on the edge of the parking garage roof, 7th level, feet dangling",
    "i left letters for my kids on the counter. tell the group i'm sorry. bye",
    "gonna end things 2nite for real, got the belt ready",
    "this is my last post. thank you for trying with me. I won't be around after tonight",
    "me tomé todas las pastillas de mi mamá hace rato, ya me siento mareada",
    "estoy en el puente de la autopista, ya no aguanto, hoy se acaba todo",
])
def test_screen_imminent_self_harm_in_words_it_was_never_shown_is_imminent(text):
    result = screen(text)
    assert result.risk == I, text
    assert Category.SELF_HARM in result.categories


# Kinds of imminent danger: present, arriving, forcing, moving, holding.
@pytest.mark.parametrize("text", [
    "his truck is idling across from my apartment right now and he keeps calling",
    "daddy says i gotta go see a guy at the motel in 30 min or else",
    "they put me in the back of a van, i think we're heading north, i don't know where",
    "she locked the room from outside and took my shoes, I can't get out",
    "el padrote está afuera de la casa, lo veo por la ventana, tengo mucho miedo",
])
def test_screen_imminent_danger_in_words_it_was_never_shown_is_imminent(text):
    result = screen(text)
    assert result.risk == I, text
    assert Category.DANGER in result.categories


# Concern: a wish, an urge, a threat that is not here yet.
@pytest.mark.parametrize("text", [
    "some nights i just hope i don't wake up",
    "been craving the razor again, 40 days clean and it's loud",
    "he texted my sister that he will make me pay for leaving",
    "ya no quiero seguir viviendo así, a veces quisiera desaparecer",
])
def test_screen_a_wish_or_a_threat_that_is_not_here_yet_is_at_least_a_concern(text):
    assert _risk(text) in (C, I), text


# What shares words with a crisis but is not the writer's own present risk.
@pytest.mark.parametrize("text", [
    "This heatwave is killing me, I'd sell my soul for an air conditioner lol",
    "Four years ago I tried to end my life. Today I got my associate's degree and I'm so glad I stayed.",
    "Reminder for newcomers: if you're having thoughts of suicide, 988 answers day and night.",
    "I bought a new rope for the clothesline and hung the sheets out, finally some sun",
    "Our training today covered how traffickers hold a person's passport to control them.",
    "Me muero de hambre, alguien sabe si el comedor abre hoy?",
])
def test_screen_trap_words_recovery_and_education_are_not_a_crisis(text):
    assert _risk(text) == N, text


def test_screen_finds_the_risk_sentence_inside_a_long_ordinary_post():
    ordinary = ("Work was long today and the bus was late again. My caseworker finally called back about the "
                "housing list. I made rice and beans and watched a show with my roommate. ")
    text = ordinary * 4 + "I counted out all my sleeping pills and I'm taking them when she goes to bed. " + ordinary
    result = screen(text)
    assert result.risk == I
    reason = next(span for span in result.spans if span.category == Category.SELF_HARM)
    assert reason.start >= len(ordinary) * 4 - 1


def test_screen_tolerates_typos_and_slang():
    assert _risk("gonna kil myslef tonihgt i cant anymore") == I
    assert _risk("thinking abt ctb a lot lately") in (C, I)


def test_screen_reasons_name_what_was_read():
    text = "i have the pills in my hand right now"
    result = screen(text)
    assert result.risk == I
    rules = {span.rule for span in result.spans}
    assert any(rule.startswith("self_harm.") for rule in rules)
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text)


@pytest.mark.parametrize("text, language", [
    ("no puedo más, ya me quiero ir de este mundo", "es"),
    ("I can't do this anymore", "en"),
    ("he said que me va a encontrar", "es"),
])
def test_screen_names_the_language_it_read(text, language):
    assert screen(text).language == language


@pytest.mark.parametrize("text", [
    "mi número es tres uno dos, cinco cinco cinco, cero nueve ocho siete",
    "escríbeme: luna.bonita arroba gmail punto com",
    "snap → honeyb.333",
])
def test_screen_contact_in_spanish_words_and_handles_without_at_is_contact(text):
    assert screen(text).has_contact, text


@pytest.mark.parametrize("text", [
    "", " ", "\x00\x00\x00", "a" * 20_000, "kill " * 4_000, "\ud800 lone surrogate \udfff",
    "😭😭😭🔪💊", "Ꮶill mуself ｔｏｎｉｇｈｔ", "日本語のテキスト and العربية mixed",
])
def test_screen_bad_input_gets_a_result_not_an_exception(text):
    result = screen(text)
    assert result.risk in (I, C, N)
    assert result.language in ("en", "es")


def test_corpus_rows_follow_the_label_policy():
    rows = train.load_corpus()
    assert len(rows) >= 2000
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["risk"] in ("imminent", "concern", "none"), row["id"]
        crisis = {"self_harm", "danger"} & set(row["categories"])
        assert bool(crisis) == (row["risk"] != "none"), row["id"]
        assert set(row["categories"]) <= {"self_harm", "danger", "contact"}, row["id"]


def test_no_measuring_set_sentence_is_in_training_data_tests_or_benchmarks():
    """The dev sets measure; a sentence of theirs in the corpus, a test or a benchmark would flatter the figures."""
    measuring = [path for path in SHARED.glob("screening-dev*.jsonl") if "tags" not in path.name]
    if not measuring:
        service_missing("the measuring sets live in ../shared/data, beside the clone")
    held_out = set()
    for path in measuring:
        held_out |= {" ".join(json.loads(line)["text"].lower().split()) for line in path.open() if line.strip()}
    root = Path(__file__).resolve().parents[2]
    places = [*(root / "moderation/screening/corpus").glob("*.jsonl"), *root.glob("tests/**/*.py"),
              *root.glob("bench/*.py")]
    for place in places:
        raw = place.read_text(encoding="utf-8")
        if place.suffix == ".jsonl":  # the texts as written, not as JSON escapes them
            raw = "\n".join(json.loads(line)["text"] for line in raw.splitlines() if line.strip())
        text = " ".join(raw.lower().split())
        found = [sentence for sentence in held_out if len(sentence) > 15 and sentence in text]
        assert not found, (place.name, found[:3])


def test_model_json_is_what_the_corpus_builds():
    # Slow on purpose (about a minute): it retrains with 5-fold cross-validation, the only way to prove
    # that the shipped weights come from the corpus in the repository and nothing else.
    call_command("train_screening", "--check")


def test_model_scores_a_text_as_the_plain_sum_of_its_features_weights():
    """The runtime sums rows in one pass with running totals and a per-word table; it must give what
    summing every feature's weights one by one gives (what train.py fits), for the whole and for each run."""
    import numpy as np

    from moderation.screening import features, model
    from moderation.screening.normalise import normalise

    fitted = model.load()
    text = ("Work was fine. I keep the pills in my bag, all of them. Tonight after my shift. "
            "My sister called twice. He knows where I live now and he is outside.")
    sentences, bridges = features.read(normalise(text).words)
    firsts, lasts, logits = fitted._runs(sentences, bridges)
    for first, last, got in zip(firsts, lasts, logits):
        found = [f for s in sentences[first:last] for w in s.words for f in features.word_features(w)]
        found += [f for s in sentences[first:last] for f in s.features]
        found += [f for bridge in bridges[first:max(last - 1, first)] for f in bridge]
        rows = [fitted.rows[f] for f in found if f in fitted.rows]
        expected = fitted.bias + fitted.weights[rows].sum(axis=0) / np.sqrt(max(len(found), 1))
        assert np.allclose(got, expected), (first, last)


def test_framing_in_the_sentence_before_reaches_the_next_one():
    """"Two years ago." then "I had the pills": the next sentence is read as framed too (`~past^`),
    while "My sister called." does not make the writer's own "I" sentence someone else's."""
    from moderation.screening import features

    sentences, _ = features.read("three years ago i was on the bridge. i had the pills and a plan")
    assert "k:SH_MEANS_MED~past^" in sentences[1].features
    sentences, _ = features.read("my sister called. i took all my pills")
    assert not any("~other" in feature for feature in sentences[1].features)


# Recovery stories, someone else at risk, advice: the crisis words belong to a past, a third person or a "you".
@pytest.mark.parametrize("text", [
    pytest.param("Seven winters ago I sat in the garage with the engine running. Tonight I'm decorating cookies.",
                 marks=pytest.mark.xfail(strict=True, reason="known miss: a means told in a past sentence of its "
                                                             "own can still read as imminent")),
    "back in 2019 i cut every night. these days the only blade i touch is the one for chopping onions",
    "my roommate showed me the pills she's been saving and said friday. the crisis team is with her now",
    "If your trafficker shows up at your job, tell a manager and call 911, you don't have to face him alone.",
    pytest.param("a mi cuñada su esposo la tiene encerrada y le quitó el celular, cómo la puedo ayudar desde acá?",
                 marks=pytest.mark.xfail(strict=True, reason="known miss: Spanish third persons are read from few "
                                                             "words; this reads as a danger concern")),
])
def test_screen_recovery_someone_else_and_advice_are_not_the_writers_crisis(text):
    assert _risk(text) == N, text


# Contact beyond numbers: payment handles, handles without "@", meet-ups, video calls, travel and job offers.
@pytest.mark.parametrize("text", [
    "cash app me at $sunnyside_k if you can spare a few bucks",
    "my venmo is jo-martinez-88, anything helps",
    "ig → kaya.grows, follow me there",
    "you're on the east side too? let's get lunch sometime, just us two",
    "facetime me after 9? my thumbs hurt from texting",
    "come to denver, i'll buy your bus ticket and you can stay with me",
    "my friend's club needs hostesses this weekend, cash every night, message me",
    "pásame tu whats y hablamos por ahí",
])
def test_screen_contact_beyond_numbers_is_contact(text):
    assert screen(text).has_contact, text


# Talking about apps, warning about recruiters and sharing a hotline are not contact.
@pytest.mark.parametrize("text", [
    pytest.param("which is more private, signal or telegram? asking for court stuff", marks=pytest.mark.xfail(
        strict=True, reason="known false alarm: the contact model reads two app names as an invitation")),
    pytest.param("if someone here offers you a modeling gig and asks for your snap, report them",
                 marks=pytest.mark.xfail(strict=True, reason="known false alarm: a warning quotes the offer it warns of")),
    "text 988 or call 1-888-373-7888 if you need someone tonight",
])
def test_screen_app_talk_warnings_and_hotlines_are_not_contact(text):
    assert not screen(text).has_contact, text
