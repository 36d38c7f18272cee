"""Danger: a trafficker, abuser or their people threatening, finding or holding the speaker.

Imminent when someone is at the door, coming, holding or moving the speaker
now, or when a finding ("he knows where I live") meets a threat. A threat,
being followed, blackmail, a claimed debt or a threat to family is a concern.
Patterns read the `words` form; see normalise.py.
"""

import re

from .actors import NAMED, OWNED_NAMED, arrived, named_nearby, threatened
from .context import actor_subject, not_negated, not_past, sentence_has
from .result import Risk
from .rules import rule

# Imminent on their own.
HELD = "held"  # kept, locked in, being sold
MOVED = "moved"  # driven somewhere unknown
HIDING_FROM = "hiding_from"
PRESENT = "present"  # a trafficker named as here: "my pimp is outside the clinic"
FORCE = "force"  # banging on the door, breaking in
# Imminent with something pressing: a plea, fear, a menace, any concern.
NEAR = "near"  # at the door, outside
COMING = "coming"
HIDING = "hiding"
FOUND = "found"  # also a concern on its own
SURVEILLED = "surveilled"  # a photo of my door: also a concern on its own
# Concerns.
THREAT = "threat"
FAMILY = "family"
FOLLOWED = "followed"
BLACKMAIL = "blackmail"
DEBT = "debt"
FEARS_FINDING = "fears_finding"
CONTROL = "control"  # took my phone or papers
# Add weight, never a category alone.
PLEA = "plea"
MENACE = "menace"
FEAR = "fear"
VEILED = "veiled"

VIOLENCE = "violence"  # hit me, beat me
NAMED_MENTION = "named_mention"  # a trafficker named: lets the late rules run
# Scanned only when some other danger rule matched: a pronoun at the door,
# coming, or afraid is danger only beside something else.
LATE = frozenset({NEAR, COMING, MENACE, VEILED})
CONCERNS = frozenset({THREAT, FAMILY, FOLLOWED, BLACKMAIL, DEBT, FEARS_FINDING, CONTROL, FOUND, SURVEILLED, VIOLENCE})
PRESSING = frozenset({PLEA, MENACE, FEAR})

_FAMILY = (
    r"(?:little\s+|baby\s+|big\s+|older\s+|younger\s+)?(?:mom|mum|mother|mama|dad|father|papa|parents?|family"
    r"|sister|brother|sis|bro|kids?|children|child|son|daughter|baby|grandma|grandmother|granny|grandpa|aunt"
    r"|uncle|cousin|niece|nephew|girlfriend|boyfriend|wife|husband|friends?)"
)
_FAMILY_ANCHORS = tuple(
    f"{whose} {who}"
    for whose in ("my", "our")
    for who in """little baby big older younger mom mum mother mama dad father papa parent family sister brother sis bro
    kid child son daughter grand aunt uncle cousin niece nephew girlfriend boyfriend wife husband friend""".split()
)
_PLACE_ANCHORS = (
    "outside", "downstairs", "out front", "waiting for me", "across", "here", "door", "house", "apartment", "place",
    "building", "window", "work", "job", "school", "shelter", "motel", "hotel", "room", "gate", "parking", "lobby",
    "hallway", "driveway", "yard", "coffee", "store", "shop", "bar", "restaurant", "clinic", "station", "church",
    "center", "centre", "library", "bus", "office", "banging", "knocking", "pounding", "get in", "break in",
    "breaking in",
)
_HARM_ANCHORS = ("kill", "hurt", "beat", "shoot", "stab", "destroy", "ruin", "sell", "come after", "come for",
                 "make me pay", "me back", "get me", "get us", "find me", "find us")
_CHECKED = (not_negated, not_past)
_BY_SOMEONE = (not_negated, not_past, actor_subject)
_THREATENED = (threatened, not_negated, not_past)

RULES = (
    rule("near", NEAR, _PLACE_ANCHORS,
         r"(?:outside|downstairs|out\s+front|waiting\s+for\s+me\b|across\s+(?:from|the\s+street)|\bhere\b(?!\s+(?:for"
         r"|to\s+(?:help|support|listen)))|(?:at|to|in\s+front\s+of)\s+(?:my|the|our)\s+(?:front\s+)?(?:door|house"
         r"|apartment|place|building|window|work|job|school|shelter|motel|hotel|room|gate)\b|in\s+(?:the|my)\s+"
         r"(?:parking\s+lot|lobby|hallway|building|driveway|yard)\b|the\s+(?:coffee\s+shop|store|shop|bar|restaurant"
         r"|clinic|shelter|building|room|hotel|motel|office|station|church|center|centre|library|bus)\b"
         r"|(?:banging|knocking|pounding)\s+on|trying\s+to\s+(?:get|break)\s+in|breaking\s+in)",
         checks=(arrived, not_negated, not_past)),
    rule("named_mention", NAMED_MENTION, ("trafficker", "pimp", "abuser", "exploiter", "captor", "handler",
                                          "recruiter", "took me", "sold me", "trafficked me", "pimped me",
                                          "kidnapped me", "raped me", "abused me", "owned me", "bought me",
                                          "sell me", "traffic me", "pimp me"),
         OWNED_NAMED + r"|\b(?:who|that|which)\s+(?:[\w']+\s+){0,3}?(?:took|sold|trafficked|pimped|kidnapped|raped|abused"
         r"|owned|bought|sell|traffic|pimp)\s+me\b"),
    rule("near_named", PRESENT, ("trafficker", "pimp", "abuser", "exploiter", "captor", "handler", "recruiter"),
         r"\b(?:my|the|his|her|their|that|our)\s+(?:old\s+|ex[\s-]?|former\s+)?" + NAMED + r"(?:'s|\s+is)\s+"
         r"(?:(?:right|just|still|now|already|back|sitting|standing|waiting)\s+){0,2}(?:here|there\s+now|outside"
         r"|downstairs|nearby|around\s+the\s+corner|across\s+the\s+street|(?:at|in|inside|outside|near)\s+(?:my|the|our"
         r"|this)\b(?!\s+(?:news|paper|papers|headlines|prison|jail|court|courthouse|custody|hospital|ground|grave|past"
         r"|documentary|article|podcast|book|movie|video|tv|system|database)\b))", checks=_CHECKED),
    rule("force", FORCE, ("banging", "pounding", "kicking", "break", "get in", "yelling", "screaming", "shouting"),
         r"\b(?:banging|pounding|kicking|trying\s+to\s+(?:get|break)\s+in(?:to)?|breaking\s+in(?:to)?)\s+(?:on\s+)?"
         r"(?:my|the|our)\s+(?:front\s+|back\s+|bedroom\s+|bathroom\s+)?(?:door|window|windows|car|house|apartment"
         r"|place|room)\b|\btrying\s+to\s+(?:get|break)\s+in\b(?!\s+(?:shape|touch|line|trouble|there))|\bbreaking\s+in"
         r"\b(?!\s+(?:new|my\s+new|a\s+new|the\s+new))|\b(?:yelling|screaming|shouting)\s+(?:my\s+name|for\s+me"
         r"|at\s+my\s+(?:door|window))\b", checks=(not_negated, not_past, actor_subject)),
    rule("coming", COMING, ("coming", "on his way", "on her way", "on their way", "come here", "come over",
                            "come for", "come after", "come to get", "be here", "be over", "be for me",
                            "be after me", "be to get"),
         r"\bcoming\s+(?:for\s+me|to\s+(?:get|find|take)\s+me|back\s+for\s+me|here|over|tonight|now|to\s+my|after\s+me)"
         r"\b|\bon\s+(?:his|her|their)\s+way(?:\s+(?:here|over|to\s+me|to\s+my))?\b|\b(?:come|be)\s+(?:here|over|for\s+me"
         r"|after\s+me|to\s+get\s+me)\b", checks=_BY_SOMEONE),
    rule("found", FOUND, ("found me", "found my", "found out", "tracked", "caught me", "located me", "knows where",
                          "know where", "knows my", "know my", "got my", "has my", "figured out"),
         r"\b(?:(?:found|tracked\s+down|caught|located)\s+me\b|(?:found|knows?|got|has|figured\s+out|tracked\s+down"
         r"|found\s+out)\s+(?:my\s+(?:new\s+)?"
         r"(?:address|apartment|location|house|room|job|workplace|school)|where\s+(?:i\s+(?:live|am|stay|work|sleep"
         r"|moved|go)|i'?m\s+(?:staying|at|living|hiding|working|sleeping)|we\s+(?:live|are|stay))))",
         checks=(not_negated, not_past, actor_subject)),
    rule("moved_near", FOUND, ("live", "moved", "staying", "next door", "down the"),
         r"\b(?:lives?|living|moved(?:\s+in)?|staying|just\s+moved)\s+(?:on|in|down|near|next\s+to|across\s+from|into)\s+"
         r"(?:my|the\s+same|our)\s+(?:street|block|building|neighbou?rhood|complex|area)\b|\bmoved\s+(?:in\s+)?next\s+door"
         r"\b|\bdown\s+the\s+(?:street|block|hall)\s+from\s+me\b", checks=(not_negated, not_past, actor_subject)),
    rule("photo_of_home", SURVEILLED, ("picture", "photo", "pic", "video", "screenshot"),
         r"\b(?:sent|texted|messaged|posted|sends|texts)\s+(?:me\s+)?(?:a\s+)?(?:picture|photo|pic|video|screenshot)\s+"
         r"of\s+(?:my|the|our)\s+(?:new\s+)?(?:street|house|building|front\s+door|door|car|work|job|apartment|window"
         r"|kids?|school|place)\b", checks=(not_negated, not_past, actor_subject)),
    rule("threat", THREAT, ("kill me", "kill us", "hurt me", "hurt us", "beat me", "beat us", "shoot me", "stab me",
                            "destroy me", "ruin me", "ruin us", "sell me", "sell us", "come after", "come for",
                            "make me pay", "me back", "get me", "get us", "find me", "find us"),
         r"\b(?:kill|hurt|beat|shoot|stab|destroy|ruin|sell)\s+(?:me|us)\b(?!\s+when\s)|\bcome\s+(?:after|for)\s+(?:me|us)"
         r"\b|\bmake\s+me\s+pay\b|\b(?:drag|take|bring)\s+me\s+back\b|\b(?:get|find)\s+(?:me|us)\b(?!\s+(?:a|an|the|some"
         r"|something|anything|to|into|out|up|in|on|home|there|from|for|with|more|food|coffee|flowers|help|work|job"
         r"|when)\b)", checks=_THREATENED),
    rule("threatened", THREAT, ("threat",), r"\bthreat\w*\s+(?:to\s+\w+\s+)?(?:me|us)\b", checks=_BY_SOMEONE),
    rule("death_threats", THREAT, ("threat",), r"\b(?:death|kill)\s+threats?\b", checks=_CHECKED),
    rule("warned", THREAT, ("regret", "or he", "or they", "or she", "or else"),
         r"\b(?:i'?ll|i\s+will|you'?ll|you\s+will|i'?m\s+gonna|you'?re\s+gonna|i'?d|you'?d)\s+regret\s+(?:leaving|it|this"
         r"|running|talking|going|telling|what|ever)\b|\bor\s+(?:else|he'?ll|they'?ll|she'?ll|he\s+will|they\s+will)\b",
         checks=(not_negated, not_past, sentence_has(
             r"\b(?:he|she|they|ex|trafficker|pimp)\b.*\b(?:said|says|saying|told|tells|texted|texts|messaged|wrote"
             r"|threaten\w*|warned|keeps)\b"))),
    rule("if_i_leave", THREAT, ("if i",),
         r"\bif\s+i\s+(?:[\w']+\s+){0,2}?(?:come\s+back|go\s+back|leave|left|talk|tell|report|snitch|go\s+to\s+(?:the\s+)?"
         r"(?:police|cops)|stop|pay|run|call|testify)\b[^.!?]{0,60}?\b(?:he|she|they)(?:'ll|'d|\s+will|\s+would"
         r"|\s+is\s+gonna|\s+is\s+going\s+to)\b|\b(?:he|she|they)(?:'ll|'d|\s+will|\s+would)\s+[^.!?]{0,60}?\bif\s+i\s+"
         r"(?:[\w']+\s+){0,2}?(?:come\s+back|go\s+back|leave|left|talk|tell|report|snitch|go\s+to\s+(?:the\s+)?(?:police"
         r"|cops)|stop|run|testify)\b", checks=(not_negated, not_past), before=110, after=110),
    rule("report_me", THREAT, ("immigration", "ice", "police", "cops", "deported", "arrested", "my family",
                               "my mom", "my parents", "my boss", "my kids", "my caseworker"),
         r"\b(?:tell|call|report\s+me\s+to|turn\s+me\s+in\s+to)\s+(?:[\w']+\s+)?(?:immigration|ice|the\s+police|the\s+cops"
         r"|my\s+(?:family|mom|parents|boss|kids|caseworker))\b|\b(?:get|have)\s+me\s+(?:deported|arrested)\b",
         checks=_THREATENED),
    rule("hidden_caller", FOLLOWED, ("blocked", "private", "unknown", "different", "fake", "new number",
                                     "new account"),
         r"\b(?:calling|texting|messaging|calls|texts|messages|called|texted|messaged)\s+(?:me\s+)?from\s+(?:a\s+|different"
         r"\s+|new\s+)?(?:blocked|private|unknown|new|different|fake)\s+(?:numbers?|accounts?|profiles?)\b",
         checks=(not_negated, not_past, actor_subject)),
    rule("exposed", BLACKMAIL, ("posted", "shared", "gave out", "leaked", "put my", "put our"),
         r"\b(?:posted|shared|gave\s+out|leaked|put)\s+(?:my|our)\s+(?:home\s+|new\s+)?(?:address|location|number"
         r"|phone\s+number|photos?|pictures?|pics|videos?|nudes)\s+(?:in|on|to|online|everywhere|up)\b",
         checks=(not_negated, not_past, actor_subject)),
    rule("took_kids", FAMILY, ("took my", "taken my", "has my", "have my", "kidnapped", "give me back", "give back",
                               "where my"),
         r"\b(?:took|taken|has|have|kidnapped|won'?t\s+give\s+(?:me\s+)?back)\s+my\s+(?:kids?|son|daughter|baby|children)\b"
         r"|\bknows?\s+where\s+my\s+(?:family|mom|mum|parents|kids|sister|brother|children)\s+(?:lives?|are|is|stays?)\b",
         checks=(not_negated, not_past, actor_subject)),
    rule("hit_me", VIOLENCE, ("hit me", "beat me", "beats me", "beating me", "choked me", "chokes me",
                              "strangled me", "punched me", "punches me", "kicked me", "raped me", "assaulted me",
                              "attacked me", "slapped me"),
         r"\b(?:hit|beat|beats|beating|choked|chokes|strangled|punched|punches|kicked|raped|assaulted|attacked|slapped"
         r")\s+me\b(?!\s+(?:so\s+much|deeply|emotionally|feelings|with\s+words|when\s+(?:he|she|they)"
         r"\s+(?:said|says)))", checks=(not_negated, not_past, actor_subject)),
    rule("family", FAMILY, _FAMILY_ANCHORS,
         r"\b(?:my|our)\s+" + _FAMILY + r"\b", checks=_THREATENED),
    rule("family_if", FAMILY, ("her if i", "him if i", "them if i", "her kid", "her child", "her son",
                               "her daughter", "her baby", "his kid", "his child", "his son", "his daughter",
                               "their kid", "their child"),
         r"\b(?:kill|hurt|harm|beat)\s+(?:her|him|them)\s+if\s+i\b|\b(?:kill|hurt|harm|beat|take)\s+(?:her|his|their)\s+"
         r"(?:kids?|children|child|son|daughter|baby)\b", checks=_THREATENED),
    rule("threatens_them", FAMILY, ("threat",),
         r"\bthreaten\w*\s+(?:to\s+)?(?:kill|hurt|harm|beat|rape|take)\s+(?:her|him|them)\b", checks=_BY_SOMEONE),
    rule("followed_by", FOLLOWED, ("following me", "stalking me", "watching me", "tracking me", "follow me",
                                   "followed me", "follows me", "following me"),
         r"\b(?:is|are|been|keeps?|kept|was|were|started|'s|'re)\s+(?:[\w']+\s+)?(?:following|stalking|watching"
         r"|tracking)\s+me\b(?!\s+on\s)|\bfollow(?:ed|ing|s)?\s+me\s+(?:home|to\s+(?:my|the|work|school)|from"
         r"|around|everywhere|again)\b(?!\s+(?:to\s+(?:ask|help|see\s+if|show|offer|give|return)|asking|with\s+(?:my|a)))",
         checks=(not_negated, not_past, actor_subject)),
    rule("showing_up", FOLLOWED, ("showing up", "showed up", "turning up", "turned up", "stop texting",
                                  "stop calling", "stop messaging", "stop contacting", "stop following",
                                  "stop watching", "texting me", "calling me", "messaging me", "ringing me",
                                  "dming me", "emailing me", "texting my", "calling my", "messaging my",
                                  "ringing my", "dming my", "emailing my", "staring", "glaring", "sees me",
                                  "saw me", "see me", "watching me", "watches me", "watch me"),
         r"\b(?:keeps?|kept|has\s+been|been|started|always|showing|showed|turned|turning)\s+(?:showing\s+|turning\s+)?"
         r"up\s+(?:again\s+)?(?:at|outside|near)\s+(?:my|the)\b|\b(?:won'?t|will\s+not|doesn'?t|does\s+not)\s+stop\s+"
         r"(?:texting|calling|messaging|contacting|following|watching)\s+me\b|\b(?:keeps?|kept|been|started|constantly)\s+"
         r"(?:texting|calling|messaging|ringing|dming|emailing)\s+(?:me|my\s+(?:phone|mom|family|job|work))\s+(?:nonstop"
         r"|non\s+stop|all\s+(?:night|day)|over\s+and\s+over|every\s+(?:day|night|hour)|even\s+(?:though|after)"
         r"|after\s+i|from\s+(?:new|different))\b"
         r"|\b(?:staring|glaring)\s+(?:at\s+)?me\b|\b(?:he|she|they)\s+(?:can\s+)?(?:sees?|saw|watch(?:es|ing)?)\s+me\b"
         r"(?!\s+(?:at|in)\s+(?:group|church|class"
         r"|therapy|the\s+meeting))", checks=(not_past, actor_subject)),
    rule("being_followed", FOLLOWED, ("being", "track", "gps", "airtag", "air tag", "parked", "circling", "driving"),
         r"\bbeing\s+(?:followed|watched|stalked|tracked)\b|\b(?:tracking|tracked|tracks)\s+my\s+(?:phone"
         r"|location|car)\b|\b(?:gps|tracker|airtag|air\s+tag|tracking\s+device)\s+(?:on|in|under)\s+my\b"
         r"|\b(?:car|van|truck)\s+(?:has\s+been\s+|keeps\s+|is\s+|was\s+)?(?:parked|sitting|circling|driving\s+"
         r"(?:by|past))\s+(?:outside|around|past|near|by)\s+my\b", checks=_CHECKED),
    rule("blackmail", BLACKMAIL, ("photo", "picture", "pic", "video", "vid", "nude", "image", "tape", "recording"),
         r"\b(?:post|share|send|leak|release|show|spread|put\s+out|upload|sell|expose)\w*\s+(?:all\s+)?(?:of\s+)?"
         r"(?:my|the|those|these|our)\s+(?:[\w']+\s+)?(?:photos|pictures|pics|videos|vids|nudes|images|tapes?"
         r"|recordings?)\b",
         checks=(not_negated, not_past, actor_subject,
                 sentence_has(r"'ll|\bwill\b|gonna|going\s+to|threat\w*|\bif\s+i\b|\bunless\s+i\b|or\s+else"))),
    rule("extortion", BLACKMAIL, ("blackmail", "sextort", "expose", "out me"),
         r"\bblackmail\w*\s+(?:me|us)\b|\bsextort\w*|\b(?:threaten\w*|going|gonna)\s+(?:to\s+)?(?:expose|out)\s+me"
         r"\b|\b(?:expose|out)\s+me\s+(?:to|if|unless)\b", checks=_CHECKED),
    rule("debt", DEBT, ("owe", "debt", "work it off", "work this off", "back or"),
         r"\b(?:says|said|claims|claimed|told\s+me|insists|keeps\s+saying|thinks)\s+(?:that\s+)?i\s+(?:still\s+)?"
         r"owe\b|\bi\s+(?:still\s+)?owe\s+(?:him|her|them)\b(?!\s+(?:nothing|an\s+apology|a\s+(?:call|text|visit"
         r"|coffee|drink|favou?r)))|\b(?:my|the|this)\s+debt\s+(?:to\s+(?:him|them|her)|isn'?t\s+paid|is\s+not\s+"
         r"paid|keeps\s+growing)\b|\b(?:pay|work)\s+off\s+(?:my|the|this)\s+debt\b|\bwork\s+(?:it|this)\s+off\b"
         r"|\b(?:pay|paid)\s+(?:him|them|her)\s+back\s+or\b|\b(?:my|the)\s+debt\s+(?:[\w']+\s+){0,2}?(?:went\s+up|goes\s+up"
         r"|keeps\s+(?:going\s+up|growing)|grew|doubled|increased)\b", checks=_CHECKED),
    rule("veiled", VEILED, ("knows people", "know people", "or else", "regret", "get away"),
         r"\b(?:he|she|they)\s+knows?\s+people\b|\bor\s+else\b|\b(?:you'?ll|you\s+will|you'?re\s+gonna)\s+regret"
         r"\b|\b(?:won'?t|will\s+not)\s+get\s+away\s+with\b", checks=(not_past,)),
    rule("sold_now", HELD, ("making me", "forcing me", "sending me", "pushing me"),
         r"\b(?:making|forcing|sending|pushing)\s+me\s+(?:to\s+)?(?:go\s+(?:with|see|out\s+with)|see|meet|sleep\s+with|do"
         r"|work|walk|hit|make)\s+(?:[\w']+\s+){0,2}?(?:clients?|johns?|dates?|tricks?|customers?|guys|men|the\s+(?:track"
         r"|streets?|blade|stroll)|quota)\b", checks=(not_negated, not_past)),
    rule("sold", CONTROL, ("makes me", "make me", "forces me", "force me", "sends me", "send me", "made me", "quota"),
         r"\b(?:makes?|forces?|sends?|made)\s+me\s+(?:to\s+)?(?:go\s+(?:with|see|out\s+with)|see|meet|sleep\s+with|do"
         r"|work|walk|hit|make)\s+(?:[\w']+\s+){0,2}?(?:clients?|johns?|dates?|tricks?|customers?|the\s+(?:track|streets?"
         r"|blade|stroll)|quota)\b|\b(?:have|got|need)\s+to\s+(?:make|hit)\s+(?:my\s+|the\s+)?quota\b",
         checks=(not_negated, not_past)),
    rule("held", HELD, ("let me", "lock", "keeping me", "kept me", "holding me", "held me", "against my will",
                        "being", "leave", "get out", "escape"),
         r"\b(?:won'?t|will\s+not|doesn'?t|does\s+not|don'?t|do\s+not|wont|dont|doesnt)\s+let\s+me\s+(?:leave"
         r"|go\s+(?:out|home|anywhere)|out\s+of|call\s+(?:anyone|my|the\s+police|911)|have\s+my\s+(?:phone|id"
         r"|passport|money))|\b(?:locked|lock)\s+(?:me\s+)?(?:in|inside|up)\s+(?:in\s+)?(?:the\s+|a\s+|this\s+|his\s+"
         r"|their\s+|my\s+)?(?:room|house|basement|closet|car|trunk|motel|hotel|bathroom|apartment)\b"
         r"|\b(?:i'?m|i\s+am|im)\s+trapped\s+(?:in|at|inside)\s+(?:a|the|his|their|this)\s+(?:room|house|car|motel|hotel"
         r"|basement|apartment|trunk)\b|\b(?:keeping|kept|holding|held)\s+me\s+(?:here|there|in\s+(?:the|a|this)|against"
         r"|hostage|captive"
         r"|prisoner|locked)\b|\bagainst\s+my\s+will\b|\b(?:i'?m|i\s+am|im)\s+being\s+(?:held|kept|sold"
         r"|trafficked|pimped|forced)\b|\b(?:forcing|forces)\s+me\s+(?:to\s+)?(?:work|see|meet|go\s+(?:out|with)"
         r"|sleep\s+with|have\s+sex|do\s+(?:dates|calls|things|stuff))\b|\b(?:can'?t|cannot|cant)\s+(?:leave"
         r"|get\s+out|escape)(?=\s*(?:[.!?,;]|$"
         r"|here|this\s+(?:place|room|house|motel|hotel|apartment)|the\s+(?:room|motel|hotel|apartment|car)))",
         checks=(not_past,)),
    rule("control", CONTROL, ("phone", "passport", " id", "papers", "documents", "certificate", "security card",
                              "visa", "green card", "ssn"),
         r"\b(?:took|taken|takes|has|have|kept|keeps|keeping|holding|holds|stole|confiscated)\s+(?:away\s+)?my\s+"
         r"(?:phone|passport|id|ids|papers|documents|birth\s+certificate|social\s+security\s+card|visa"
         r"|green\s+card|ssn)\b", checks=(not_negated, not_past, actor_subject)),
    rule("moved", MOVED, ("where", "being", "driving me", "taking me", "moving me", "sending me"),
         r"\b(?:don'?t|do\s+not|dont|no)\s+(?:know|idea)\s+where\s+(?:we'?re|we\s+are|were|they'?re|they\s+are"
         r"|he'?s|he\s+is|she'?s|she\s+is)\s+(?:going|headed|heading|taking\s+me|driving|at)\b(?!\s+(?:for|on"
         r"|with|in|to\s+(?:eat|dinner|lunch)))|\bbeing\s+(?:driven|taken|moved|transported|trafficked|shipped"
         r"|sent)\s+(?:[\w']+\s+){0,5}?(?:against\s+my\s+will|right\s+now|as\s+we\s+speak)|\b(?:they'?re|they\s+are"
         r"|he'?s|he\s+is|she'?s|she\s+is)\s+(?:driving|taking|moving|sending)\s+me\s+(?:to\s+(?:another|a\s+"
         r"different|a\s+new)|somewhere|away|out\s+of\s+(?:town|state|the\s+country))|\b(?:won'?t|will\s+not|doesn'?t"
         r"|didn'?t|wont)\s+tell\s+me\s+where\s+(?:we'?re|we\s+are|he'?s|they'?re|i'?m|she'?s)\s+(?:going|taking"
         r"|headed|heading)\b", checks=(not_past,), after=90),
    rule("hiding_from", HIDING_FROM, ("hiding from",),
         r"\bhiding\s+from\s+(?:him|her|them|my\s+(?:ex|trafficker|pimp|abuser|boyfriend|husband)|(?:the|those)\s+"
         r"(?:guys?|men|people))\b", checks=_CHECKED),
    rule("hiding", HIDING, ("hiding",),
         r"\b(?:i'?m|i\s+am|im|currently|been|we'?re|i)\s+(?:[\w']+\s+)?hiding\b(?!\s+(?:my|the|it|this|that|from\s+"
         r"(?:my\s+)?(?:responsib|feelings|problems|emotions|the\s+world|reality|people|everyone)))",
         checks=_CHECKED),
    rule("plea", PLEA, ("please help", "help me", "someone help", "somebody help", "send help", "get help",
                        "call help", "police", "cops", "911", "sos"),
         r"\bplease\s+help\b|\bhelp\s+me\s+(?:please|pls|plz|now)\b|\bhelp\s+me\s*!|\bsomeone\s+(?:please\s+)?help"
         r"\b|\bsend\s+help\b|\b(?:call|get)\s+(?:the\s+)?(?:police|cops|911)\s+(?:for\s+me|please|now)\b"
         r"|\b(?:can|could)\s+(?:someone|somebody|anyone)\s+call\s+(?:the\s+)?(?:police|cops|911)\b"
         r"|\bi\s+need\s+help\s+(?:now|right\s+now|asap|please)\b|\bsos\b|\b(?:please|pls|plz|someone|somebody|anyone)"
         r"\s+(?:[\w']+\s+){0,2}?(?:call|get|send)\s+(?:the\s+)?(?:police|cops|911|help)\b", checks=(not_past,)),
    rule("menace", MENACE, ("see you", "see u", "see ya", "seeing you", "coming for", "hide", "know where",
                            "belong", "come back", "regret", "gun", "knife", "weapon", "armed"),
         r"\bsee\s+(?:you|u|ya)\s+soon\b|\b(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+(?:be\s+)?see(?:ing)?\s+(?:you|u)"
         r"\b|\b(?:i'?m|we'?re)\s+coming\s+for\s+(?:you|u)\b|\b(?:you|u)\s+can'?t\s+hide\b|\bi\s+know\s+where\s+"
         r"(?:you|u)\s+(?:live|are|stay)\b|\b(?:you|u)\s+belong\s+to\s+me\b|\b(?:you|u)'?(?:ll|re\s+gonna)\s+"
         r"(?:come\s+back|regret)\b|\b(?:he|she|they)\s+(?:has|have|had|'s\s+got|got|is\s+carrying)\s+a\s+(?:gun|knife"
         r"|weapon)\b|\b(?:he'?s|he\s+is|they'?re|they\s+are)\s+armed\b"),
    rule("fear", FEAR, ("scared", "afraid", "terrified", "frightened", "panic", "shaking", "freaking", "nervous",
                        "unsafe", "safe"),
         r"\b(?:scared|afraid|terrified|frightened|panick\w*|shaking|freaking\s+out|(?:so|really)\s+nervous|unsafe)\b"
         r"|\b(?:don'?t|do\s+not|no\s+longer)\s+feel\s+safe\b"),
    rule("fears_finding", FEARS_FINDING, ("find", "found", "catch", "sees", "gets", "track", "afraid", "scared",
                                          "terrified", "worried", "fear", "looking", "searching", "asking",
                                          "hunting"),
         r"\bif\s+(?:he|she|they|my\s+(?:ex|trafficker|pimp|abuser|boyfriend|husband))\s+(?:ever\s+)?(?:finds?"
         r"|found|catches|catch|sees|gets\s+(?:to|hold\s+of)|tracks?\s+down)\s+me\b|\b(?:afraid|scared|terrified"
         r"|worried|fear|fearing)\s+(?:that\s+)?(?:he|she|they|my\s+(?:ex|trafficker|pimp|abuser))(?:'ll|\s+will"
         r"|\s+would|'d|\s+is\s+going\s+to|\s+might|\s+may|\s+could|\s+is\s+gonna|'s\s+gonna)?\s+(?:find|come\s+"
         r"(?:for|after|back\s+for)|hurt|kill|take|track|see)\s+(?:me|my)\b|\b(?:he'?s|he\s+is|hes|they'?re"
         r"|they\s+are|theyre|she'?s|she\s+is|shes|(?:he|she|they)\s+(?:keeps?|has\s+been|have\s+been))\s+"
         r"(?:still\s+)?(?:looking|searching|asking(?:\s+around)?|hunting)\s+(?:for|about)\s+me\b",
         checks=_CHECKED),
    rule("asking_around", FEARS_FINDING, ("asking", "looking", "searching", "hunting"),
         r"\b(?:is|are|'s|'re|has\s+been|have\s+been|keeps?|been|was|were)\s+(?:still\s+)?(?:asking|looking|searching"
         r"|hunting)\s+(?:around\s+)?(?:for|about)\s+me\b", checks=(not_negated, not_past, actor_subject)),
)

# Custody ends the danger a sentence describes; release starts it again.
_IN_CUSTODY = re.compile(
    r"\b(?:(?<!out\sof\s)(?:in|to|back\s+in)\s+(?:prison|jail)|locked\s+up|behind\s+bars|deported)\b"
)
# Aggression in a "near" match makes a pronoun enough.
_FORCE = re.compile(r"banging|pounding|kicking|break")


def _imminent(ctx, hits, kinds):
    concern = bool(kinds & CONCERNS)
    pressing = bool(kinds & PRESSING) or concern
    near = [hit for hit in hits if hit.kind == NEAR]
    located = kinds & {FOUND, SURVEILLED}
    return (
        bool(kinds & {HELD, MOVED, HIDING_FROM, PRESENT, FORCE})
        or any(named_nearby(ctx, hit) or _FORCE.search(hit.match.group()) for hit in near)
        or bool(near and pressing)
        or any(named_nearby(ctx, hit) for hit in hits if hit.kind == COMING)
        or (COMING in kinds and pressing)
        or bool(located and (len(located) == 2 or kinds & {THREAT, MENACE, COMING, NEAR}))
        or (HIDING in kinds and pressing)
        or (PLEA in kinds and concern)
    )


def level(ctx, hits):
    """Risk from the hits that passed their checks."""
    hits = [hit for hit in hits if not _IN_CUSTODY.search(ctx.sentence(hit.start))]
    kinds = {hit.kind for hit in hits}
    if _imminent(ctx, hits, kinds):
        return Risk.IMMINENT, hits
    if kinds & CONCERNS:
        return Risk.CONCERN, hits
    return Risk.NONE, []
