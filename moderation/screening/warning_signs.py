"""Warning signs of self-harm: how near it is, not whether it is meant.

A plan, the means at hand, a time, a goodbye. Each has a weight; in
self_harm.py they turn a cue into an imminent risk, and three or more
points of them with a plan, means or goodbye are imminent on their own.
Patterns read the `words` form; see normalise.py.
"""

from .context import first_person, not_after, not_negated, not_past
from .rules import rule

PLAN = "plan"
MEANS = "means"
FAREWELL = "farewell"  # also a concern on its own
WEAK = "weak"
PARTING = "parting"  # a weak sign that is also a goodbye: "I'm sorry", "thank you all"
TIME = "time"
ACUTE = "acute"  # bleeding, dizzy: the harm is happening

_CHECKED = (not_negated, not_past)
_SPEAKER = (not_negated, not_past, first_person)

MARKER_RULES = (
    rule("plan", PLAN, ("plan",),
         r"\b(?:have|got|made|making|came\s+up\s+with)\s+(?:a|the|my)\s+plan(?=\s*(?:[.!?,;]|$|and\b|now\b"
         r"|already\b|for\s+(?:it|how|tonight|when|this)|to\s+(?:do\s+it|end|kill|die)))", weight=2,
         checks=(not_negated,)),
    rule("know_how", PLAN, ("do it", "end it", "kill myself"),
         r"\bknow\s+(?:exactly\s+)?(?:how|when|where)\s+(?:i'?m|i\s+am|i'?ll|i\s+will|im|to|i'?d|i\s+would)\s+"
         r"(?:going\s+to\s+|gonna\s+)?(?:do\s+it|end\s+it|kill\s+myself)\b", weight=2, checks=(not_negated,)),
    rule("picked", PLAN, ("picked", "chose", "found", "decided on", "settled on"),
         r"\b(?:picked|chosen|chose|found|decided\s+on|settled\s+on)\s+(?:out\s+)?(?:the|a|my)\s+(?:spot|place|day"
         r"|date|time|method|way\s+(?:to|i)|bridge|building)\b(?!\s+(?:to\s+(?:live|stay|rent|work|eat|meet)"
         r"|for\s+(?:rent|my|the|us|dinner|court)))", weight=2, checks=(not_negated,)),
    rule("do_it", PLAN, ("doing it", "do it"),
         r"\b(?:i'?m|i\s+am|im)\s+(?:finally\s+|really\s+)?(?:doing|going\s+to\s+do|gonna\s+do)\s+it\s+(?:tonight"
         r"|today|tomorrow|this\s+\w+|now|soon|at\s+\w+|after|when|before)\b", weight=2, checks=(not_negated,)),
    rule("decided", PLAN, ("decided", "made up my mind", "peace", "stop me", "save me", "plan is", "plan to"),
         r"\b(?:i'?ve|i\s+have|i)\s+(?:already\s+|finally\s+)?(?:decided|made\s+up\s+my\s+mind|made\s+my\s+decision"
         r"|made\s+(?:my\s+)?peace(?:\s+with\s+it)?)(?=\s*(?:[.!?,;]|$|and|to\s+(?:do|end|go)))|\b(?:don'?t|do\s+not"
         r"|please\s+don'?t)\s+(?:try\s+to\s+|bother\s+(?:trying\s+to\s+)?)?(?:stop|save|look\s+for|find)\s+me\b"
         r"|\bmy\s+plan\s+is\s+to\b", weight=2),
    rule("the_night", PLAN, ("the night", "the day", "tonight's it", "tonights it", "tonight is it", "today's it",
                             "todays it", "today is it", "tomorrow's it", "tomorrows it", "tomorrow is it"),
         r"\b(?:tonight|today|tomorrow)(?:'?s|\s+is)\s+(?:the\s+(?:night|day)|it)\b", weight=2),
    rule("gave_away", PLAN, ("away",),
         r"\b(?:gave|giving|give)\s+away\s+(?:all\s+)?(?:of\s+)?(?:my|all\s+my)\s+(?:things|stuff|belongings"
         r"|possessions|clothes|pets?|cats?|dogs?|plants|books)\b", weight=2, checks=(not_past,)),
    rule("acquired", MEANS, ("rope", "noose", "gun", "pistol", "bullet", "razor", "blade", "pill", "meds",
                             "medication", "tablets", "charcoal", "poison", "helium"),
         r"\b(?:bought|buying|got\s+(?:a|some|the)|stockpil\w*|hoard\w*|saved\s+up|saving\s+up|collect\w*"
         r"|have\s+(?:a|enough|all\s+the))\s+(?:a\s+|the\s+|some\s+|enough\s+|my\s+)?(?:rope|noose|gun|pistol"
         r"|bullets|razor\s*blades?|razors?|blades|pills|meds|medications?|tablets|sleeping\s+pills|charcoal|poison"
         r"|helium)\b",
         weight=2, checks=_CHECKED),
    rule("at_hand", MEANS, ("pill", "meds", "medication", "tablet", "gun", "knife", "rope", "noose", "razor", "blade"),
         r"\b(?:pills|meds|tablets|gun|knife|rope|noose|razor|blades?)\s+(?:are\s+|is\s+)?(?:right\s+|all\s+)?"
         r"(?:in\s+front\s+of|next\s+to|beside|here\s+with)\s+me\b|\b(?:pills|meds|tablets)\s+(?:are\s+|all\s+)?(?:counted"
         r"|lined|laid|set|sorted)\s+(?:out|up)\b|\b(?:lined|laid|counted)\s+(?:up|out)\s+"
         r"(?:all\s+)?(?:the\s+|my\s+)?(?:pills|meds|tablets)\b|\b(?:rope|noose)\s+(?:is\s+)?(?:ready|tied|up"
         r"|hung)\b|\bloaded\s+(?:the\s+|my\s+|a\s+)?gun\b|\b(?:gun|knife|blade|razor)\s+(?:is\s+|'s\s+)?(?:in|to"
         r"|against)\s+my\s+"
         r"(?:hand|head|wrist|throat|chest)\b|\b(?:pills|meds|tablets|gun|knife|rope|noose|razor|blades?)\b(?:\s+[\w']+)"
         r"{0,3}?\s+(?:in\s+front\s+of\s+me|next\s+to\s+me|beside\s+me|in\s+my\s+(?:hand|lap|pocket)|on\s+my\s+(?:lap"
         r"|bed|nightstand|night\s+stand|table|desk|dresser|counter))\b|\b(?:have|got|holding)\s+(?:the|a|my)\s+(?:gun"
         r"|knife|rope|noose|pills|razor|blade)\s+(?:loaded|ready|out|right\s+here|with\s+me)\b",
         weight=2, checks=_CHECKED, after=70),
    rule("swallow_all", MEANS, ("them all", "these all", "those all", "it all", "pills all", "meds all",
                                "tablets all", "bottle all", "all of them", "all of these", "all of those",
                                "all of my", "all my", "all the", "all of the", "all them", "all these",
                                "all those", "every one", "every single", "every last", "every pill",
                                "every tablet", "every capsule"),
         r"\b(?:take|taking|swallow|swallowing|down)\s+(?:them|these|those|it|the\s+(?:[\w']+\s+)?(?:pills|meds"
         r"|tablets|bottle))\s+all\b|\b(?:take|taking|swallow|swallowing|down)\s+(?:all|every\s+(?:one"
         r"|single\s+one|last\s+one))\s+(?:of\s+)?(?:them|these|those|my\s+(?:[\w']+\s+)?(?:pills|meds|tablets)"
         r"|the\s+(?:[\w']+\s+)?(?:pills|meds|tablets))\b|\b(?:take|taking|swallow|swallowing|down)\s+every\s+"
         r"(?:single\s+)?(?:pill|tablet|capsule)\b", weight=2,
         checks=(not_negated, not_after(r"(?:forg[eo]t\s+to|remember\s+to|need\s+to|have\s+to|supposed\s+to"
                                        r"|should|meant\s+to|don'?t\s+forget\s+to)"))),
    rule("goodbye", FAREWELL, ("goodbye", "my last post", "my last message", "my last words", "my last note",
                               "my final", "bye forever"),
         r"\b(?:this\s+is|it'?s|saying\s+(?:my\s+)?|my\s+(?:final|last)\s+|final\s+)goodbyes?\b|\bgoodbye\s+"
         r"(?:everyone|all|forever|world|guys|y'?all|cruel\s+world|for\s+good)\b|\b(?:this\s+is|this\s+will\s+be"
         r"|it'?s|here'?s)\s+my\s+(?:last|final)\s+(?:post|message|words|note)\b|\bmy\s+(?:last|final)\s+(?:post|message"
         r"|words)\s+(?:ever|here|on\s+here|before\s+i\s+go)\b|\bmy\s+final\s+(?:post|message|words)\b|\bbye\s+forever\b",
         weight=2),
    rule("gone_tomorrow", FAREWELL, ("be here", "be around", "be alive"),
         r"\b(?:won'?t|will\s+not|wont|not\s+going\s+to)\s+be\s+(?:here|around|alive)\s+(?:tomorrow|much\s+longer"
         r"|by\s+(?:tomorrow|morning|monday|tonight|the\s+weekend|then)|for\s+(?:much\s+)?long|next\s+week"
         r"|anymore|any\s+more|to\s+see)\b", weight=2),
    rule("be_gone", FAREWELL, ("read this", "reads this", "see this", "sees this", "be gone", "be dead"),
         r"\bby\s+the\s+time\s+(?:you|anyone|someone|somebody|u)\s+(?:reads?|sees?)\s+this\b|\b(?:i'll|i\s+will)\s+"
         r"(?:already\s+)?be\s+(?:gone|dead)\b(?!\s+(?:for|until|from|on|by|till|this|next|all|a\s|over))",
         weight=2),
    rule("other_side", FAREWELL, ("other side", "hear from me"),
         r"\bsee\s+(?:you|u|y'?all)\s+(?:all\s+)?on\s+the\s+other\s+side\b|\b(?:last|final)\s+time\s+(?:you'?ll|you\s+will"
         r"|anyone\s+will|you\s+guys\s+will)\s+hear\s+from\s+me\b", weight=2),
    rule("last_note", FAREWELL, ("note", "letter"),
         r"\b(?:suicide|goodbye|farewell|last|final)\s+(?:note|letter)s?\b", weight=2),
    rule("letters", PARTING, ("note", "letter"),
         r"\b(?:wrote|writing|written|left)\s+(?:a\s+|some\s+|my\s+)?(?:notes?|letters?)\s+(?:to|for)\s+"
         r"(?:my|everyone|the|each)\b", weight=1),
    rule("ready_to_go", WEAK, ("ready to go",), r"\bready\s+to\s+go(?=\s*(?:[.!?,;]|$|now))", weight=1),
    rule("thanks_all", PARTING, ("for trying", "for everything", "for being"),
         r"\bthank\s+(?:you|u)\s+(?:all\s+|guys\s+|everyone\s+)?for\s+(?:trying|everything|being\s+(?:there"
         r"|my\s+friends?|kind))\b", weight=1),
    rule("wanted_to_say", PARTING, ("wanted to say", "forgive me"),
         r"\bi\s+(?:just\s+)?wanted\s+(?:to\s+)?(?:say|tell\s+(?:you|everyone|y'?all))\s+(?:thank\s+you|thanks|goodbye|bye"
         r"|i\s+love|sorry|i'?m\s+sorry)\b|\bplease\s+forgive\s+me\b", weight=1),
    rule("bare_goodbye", PARTING, ("goodbye", "bye"),
         r"(?:^|[.!?]\s*)(?:ok(?:ay)?\s+|so\s+)?(?:goodbye|bye)(?:\s+(?:everyone|all|guys|y'?all|friends))?\s*[.!]*\s*$",
         weight=1),
    rule("self_hate", WEAK, ("hate myself", "waste of", "worthless", "useless"),
         r"\bi\s+(?:[\w']+\s+)?hate\s+myself\b|\b(?:i'?m|i\s+am"
         r"|im)\s+(?:such\s+)?(?:a\s+)?(?:waste\s+of\s+(?:space|air|life)"
         r"|worthless|useless)\b", weight=1, checks=(not_past,)),
    rule("apology", PARTING, ("sorry",),
         r"\b(?:(?:i'?m|im|i\s+am)\s+)?(?:so\s+|really\s+|truly\s+)?sorry(?:\s+(?:guys|everyone|all|mom|mum|dad|y'?all))?"
         r"(?=\s*(?:[.!?]|$))", weight=1),
    rule("when_gone", PARTING, ("gone",), r"\b(?:when|after|once)\s+i'?m\s+gone\b", weight=1),
    rule("done", WEAK, ("done",),
         r"\b(?:i'?m|i\s+am|im)\s+(?:so\s+|just\s+|really\s+)?done(?:\s+with\s+(?:everything|it\s+all|life"
         r"|all\s+of\s+this|this\s+life))?(?=\s*(?:[.!?,;]|$))", weight=1),
    rule("sorry_all", PARTING, ("sorry", "love"),
         r"\b(?:i'?m|im|i\s+am)\s+sorry\s+for\s+everything\b|\b(?:tell|let)\s+(?:my\s+\w+|everyone|them)\s+"
         r"(?:know\s+)?(?:that\s+)?i\s+(?:love|loved|'m\s+sorry|am\s+sorry)\b", weight=1),
    rule("hopeless", WEAK, ("point", "burden", "can't", "cant", "cannot", "much longer", "notice", "care",
                            "disappear", "vanish", "hopeless", "worthless", "everything"),
         r"\bwhat'?s\s+the\s+point\b|\b(?:i'?m|i\s+am|im|feel\s+like|feeling\s+like)\s+(?:[\w']+\s+){0,2}?(?:a|such\s+a)\s+"
         r"burden\b|\bcan'?t\s+(?:do\s+this|take\s+(?:it|this)|go\s+on|keep\s+going|cope|keep\s+fighting|fight\s+"
         r"(?:this|it|anymore)|hold\s+on)(?:\s+(?:anymore|any\s+more|much\s+longer))?\b|\bhow\s+much\s+longer\s+i\s+"
         r"can\s+(?:keep\s+going|go\s+on|do\s+this|hold\s+on|take\s+(?:it|this)|last|survive|fight)\b|\b(?:nobody"
         r"|no\s*one)\s+(?:would|will)\s+(?:even\s+)?(?:notice|care)\b"
         r"|\b(?:want|wanna|wish)\s+(?:to\s+|i\s+could\s+)?(?:just\s+)?(?:disappear|vanish)\b"
         r"|\b(?:hopeless|worthless)\b|\b(?:tired|sick)\s+of\s+everything\b", weight=1, checks=_SPEAKER),
    rule("time", TIME, ("tonight", "tonite", "2nite", "right now", " rn", "starting now", "doing it now",
                        "do it now", "time now", "this weekend", "this evening", "this afternoon", "this morning",
                        "hour", "hrs", "minute", "mins", "asleep", "to bed", "to sleep", "leave", "before morning",
                        "before sunrise", "before dawn", "midnight", "the day"),
         r"\b(?:tonight|tonite|2nite|right\s+now|rn|(?:starting|doing\s+it|do\s+it|it'?s\s+time)\s+now"
         r"|this\s+(?:weekend|evening|afternoon|morning)"
         r"|in\s+(?:an?|a\s+few|\d+|one|two|few)\s+(?:hours?|hrs?|minutes?|mins?)|(?:when|once|after)\s+"
         r"(?:everyone|they|the\s+kids|my\s+\w+)\s+(?:is\s+|are\s+)?(?:falls?\s+)?(?:asleep|goes?\s+to\s+"
         r"(?:bed|sleep)|leaves?)|before\s+(?:morning|sunrise|dawn)|at\s+midnight|(?:today|tomorrow)\s+"
         r"(?:is|will\s+be)\s+the\s+day)\b", weight=1),
    rule("bleeding", ACUTE, ("bleed", "blood", "deep", "dizzy", "sleepy", "drowsy", "faint", "lightheaded",
                             "light headed", "woozy", "breathe"),
         r"\b(?:won'?t|wont|can'?t|cant|doesn'?t|isn'?t|not|hasn'?t)\s+stop(?:ped|ping)?\s+(?:the\s+)?bleeding\b"
         r"|\bbleeding\s+(?:a\s+lot|badly|heavily|everywhere|so\s+much|out)\b|\bso\s+much\s+blood\b"
         r"|\bblood\s+(?:everywhere|all\s+over|won'?t\s+stop)\b"
         r"|\b(?:too|really)\s+deep\b|\b(?:feel|feeling|getting|i'?m|im)\s+(?:really\s+|so\s+|very\s+)?(?:dizzy|sleepy"
         r"|drowsy|faint|lightheaded|light\s+headed|woozy)\b|\b(?:can'?t|cant)\s+(?:feel\s+my|breathe)\b"),
)
