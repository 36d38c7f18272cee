"""The screening engine on its own: pure Python, no database.

Examples here are written for these tests and are not in the shared dev
set; `HELD_OUT` is a second labelled set that the thresholds must also hold
on (see docs/screening.md for how it was built).
"""

import json
import random
import time
from pathlib import Path

import pytest

from moderation.screening import (
    HELP_NUMBERS,
    Category,
    Risk,
    WatchedAction,
    WatchedRule,
    screen,
    validate_watched_pattern,
)
from moderation.screening import contact, danger, phones, self_harm
from moderation.screening.normalise import normalise
from moderation.screening.rules import RuleSet, candidates, full_scan
from tests.conftest import service_missing

DEV_SET = Path(__file__).parents[3] / "shared/data/screening-dev.jsonl"
# Known false alarms of the learned model (docs/screening.md, "Known weaknesses"); strict, so a fix shows.
KNOWN_FALSE_ALARM = pytest.mark.xfail(strict=True, reason="the model reads this kind as a crisis or contact")
I, C, N = Risk.IMMINENT, Risk.CONCERN, Risk.NONE
SH, D, K = Category.SELF_HARM, Category.DANGER, Category.CONTACT


def spans_of(result, category):
    return [span for span in result.spans if span.category == category]


# --- each category --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I've got the whole bottle of my sleeping pills counted out and I'm taking them after my roommate leaves",
    "going to hang myself tonight, I already tied it",
    "I'm sitting on the ledge of the parking garage roof right now",
    "just downed all my antidepressants, feeling really dizzy",
    "goodbye everyone. thank you for everything. by the time you read this I'll be gone",
    "I slashed my arm and the blood won't stop",
])
def test_screen_self_harm_with_plan_or_act_is_imminent(text):
    result = screen(text)
    assert result.risk == I
    assert SH in result.categories


@pytest.mark.parametrize("text", [
    "lately I wish I could go to sleep and never wake up",
    "my family would honestly be better off if I wasn't around",
    "I relapsed on cutting after six months",
    "sometimes I think about ending it all",
    "there's no point in living like this anymore",
    "I feel like such a burden and I can't keep going",
])
def test_screen_self_harm_ideation_is_concern(text):
    result = screen(text)
    assert result.risk == C
    assert result.categories == (SH,)


@pytest.mark.parametrize("text", [
    "my old pimp is in the lobby of the shelter right now",
    "he's banging on my bedroom window, please call 911",
    "they won't let me leave the house and they have my id",
    "I'm in his truck and he won't tell me where we're going",
    "he tracked down where I'm staying and says he's on his way",
])
def test_screen_danger_present_now_is_imminent(text):
    result = screen(text)
    assert result.risk == I
    assert D in result.categories


@pytest.mark.parametrize("text", [
    "he told my sister he would hurt her kids if I don't come back",
    "the same guy keeps showing up outside my work",
    "he says he'll leak my videos unless I send money",
    "they keep saying I owe them for the rent and the clothes",
    "I'm afraid he will track me down if I testify",
])
def test_screen_danger_threats_are_at_least_a_concern(text):
    result = screen(text)
    assert result.risk in (C, I)
    assert D in result.categories


@pytest.mark.parametrize("text", [
    "hit me up on wickr, name is nightbird",
    "ping me on whatsapp +44 20 7946 0958",
    "my cell is (213) 555-0188 if you need anything",
    "text me at 555.201.3344",
    "call ５５５-２０１-３３４４ tonight",
    "call me on ٥٥٥ ٢٠١ ٣٣٤٤",
    "my number is two one three, five five five, zero one eight eight",
    "email me: jade_k99@hotmail.com",
    "write to jade dot k at yahoo dot com",
    "send it to $sunnyside22",
    "follow @rosie.writes for more",
    "join t.me/easywork_now",
    "can we move this to telegram?",
    "I can get you a hostess job in Dallas, flights covered",
    "come stay with me, I have a spare room",
    "let's meet up this weekend, where do you live?",
])
def test_screen_contact_attempts_are_flagged_without_crisis(text):
    result = screen(text)
    assert result.has_contact
    assert result.risk == N
    assert result.categories == (K,)


# --- normalisation ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "i want to d\u200bi\u200be",  # zero-width spaces
    "i want to \u202edie\u202c",  # bidi override
    "i w4nt t0 d13",  # leetspeak
    "i want to k i l l myself",  # spaced letters
    "ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # full-width
    "I WANT TO DIEEEEE",  # case and stretched letters
    "i want to dі\u0435",  # Cyrillic look-alikes
    "i want to 𝐝𝐢𝐞",  # mathematical bold
    "k̷i̷l̷l̷ m̷y̷s̷e̷l̷f̷",  # combining strokes
])
def test_normalise_unmasks_disguised_self_harm(text):
    assert SH in screen(text).categories


def test_normalise_keeps_same_length_for_ascii_without_tricks():
    norm = normalise("Plain text, nothing odd.")
    assert norm.words == norm.plain == "plain text, nothing odd."
    assert norm.plain_layers == ()


def test_normalise_maps_offsets_back_through_every_layer():
    text = "Ｉ ｗａ\u200bｎｔ   to k i l l myself"
    norm = normalise(text)
    start = norm.words.index("kill myself")
    begin, end = norm.words_span(start, start + len("kill myself"))
    assert text[begin:end] == "k i l l myself"


# --- what must stay quiet -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "this commute is killing me",
    "I'm dying to see my nephew play football",
    "dead on my feet after a double shift",
    "my new manager says I'm killing it",
    "we laughed until we nearly died",
    "kill the engine before you get out",
    "that exam was murder, I'm done for today lol",
    "my feet are killing me after that walk",
])
def test_screen_figurative_speech_is_quiet(text):
    assert screen(text).categories == ()


@pytest.mark.parametrize("text", [
    "If you ever feel like hurting yourself, you can call or text 988 any time.",
    "Anyone thinking about suicide: please reach out, you are not alone.",
    "Two years ago I attempted. Today I'm a mentor here and glad I'm alive.",
    "I used to cut when I was a teen but I've been free of it for years",
    pytest.param("My trafficker used to lock me in, but he's in prison now.", marks=KNOWN_FALSE_ALARM),
    "If you're in danger call 911 or the hotline at 1 (888) 373-7888.",
    "Canada: +1 833 900 1010, or text 233733 in the US.",
])
def test_screen_supportive_past_and_help_lines_are_quiet(text):
    assert screen(text).categories == ()


@pytest.mark.parametrize("text", [
    "my phone died and I lost all my contacts",
    "I deleted tiktok, it was making me anxious",
    "I called my caseworker and she helped a lot",
    "is signal safer than whatsapp?",
    "my old snapchat got hacked so I made a new account",
    pytest.param("Please never post your number or address here.", marks=KNOWN_FALSE_ALARM),
])
def test_screen_talk_about_phones_and_apps_is_quiet(text):
    assert not screen(text).has_contact


def test_screen_help_numbers_from_the_caller_are_not_contact():
    text = "the domestic violence line is 1-800-799-7233"
    assert screen(text).has_contact
    assert not screen(text, help_numbers=["1-800-799-7233 or text START to 88788"]).has_contact


def test_help_numbers_include_the_hotlines():
    assert {"988", "1-888-373-7888", "233733", "1-833-900-1010"} <= set(HELP_NUMBERS)


# --- spans -------------------------------------------------------------------------

def test_screen_spans_point_at_the_original_text():
    text = "okay. i w4nt t0 d\u200bie and my snap is ＳＵＮＮＹ_22"
    result = screen(text)
    self_harm_spans = spans_of(result, SH)
    contact_spans = spans_of(result, K)
    assert any(text[s.start:s.end] == "w4nt t0 d\u200bie" for s in self_harm_spans)
    assert any("ＳＵＮＮＹ_22" in text[s.start:s.end] for s in contact_spans)


def test_screen_spans_cover_a_spelled_out_phone_number():
    text = "ok so my number is five five five, two zero one, nine nine eight eight. bye"
    (span,) = spans_of(screen(text), K)
    assert text[span.start:span.end] == "five five five, two zero one, nine nine eight eight"
    assert span.rule == "contact.phone_words"


# --- watched words -----------------------------------------------------------------

def test_watched_word_matches_whole_words_after_normalising():
    rules = [WatchedRule("easy money", False, "hold")]
    result = screen("Make EASY   m0ney this week", watched=rules)
    assert result.watched_action == WatchedAction.HOLD
    (span,) = spans_of(result, Category.WATCHED)
    assert span.rule == "watched:easy money"
    assert screen("make easy moneybags", watched=rules).watched_action is None


def test_watched_regex_reads_the_plain_text():
    rules = [WatchedRule(r"\bcode\s*\d{4}\b", True, "flag")]
    result = screen("use CODE 1234 at checkout", watched=rules)
    assert result.watched_action == "flag"
    assert Category.WATCHED in result.categories


def test_watched_action_is_the_strongest_matched():
    rules = [WatchedRule("alpha", False, "flag"), WatchedRule("beta", False, "block"), WatchedRule("gamma", False, "hold")]
    assert screen("alpha gamma", watched=rules).watched_action == "hold"
    assert screen("gamma beta alpha", watched=rules).watched_action == "block"
    assert screen("delta", watched=rules).watched_action is None


def test_watched_invalid_regex_is_ignored_not_raised():
    rules = [WatchedRule("(unclosed", True, "block"), WatchedRule("(a+)+$", True, "block"), WatchedRule("ok", False, "flag")]
    result = screen("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! ok", watched=rules)
    assert result.watched_action == "flag"


def test_validate_watched_pattern_explains_bad_patterns():
    with pytest.raises(ValueError, match="regular expression"):
        validate_watched_pattern("(unclosed", True)
    with pytest.raises(ValueError, match="repeated group"):
        validate_watched_pattern("(a+)+", True)
    with pytest.raises(ValueError, match="empty"):
        validate_watched_pattern("   ", False)
    with pytest.raises(ValueError, match="empty text"):
        validate_watched_pattern("x*", True)
    assert validate_watched_pattern(r"\bcash\s*app\b", True) is None


def test_watched_rule_rejects_unknown_action():
    with pytest.raises(ValueError):
        WatchedRule("word", False, "delete")


def test_watched_category_appears_only_with_rules():
    assert Category.WATCHED not in screen("anything at all").categories


# --- robustness --------------------------------------------------------------------

def test_screen_handles_twenty_thousand_characters():
    rng = random.Random(4)
    parts = ["I had a good day at group.", "My phone number changed.", "I want to die.", "text me at 555-201-3344"]
    text = " ".join(rng.choice(parts) for _ in range(1000))[:20_000]
    started = time.perf_counter()
    result = screen(text)
    assert time.perf_counter() - started < 2
    assert {SH, K} <= set(result.categories)


@pytest.mark.parametrize("text", [
    "\ud800\udfff\ud800 lone surrogates",
    "\x00\x01\x02 controls \x7f",
    "\u202e\u2066\u2067\u2068\u2069\u200f" * 500,
    "\ufdfa" * 20_000,
    "z\u0336\u0337\u0338" * 5000,
    "👩‍👩‍👧‍👦🏳️‍🌈" * 2000,
    "a " * 10_000,
    "1 " * 10_000,
    "k.i.l.l." * 2500,
    "five " * 4000,
    "@" * 20_000,
    "",
])
def test_screen_survives_hostile_input(text):
    result = screen(text)
    assert result.risk in tuple(Risk)


def test_screen_survives_random_unicode():
    rng = random.Random(11)
    for _ in range(50):
        text = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(400))
        screen(text)


def test_screen_rejects_non_text():
    with pytest.raises(TypeError):
        screen(None)


# --- the labelled sets -------------------------------------------------------------

def _rates(rows, predict):
    tests = {
        "crisis": lambda risk, cats: risk != N,
        "imminent": lambda risk, cats: risk == I,
        "contact": lambda risk, cats: K in cats,
    }
    rates = {}
    for name, test in tests.items():
        pairs = [(test(risk, cats), test(*predict(text))) for text, risk, cats in rows]
        tp = sum(1 for gold, pred in pairs if gold and pred)
        recall = tp / max(1, sum(1 for gold, _ in pairs if gold))
        precision = tp / max(1, sum(1 for _, pred in pairs if pred))
        rates[name] = (recall, precision)
    return rates


def _predict(text):
    result = screen(text)
    return result.risk, set(result.categories)


# (recall, precision) floors: a little under what docs/screening.md reports for each set, so a change
# that loses ground fails here. The product's targets are higher; the docs say where they are not met.
FLOORS = {
    "screening-dev.jsonl": {"crisis": (0.97, 0.95), "imminent": (0.97, 0.97), "contact": (0.97, 0.97)},
    "screening-dev2.jsonl": {"crisis": (0.95, 0.82), "imminent": (0.82, 0.78), "contact": (0.95, 0.87)},
    "held-out": {"crisis": (0.98, 0.84), "imminent": (0.97, 0.85), "contact": (0.98, 0.92)},
}


def _assert_floors(rates, floors):
    for name, (recall, precision) in floors.items():
        assert rates[name][0] >= recall and rates[name][1] >= precision, (name, rates)


@pytest.mark.parametrize("name", ["screening-dev.jsonl", "screening-dev2.jsonl"])
def test_screen_holds_its_measured_figures_on_the_dev_sets(name):
    path = DEV_SET.with_name(name)
    if not path.exists():
        service_missing(f"{path} is not here (CI has shared/ beside the clone)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rates = _rates([(r["text"], Risk(r["risk"]), set(map(Category, r["categories"]))) for r in rows], _predict)
    _assert_floors(rates, FLOORS[name])


def test_screen_holds_its_measured_figures_on_held_out_set():
    _assert_floors(_rates([(text, risk, set(cats)) for text, risk, cats in HELD_OUT], _predict), FLOORS["held-out"])


def test_anchor_gating_finds_exactly_what_a_full_scan_finds():
    """The scanner's shortcut (anchors, keys, windows) neither loses nor invents a match."""
    texts = [text for text, *_ in HELD_OUT]
    if DEV_SET.exists():
        texts += [json.loads(line)["text"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(8)
    texts += [" ".join(rng.sample(texts, 25)) for _ in range(20)]  # long texts: windows meet and merge
    word_rules = RuleSet(self_harm.RULES + danger.RULES)
    plain_rules = RuleSet(contact.RULES + (phones._SPELLED,))
    for text in texts:
        norm = normalise(text)
        for rules, form in ((word_rules, norm.words), (plain_rules, norm.plain)):
            found = {(rule.name, match.span()) for rule, match in candidates(form, rules)}
            assert found == set(full_scan(form, rules)), text


# --- the held-out set ----------------------------------------------------------------
#
# Written for Lantern, none of it from the dev set: 288 messages in five batches.
# Each batch was scored before any rule was changed for it (first-look figures
# in docs/screening.md); misses that showed a general gap were then fixed, so
# these now guard against regressions more than they measure. Two known misses
# remain: "think about killing themselves ... i do" and the oblique "he sent me
# a message saying 'nice new place'".

HELD_OUT = [
    # first batch: scored, then used to tune the rules
    ("I've got a bottle of sleeping pills and I'm taking all of them once my roommate leaves", I, (SH,)),
    ("writing my last message here. by the time you read this i'll be gone", I, (SH,)),
    ("i'm on the roof of my building and i'm going to jump", I, (SH,)),
    ('just swallowed everything in my medicine cabinet', I, (SH,)),
    ("the knife is in my hand, i can't do this anymore", I, (SH,)),
    ("Tonight I'm ending my life. I've made peace with it.", I, (SH,)),
    ("I'm going to hang myself when everyone is asleep", I, (SH,)),
    ("i slit my wrists and there's blood everywhere", I, (SH,)),
    ("I'm sitting in my car with the engine running in the closed garage", I, (SH,)),
    ("goodbye everyone. I love you all. I'm sorry for everything", I, (SH,)),
    ("I'm g0nna k1ll mys3lf t0night", I, (SH,)),
    ("i have enough pills saved up to do it and i'm doing it this weekend", I, (SH,)),
    ('Lately I keep wishing I could just fall asleep and never wake up.', C, (SH,)),
    ("Honestly I don't see the point in living anymore", C, (SH,)),
    ('i hate myself so much i want to die', C, (SH,)),
    ('been cutting again, nobody knows', C, (SH,)),
    ("I've been having suicidal thoughts since the trial", C, (SH,)),
    ('Everyone would be happier if I was gone', C, (SH,)),
    ("I think about killing myself every day but I'm too scared to do it", C, (SH,)),
    ('I wish I was never born', C, (SH,)),
    ('Part of me wants to just stop existing', C, (SH,)),
    ('the urge to hurt myself came back hard this week', C, (SH,)),
    ('S U I C I D E keeps going through my head', C, (SH,)),
    ("I'm so tired of being alive, it's exhausting", C, (SH,)),
    ('My pimp just pulled up outside the shelter, what do I do', I, (D,)),
    ("he's at my door right now and won't leave, I'm terrified", I, (D,)),
    ('they locked me in the room and took my id', I, (D,)),
    ("my ex is on his way here and he said he'd kill me", I, (D,)),
    ("I'm hiding from him in a gas station bathroom", I, (D,)),
    ("They're moving me to another state tonight and I can't get away", I, (D,)),
    ("He tracked down my new apartment and left a note saying he's coming back for me", I, (D,)),
    ("someone is trying to break in and I think it's him", I, (D,)),
    ('he keeps calling my sister and threatening to hurt her', C, (D,)),
    ('I keep seeing the same car parked outside my work', C, (D,)),
    ("He says he'll send my pictures to my family if I don't pay him", C, (D,)),
    ('He told me I still owe him $5000 for the apartment and I have to work it off', C, (D,)),
    ("I'm scared he'll find me if I go to court", C, (D,)),
    ("they said they'd hurt my kids if I talk to anyone", C, (D,)),
    ('Someone from the old crew has been asking around about me', C, (D,)),
    ("snap me at cutiepie_2004 and we'll talk", N, (K,)),
    ('yo add my IG @glowup.jobs for info', N, (K,)),
    ('reach me at (323) 555-0147 anytime', N, (K,)),
    ('email: jess.m2001 [at] yahoo [dot] com', N, (K,)),
    ('Hiring girls 18-25 for hostess work in Miami, travel covered, hit me up', N, (K,)),
    ('Need a place to crash? You can stay with me, no rent', N, (K,)),
    ("Let's take this to Telegram, easier to talk there", N, (K,)),
    ('text me on the number 5 5 5 8 6 7 5 3 0 9', N, (K,)),
    ('my whatsapp is +44 7700 900123', N, (K,)),
    ("I'll pay for your bus ticket, just message me privately", N, (K,)),
    ('check my link in bio linktr.ee/easycash', N, (K,)),
    ("Venmo me @sarah-k-22 and I'll send you the details", N, (K,)),
    ('whats your number? I can pick you up tonight', N, (K,)),
    ('５５５－２０１－９９８８ call me', N, (K,)),
    ("My manager is going to kill me if I'm late again haha", N, ()),
    ('I almost died laughing at the group chat memes', N, ()),
    ('That workout absolutely killed me', N, ()),
    ('If you ever feel like ending your life, please reach out to 988 or text HOME to 741741', N, ()),
    ("Two years ago I overdosed. Now I'm two years sober and a peer mentor.", N, ()),
    ("I used to cut myself when I was a teenager, but I've been free of it for a long time", N, ()),
    ('Call the trafficking hotline at 1-888-373-7888 if you need help leaving', N, ()),
    ('I finally deleted my snapchat, it was bad for my mental health', N, ()),
    ('Does anyone use signal? Is it actually private?', N, ()),
    ('My caseworker texted me back about the housing application', N, ()),
    ('We had a suicide prevention training at work today', N, ()),
    ("I'm dying to try that new bakery downtown", N, ()),
    ("He can't hurt me anymore, he's locked up for 10 years", N, ()),
    ("My daughter's school is having a bake sale, I made cookies", N, ()),
    ('The movie had a scene where the guy jumps off a bridge and it really upset me', N, ()),
    ("I'm so tired of my job, my feet are killing me", N, ()),
    ('my phone died last night so I missed the meeting', N, ()),
    ("Can someone recommend a good budgeting app? I use my bank's app right now", N, ()),
    ("Happy to report I've been clean from self harm for 8 months!", N, ()),
    ('I shot my shot and asked her out lol', N, ()),
    ('My sister is coming over tonight to help me move', N, ()),
    ("The DM feature on other sites scared me, glad this place doesn't have it", N, ()),
    ('He found my old diary when we lived together, that was years ago', N, ()),
    # second batch
    ("I can't keep fighting. The pills are lined up on my nightstand and I'm starting now", I, (SH,)),
    ('last night i took like 30 of my antidepressants, i feel really weird and sleepy', I, (SH,)),
    ("I'm at the train tracks. I just wanted to say thank you to this group.", I, (SH,)),
    ('my plan is to drive off the overpass after work today', I, (SH,)),
    ("Please don't try to stop me, I've decided. Tonight I end the pain for good", I, (SH,)),
    ('i want to die and i have the gun loaded next to me', I, (SH,)),
    ("I'm about to kms, I'm so sorry guys", I, (SH,)),
    ("I've written notes for my kids and I'm going to overdose when they're at their dad's", I, (SH,)),
    ("Sometimes I think it would be easier if I just didn't exist anymore", C, (SH,)),
    ('i keep having these dark thoughts about ending it', C, (SH,)),
    ('I relapsed last night and burned myself with a lighter', C, (SH,)),
    ("I feel like such a burden on everyone. I don't know how much longer I can keep going", C, (SH,)),
    ("I don't want to live like this anymore, every day is the same nightmare", C, (SH,)),
    ('been googling ways to kill myself, idk why', C, (SH,)),
    ('I just want the pain to stop forever', C, (SH,)),
    ('Nobody would even notice if I died', C, (SH,)),
    ("honestly life isn't worth living without my kids", C, (SH,)),
    ("He's downstairs in the lobby and the front desk let him up. please someone call 911", I, (D,)),
    ("my trafficker's friends are outside the clinic waiting for me", I, (D,)),
    ("they won't let me leave the apartment and they have my passport", I, (D,)),
    ("I'm in the back of his car and he won't tell me where we're going", I, (D,)),
    ("He knows where I'm staying now. He just sent me a photo of the front door.", I, (D,)),
    ('the guy who used to sell me is banging on my window right now', I, (D,)),
    ("He messaged my cousin saying I'll regret leaving", C, (D,)),
    ("My ex keeps showing up at my job. I don't feel safe", C, (D,)),
    ('He threatened to tell my family what I did if I stop sending him money', C, (D,)),
    ('They say my debt went up again and I have to keep working for them', C, (D,)),
    ('I think my phone is being tracked, he always knows where I am', C, (D,)),
    ('Add me on discord, name is nightowl#4421', N, (K,)),
    ('My cash app is $JLove88 if anyone can spare a few bucks', N, (K,)),
    ('DM me for details, serious inquiries only', N, (K,)),
    ('I have a friend who runs a modeling agency and is looking for new faces, I can connect you', N, (K,)),
    ('Call or text my cell 720 555 0123', N, (K,)),
    ('we should grab coffee sometime, what part of town are you in?', N, (K,)),
    ("Anyone want to chat on Kik? I'm lonely", N, (K,)),
    ('Follow me on TikTok @healing.journey.22 for more', N, (K,)),
    ('Free room available for girls getting out of bad situations, rent free, message me', N, (K,)),
    ('my mail is sunny dot rae at protonmail dot com', N, (K,)),
    ('ping me at eight one eight, five five five, zero one nine two', N, (K,)),
    ('My therapist wants me to call the 988 line if things get bad again, and I will', N, ()),
    ('I used to think about suicide every day. Now I mostly think about my garden.', N, ()),
    ("That exam absolutely destroyed me, I'm dead", N, ()),
    ("He used to threaten my mom, but he's been in prison since 2021", N, ()),
    ("Is Instagram safe to use? I'm worried about privacy settings", N, ()),
    ("My new job has me working nights, it's killing my sleep schedule", N, ()),
    ("I can't wait to meet my baby niece next week!", N, ()),
    ('The shelter staff said I can stay until March', N, ()),
    ('If anyone is struggling with self harm, the peer room on Tuesdays really helped me', N, ()),
    ('The hotline 1-833-900-1010 called me back within an hour', N, ()),
    ("I'm so done with this rain lol", N, ()),
    ("My brother's wedding is tonight and I'm nervous about the speech", N, ()),
    ("Has anyone read 'The Body Keeps the Score'? It talks a lot about trauma and dissociation", N, ()),
    ('I texted my mom for the first time in three years', N, ()),
    ("He's gone. He can't find me here. I finally feel free.", N, ()),
    ("What's a good way to explain a gap on my resume from the years I was trafficked?", N, ()),
    # third batch
    ("I can't stop thinking about taking all my pills tonight", I, (SH,)),
    ("just bought razor blades. i know what i'm doing tonight", I, (SH,)),
    ("I'm on the bridge by the river. It's really quiet here. I'm sorry.", I, (SH,)),
    ('Swallowed a bunch of my sleeping pills about 20 minutes ago', I, (SH,)),
    ("This will be my final post. Thank you for everything you've done for me.", I, (SH,)),
    ('i really wanna die rn', I, (SH,)),
    ("Thinking about ending it this weekend when I'm alone", I, (SH,)),
    ('i keep thinking everyone would be better without me around', C, (SH,)),
    ('some nights I just want to not wake up', C, (SH,)),
    ("I've been hurting myself again to cope", C, (SH,)),
    ('does anyone else think about killing themselves a lot? i do', C, (SH,)),
    ('My mind keeps telling me to end my life', C, (SH,)),
    ("I'm worthless and I hate being alive", C, (SH,)),
    ('i wanna kill myself lol no one cares', C, (SH,)),
    ("I'm scared I'll hurt myself if I go home tonight", I, (SH,)),
    ("He's parked outside my apartment and keeps texting me that he sees me", I, (D,)),
    ('my old pimp showed up at the shelter asking for me', I, (D,)),
    ("They're making me go with a client tonight and I can't say no", I, (D,)),
    ("I ran away but he says he'll find me and drag me back", C, (D,)),
    ("Somebody keeps calling from a blocked number and breathing, I think it's him", C, (D,)),
    ('he posted my address in a group chat with his friends', C, (D,)),
    ("He says if I don't come back he'll tell immigration about me", C, (D,)),
    ("I'm locked in the bathroom, he's screaming outside the door", I, (D,)),
    ('my trafficker is in the waiting room at the clinic right now', I, (D,)),
    ('u on snap? whats ur @', N, (K,)),
    ("Message me on Facebook, I'm under my real name", N, (K,)),
    ('Hey girl I have a job opportunity for you, pays $800 a week, interested?', N, (K,)),
    ('Give me a call at 415-555-0176 tonight', N, (K,)),
    ("I'm putting together a photo shoot and need models, flights and hotel covered", N, (K,)),
    ('my discord is moonchild_77', N, (K,)),
    ("Can I text you? It'd be easier than posting here", N, (K,)),
    ('add me: x.rose.x on insta', N, (K,)),
    ('Contact me: darren.w.hiring@outlook.com', N, (K,)),
    ('I live near the east side too, we should meet up at the park', N, (K,)),
    ('If you ever need a ride anywhere just let me know, I can pick you up', N, (K,)),
    ('I nearly killed myself laughing at that video', N, ()),
    ("Setting boundaries with my family is killing me but it's worth it", N, ()),
    ('My grandma died last week and I keep thinking about death', N, ()),
    ('Suicide rates among survivors are really high, we need more support', N, ()),
    ('I wrote a letter to my younger self in therapy today', N, ()),
    ('The new guy at work keeps asking for my number, how do I say no nicely?', N, ()),
    ("I'm done with school for the semester!!", N, ()),
    ("I've been clean from cutting for 2 years today", N, ()),
    ('He used to lock me in the closet when I was little', N, ()),
    ("I'm terrified of spiders lol", N, ()),
    ('Please help me understand how to file for a U visa', N, ()),
    ('My trafficker was sentenced to 15 years yesterday!!', N, ()),
    ('What app do you all use to track your moods?', N, ()),
    ("I'm going to the gym tonight, wish me luck", N, ()),
    ("I hit a wall with my healing this week but I'm okay", N, ()),
    ('The 24/7 line at 1-888-373-7888 is staffed by real people', N, ()),
    ("My son's dad is coming over tonight to pick up the kids", N, ()),
    ("Don't give out your snap or number to anyone here, stay safe", N, ()),
    ("He's outside playing with the dog", N, ()),
    ("I thought I was going to die in that house. I'm free now.", N, ()),
    ('I feel so much better since I started the new meds', N, ()),
    ('We did a grounding exercise where you picture the edge of a cliff and step back', N, ()),
    ('My counselor said to call her at the office if I need anything', N, ()),
    ("Does anyone know a good place to stay in Toronto that's safe for women?", N, ()),
    ("I'm hiding my Christmas presents from the kids lol", N, ()),
    ("He can't hurt me anymore. I blocked him everywhere.", N, ()),
    ('Honestly this winter is going to be the death of me', N, ()),
    # fourth batch, many hard negatives
    ('ive been stockpiling my meds for weeks and i think tonight is it', I, (SH,)),
    ("Sorry everyone. I can't do this anymore. Goodbye.", I, (SH,)),
    ('my brain keeps telling me to drive into a tree on the way home', C, (SH,)),
    ('I took the whole bottle of advil', I, (SH,)),
    ('I want to go to sleep and never wake up', C, (SH,)),
    ('I keep cutting deeper every time', C, (SH,)),
    ('cant stop thinking about suicide', C, (SH,)),
    ("I'm standing on the ledge of my balcony right now", I, (SH,)),
    ("if things don't get better by friday i'm going to end it", I, (SH,)),
    ('sometimes i think my family would be better off if i wasnt here', C, (SH,)),
    ('I hate myself and I want to disappear', C, (SH,)),
    ("I feel numb. I've been thinking about how I'd do it.", C, (SH,)),
    ("he just walked into the coffee shop I'm at and he's staring at me, I'm shaking", I, (D,)),
    ("My trafficker's brother lives on my street now", C, (D,)),
    ("He sent me a message saying 'nice new place'", C, (D,)),
    ("I'm scared to go home, he's waiting for me there", I, (D,)),
    ("they're threatening to hurt my daughter unless I go back", C, (D,)),
    ('He hacked my email and now knows my new address', C, (D,)),
    ('The van that took me before is parked across from the shelter', I, (D,)),
    ("he choked me last night and said next time he'll finish it", C, (D,)),
    ('anyone here on telegram? drop your handle', N, (K,)),
    ('Text 555 290 1187 if you want to work with me', N, (K,)),
    ("I'm hiring for a nanny position, live-in, all expenses paid, message me", N, (K,)),
    ('my insta is @luna.rising', N, (K,)),
    ("Let's swap numbers so we can talk without the mods reading", N, (K,)),
    ("I can Venmo you a few bucks, what's your username?", N, (K,)),
    ('hmu if u need a place 2 stay', N, (K,)),
    ('Killed it at my first shift today!', N, ()),
    ("I'm dead serious, this group saved me", N, ()),
    ("My therapist asked if I'd ever had thoughts of suicide and I said not anymore", N, ()),
    ("He threatened me a lot back then, but I'm safe now", N, ()),
    ('The bridge near my house has the best sunset view', N, ()),
    ('I have a plan for my finances now and it feels good', N, ()),
    ('I cut my hair short and I love it', N, ()),
    ("My neighbor's dog keeps following me around the block lol", N, ()),
    ('I texted the hotline at 233733 and they were kind', N, ()),
    ('Never share your address or phone number with people you meet online', N, ()),
    ("My caseworker's number is on the fridge", N, ()),
    ("I'm going to kill it at the interview tomorrow", N, ()),
    ('Goodbye 2023, hello new beginnings!', N, ()),
    ('I watched a documentary about the Golden Gate Bridge suicides', N, ()),
    ('Tell me about your favorite coping skills', N, ()),
    ('The police took my statement and I feel relieved', N, ()),
    ("He said he'd change but he never did", N, ()),
    ("I'm taking all of my classes online this semester", N, ()),
    ('My mom wants to meet my new boyfriend', N, ()),
    ('Can someone explain what a U visa is?', N, ()),
    ('I blocked his number and changed mine', N, ()),
    ("I'd love to meet other survivors in my area through a support group", N, ()),
    ('Hope everyone has a peaceful night', N, ()),
    ('I used to wish I was dead, but therapy helped so much', N, ()),
    ('I got a new phone and the number is private', N, ()),
    ("My kid's school has a safety plan for lockdowns", N, ()),
    ("Sending love to everyone in the men's group tonight", N, ()),
    ('the pills they gave me at the clinic make me sleepy', N, ()),
    # fifth batch, written to catch false alarms
    ('He really hurt me when he left, I cried for weeks', N, ()),
    ('Sorry for the long post, thank you for reading', N, ()),
    ("I'm done with my shift, heading home to sleep", N, ()),
    ('Goodbye winter, hello spring!', N, ()),
    ("I feel like a burden on my friends sometimes but they say I'm not", N, ()),
    ('My son said he wants to meet the other kids from the group', N, ()),
    ('The guy at the store followed me around to ask if I needed help lol', N, ()),
    ("I'm scared of going back to school but excited too", N, ()),
    ("My ex keeps texting me happy birthday every year, it's weird but harmless", N, ()),
    ('I owe my sister a huge thank you for babysitting', N, ()),
    ('Anyone know a good app to track bus times?', N, ()),
    ("What city do you recommend for a fresh start? I'm thinking of moving", N, ()),
    ("He's at work until 6 so I finally have some quiet time", N, ()),
    ("I used to be terrified he'd find me. Now I barely think about him.", N, ()),
    ("My mom's coming over tonight and I'm cooking for her", N, ()),
    ('The pills my doctor gave me are working, I feel more like myself', N, ()),
    ("I almost gave up last year but I'm so glad I didn't", N, ()),
    ("Can't wait to see you all at group on Tuesday!", N, ()),
    ("My counselor's email is on the clinic website if anyone needs it", N, ()),
    ('I read a story about a woman who jumped off a bridge and survived, it stuck with me', N, ()),
    ("No one would believe how far I've come this year", N, ()),
    ('I wrote a letter to my daughter for her birthday', N, ()),
    ('My kids are my reason to live and to keep going', N, ()),
    ('I want to end this chapter of my life and start fresh', N, ()),
    ('please help me find a lawyer who does immigration cases', N, ()),
    ('i just want to sleep for a week lol', N, ()),
    ("i'm so sick of living paycheck to paycheck", N, ()),
    ('Is it normal to feel numb after leaving?', N, ()),
    ("I'm gonna kill myself if I have to hear that song again lol", C, (SH,)),
    ("honestly i don't want to be alive anymore", C, (SH,)),
    ("I keep scratching my arms until they bleed when I'm anxious", C, (SH,)),
    ('im going to swallow every pill in this house tonight', I, (SH,)),
    ("i have the razor and i'm doing it now", I, (SH,)),
    ("He's outside the shelter right now yelling my name", I, (D,)),
    ("They said they'd find me and drag me back if I ran", C, (D,)),
    ("he has my passport and won't give it back", C, (D,)),
    ("drop your insta and I'll follow you back", N, (K,)),
    ('Need quick cash? I have gigs that pay $300 a night, text 555 418 2290', N, (K,)),
    ("you can crash at my place anytime, I'll come get you", N, (K,)),
    ('my sc is bunny.hop2', N, (K,)),
]
