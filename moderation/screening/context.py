"""Where a match sits in its text: its clause and sentence, who is speaking, when.

Rules carry checks built here. Each check is `check(ctx, hit) -> bool`, True
to keep the hit. They look only a short way around the match, so they stay
cheap however long the text.
"""

import re

from .rules import RuleSet, Sightings, rule, scan


class Gated:
    """A regex tried only when one of its literals is in the text: most texts hold none."""

    __slots__ = ("pattern", "literals")

    def __init__(self, pattern, literals):
        self.pattern = re.compile(pattern)
        self.literals = tuple(literals)

    def search(self, text, *bounds):
        piece = text[slice(*bounds)] if bounds else text
        return self.pattern.search(piece) if any(word in piece for word in self.literals) else None


_BREAK = r'[.!?;:,\n()"]|\s(?:but|because|cause|cuz|though|although|unless|except|until|whereas|-+)\s'
# Greedy, so a match from the left ends just after the last break.
_LAST_CLAUSE_BREAK = re.compile(r"(?s:.*)(?:" + _BREAK + ")")
_NEXT_CLAUSE_BREAK = re.compile(_BREAK)
_LAST_SENTENCE_END = re.compile(r"(?s:.*)[.!?\n]")
_NEXT_SENTENCE_END = re.compile(r"[.!?\n]")
# Checks look this far around a hit at most.
_CLAUSE_REACH = 120
_SENTENCE_REACH = 400


class Context:
    """One normalised text; clause and sentence bounds are found near a hit on demand."""

    __slots__ = ("text", "sightings", "_bounds", "_seen", "_speakers")

    def __init__(self, text):
        self.text = text
        self.sightings = Sightings(text)
        self._bounds = {}
        self._seen = {}
        self._speakers = {}

    def _around(self, pos, last, following, reach):
        key = (pos, last)
        if key not in self._bounds:
            lo, hi = max(0, pos - reach), min(len(self.text), pos + reach)
            before = last.match(self.text, lo, pos)
            after = following.search(self.text, pos, hi)
            self._bounds[key] = (before.end() if before else lo, after.start() if after else hi)
        return self._bounds[key]

    def _clause(self, pos):
        return self._around(pos, _LAST_CLAUSE_BREAK, _NEXT_CLAUSE_BREAK, _CLAUSE_REACH)

    def clause_before(self, pos, limit=80):
        start, _ = self._clause(pos)
        return self.text[max(start, pos - limit):pos]

    def clause_after(self, pos, limit=40):
        _, end = self._clause(pos)
        return self.text[pos:min(end, pos + limit)]

    def sentence(self, pos):
        start, end = self._around(pos, _LAST_SENTENCE_END, _NEXT_SENTENCE_END, _SENTENCE_REACH)
        return self.text[start:end]

    def has(self, pattern):
        """Whether `pattern` (a regex, or a RuleSet for speed) matches anywhere; cached."""
        if pattern not in self._seen:
            if isinstance(pattern, RuleSet):
                self._seen[pattern] = bool(scan(self.text, pattern, self, self.sightings))
            else:
                self._seen[pattern] = pattern.search(self.text) is not None
        return self._seen[pattern]

    def sentence_has(self, pattern, pos):
        """Whether the sentence around `pos` matches; cached per sentence."""
        sentence = self.sentence(pos)
        key = (pattern, sentence)
        if key not in self._seen:
            self._seen[key] = pattern.search(sentence) is not None
        return self._seen[key]


# --- negation -------------------------------------------------------------

_NEGATOR = Gated(
    r"(?:\b(?:not|never|no\s+longer|dont|cant|wont|wouldnt|didnt|doesnt|isnt|aint|havent|shouldnt|couldnt)"
    r"|n't)\b(?P<gap>(?:\s+[\w']++){0,4}?)\s*$",
    ("not", "n't", "never", "no longer", "dont", "cant", "wont", "didnt", "doesnt", "isnt", "aint", "havent",
     "shouldnt", "couldnt", "wouldnt"),
)
# "I can't stop thinking about...", "I don't know if I want to..." and "if I
# don't come back he'll..." keep the meaning of what follows.
_KEEPS_MEANING = frozenset(
    """stop help but know sure if why how what whether care mean matter even understand back i he she they you we
    he'll she'll they'll he'd she'd they'd he's she's they're""".split()
)


def not_negated(ctx, hit):
    found = _NEGATOR.search(ctx.clause_before(hit.start, 60))
    return not found or bool(_KEEPS_MEANING.intersection(found.group("gap").split()))


# --- who is speaking -------------------------------------------------------

_TOKEN = re.compile(r"[a-z']+")
_FIRST = frozenset("i i'm im i've ive i'd i'll me my myself mine".split())
_ACTORS = frozenset(
    """he he's hes he'd he'll she she's shes she'd she'll they they're theyre they'd they'll someone somebody
    trafficker pimp abuser exploiter captor handler recruiter ex boyfriend bf husband partner guy guys man men
    boys people crew car van truck""".split()
)
_OTHERS = frozenset(
    """you you're youre you'd you'll u ur we we're anyone anybody everyone everybody nobody person friend friends
    brother sister mom mum mother dad father son daughter cousin kid kids girl woman girlfriend wife who character
    client patient member boss""".split()
)
# Words between a subject and its verb: "she honestly just wants to...".
_BETWEEN = frozenset(
    """really just honestly also still kinda sorta literally actually so too even always sometimes often seriously
    truly lowkey is are was were am be been being would could might may will should must can does do did has have
    had feel feels felt like to want wants wanted wanna gonna going wish wishes keep keeps kept started said says
    thinks think thought now then already somehow finally""".split()
)
# "his friend", "my trafficker's brother": someone on the threat's side.
_THEIRS = frozenset("his their trafficker's pimp's abuser's ex's boyfriend's husband's".split())


def _classify(token):
    token = token[:-2] if token.endswith("'s") and token[:-2] in _ACTORS else token
    if token in _FIRST:
        return "first"
    if token in _ACTORS:
        return "actor"
    if token in _OTHERS:
        return "other"
    return None


_OBJECTS = frozenset("me him her them us".split())
_AUXILIARIES = frozenset("is are was were has have had 's".split())


def _speaker(ctx, pos):
    if pos not in ctx._speakers:
        ctx._speakers[pos] = _find_speaker(ctx, pos)
    return ctx._speakers[pos]


def _find_speaker(ctx, pos):
    """Who the clause is about: the nearest subject, else the clause's first person word."""
    tokens = _TOKEN.findall(ctx.clause_before(pos, 100))
    following = None
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 7), -1):
        token = tokens[i]
        # "the guy who sold me is ...": an object before an auxiliary is not the subject.
        if token in _OBJECTS and following in _AUXILIARIES:
            following = token
            continue
        person = _classify(token)
        if person == "other" and i > 0 and tokens[i - 1] in _THEIRS:
            return "actor"
        if person:
            return person
        if token not in _BETWEEN:
            break
        following = token
    for token in tokens:
        person = _classify(token)
        if person:
            return person
    return None


def first_person(ctx, hit):
    """Nobody else is the subject: "I want to die", or no subject at all."""
    return _speaker(ctx, hit.start) in (None, "first")


def actor_subject(ctx, hit):
    """Someone who could be a threat is the subject: he, they, my ex."""
    return _speaker(ctx, hit.start) == "actor"


def personal(before, after=None):
    """A noun ("suicide") counts only when framed as the speaker's own.

    `before` frames it from the clause before ("thinking about suicide");
    `after` from right after ("suicide keeps going through my head"), which
    then needs the speaker named somewhere in the clause.
    """

    def check(ctx, hit):
        if before.search(ctx.clause_before(hit.start, 60)):
            return first_person(ctx, hit)
        if after is None or not after.match(ctx.clause_after(hit.end, 40)):
            return False
        clause = ctx.clause_before(hit.start, 100) + " " + ctx.clause_after(hit.end, 60)
        return any(token in _FIRST for token in _TOKEN.findall(clause)) and first_person(ctx, hit)

    return check


# --- when ------------------------------------------------------------------

_DISTANT = Gated(
    r"\b(?:used\s+to|years?\s+ago|(?:a\s+few|several|many|a\s+couple(?:\s+of)?|\d+|two|three|four|five|six|ten)"
    r"\s+(?:months|years)\s+(?:ago|back)|months\s+ago|a\s+(?:year|decade)\s+ago"
    r"|last\s+(?:year|month|spring|summer|fall|autumn|winter|christmas)|back\s+then"
    r"|back\s+in\s+(?:\d{4}|the\s+day|high\s+school)|in\s+(?:19|20)\d\d"
    r"|when\s+i\s+was\s+(?:\d+|younger|little|a\s+(?:kid|teen|teenager|child)|in\s+(?:the\s+life|it|school))"
    r"|as\s+a\s+(?:kid|teen|teenager|child)|in\s+the\s+past|at\s+(?:my|the)\s+lowest"
    r"|before\s+i\s+(?:got\s+out|left|got\s+help|escaped|found)"
    r"|(?:when|while)\s+i\s+was\s+(?:still\s+)?(?:with\s+(?:him|them)|being\s+trafficked|in\s+the\s+life))\b",
    ("used to", "ago", "back", "last ", " in 19", " in 20", "when i was", "while i was", "as a ", "past", "lowest",
     "before i"),
)
_STILL_NOW = re.compile(r"\b(?:again|right\s+now|tonight|lately|these\s+days|still)\b")
_RECOVERED = RuleSet((rule(
    "recovered", "recovered", ("glad", "grateful", "survived", "here today", "here now", "proud of", "clean",
                               "free", "sober", "strong", "recovery", "got help", "getting help", "got better",
                               "getting better", "safe now", "okay now", "ok now", "better now"),
    r"\b(?:glad\s+(?:i'?m|i\s+am|to\s+be|i\s+(?:stayed|survived|didn'?t|made\s+it))"
    r"|grateful\s+(?:to\s+be|i'?m|i\s+am)\s+(?:still\s+)?(?:here|alive)|i\s+survived"
    r"|(?:i'?m|i\s+am)\s+(?:still\s+)?here\s+(?:today|now)|proud\s+of\s+(?:myself|me)"
    r"|(?:days?|weeks?|months?|years?)\s+(?:clean|free|sober|strong)|(?:clean|free|sober)\s+(?:from|of|for)\s+"
    r"|in\s+recovery"
    r"|(?:got|getting)\s+(?:help|better)|(?:i'?m|i\s+am)\s+(?:safe|okay|ok|better)\s+now)\b",
),))
# "clean from self harm", "I stopped cutting": over, said about the cue itself.
_OVER_NOW = re.compile(
    r"\b(?:clean|free|sober|recover\w*|heal\w*|stopped|quit|overcame|overcome|beat|beating|survived|past)"
    r"\s+(?:from\s+|of\s+|with\s+)?(?:my\s+|the\s+)?$"
)
_PAST_TENSE = re.compile(r"\b(?:tried|attempted|wanted|thought|felt|was|were|used\s+to|had|did|took|overdosed|cut)\b")
# "...thoughts of suicide? I said not anymore": denied right after.
_DENIED_AFTER = re.compile(
    r"\b(?:not|no|never)\s+(?:anymore|any\s+more|these\s+days|again)\b|\bi\s+(?:said|told\s+(?:her|him|them))\s+no\b"
)


def not_past(ctx, hit):
    """Drop what the speaker tells as over: "years ago I tried to..."."""
    if _OVER_NOW.search(ctx.clause_before(hit.start, 40)):
        return False
    if _DENIED_AFTER.search(ctx.text, hit.end, hit.end + 60):
        return False
    if ctx.sentence_has(_DISTANT, hit.start) and not ctx.sentence_has(_STILL_NOW, hit.start):
        return False
    told = ctx.clause_before(hit.start, 30) + ctx.text[hit.start:hit.end]
    return not (_PAST_TENSE.search(told) and ctx.has(_RECOVERED))


# --- small builders ----------------------------------------------------------


def not_after(pattern):
    """Drop the hit when the clause just before it matches `pattern`."""
    compiled = re.compile(pattern + r"\s*$")

    def check(ctx, hit):
        return not compiled.search(ctx.clause_before(hit.start, 50))

    return check


def sentence_has(pattern):
    compiled = re.compile(pattern)

    def check(ctx, hit):
        return ctx.sentence_has(compiled, hit.start)

    return check


def sentence_lacks(pattern):
    compiled = re.compile(pattern)

    def check(ctx, hit):
        return not ctx.sentence_has(compiled, hit.start)

    return check
