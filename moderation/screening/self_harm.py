"""Self-harm: what the speaker says about hurting or ending themselves.

Cues say the speaker wants, means or is doing self-harm; warning signs
(warning_signs.py) say how near it is: a plan, the means at hand, a time, a
goodbye. A cue alone is a concern; a cue with a warning sign, a stated
intent ("going to"), an act under way ("took 20 pills") or several signs
together are imminent. Patterns read the `words` form (lower case,
leetspeak undone); see normalise.py.
"""

import re

from .context import first_person, not_negated, not_past, personal, sentence_lacks
from .result import Risk
from .rules import rule
from .warning_signs import ACUTE, FAREWELL, MARKER_RULES, MEANS, PARTING, PLAN, TIME, WEAK

# Cue kinds.
DESIRE = "desire"  # wants to die, thinks of suicide, hurt themselves
URGE = "urge"  # an urge or relapse: a concern that a time alone does not raise
ACT = "act"  # under way now: pills taken, bleeding
LOCATION = "location"  # at a bridge or ledge: a cue only with a time or another cue
CUES = frozenset({DESIRE, URGE, ACT})
# Scanned only when some other self-harm rule matched.
LATE = frozenset({TIME})

_SELF = r"(?:my\s*self|mi\s*self|myslef|my\s+own\s+self)"
_PILLS = (
    r"(?:pills?|meds|medications?|medicine|tablets?|tylenol|advil|ibuprofen|aspirin|paracetamol|acetaminophen"
    r"|xanax|benadryl|oxy\w*|percs?|insulin|antidepressants|seroquel|lithium)"
)
_PILL_ANCHORS = ("pill", "med", "tablet", "tylenol", "advil", "ibuprofen", "aspirin", "paracetamol",
                 "acetaminophen", "xanax", "benadryl", "oxy", "perc", "insulin", "antidepress", "seroquel", "lithium")
_SUICIDE = (
    r"(?:suicide|suicde|sucide|suiside|suiscide|suecide|sooicide|s\*icide|su\*cide|suic\*de|sewer\s*slide"
    r"|sewer\s*side|self[\s-]*delet(?:e|ing|ion))s?\b"
)
_SUICIDE_ANCHORS = ("suic", "sucid", "suisid", "suiscid", "suecid", "sooicid", "s*icid", "su*cid", "sewer", "delet")
_SUICIDE_FRAME = re.compile(
    r"\b(?:think\w*|thought\w*|consider\w*|contemplat\w*|plan\w*|attempt\w*|commit\w*|tried|try\w*|urges?"
    r"|feel\w*|felt|tempted|close\s+to|about\s+to|want\w*|wanna|obsess\w*|fantasi\w*|research\w*|googl\w*"
    r"|going\s+to|gonna)\b"
)
_SUICIDE_AFTER = re.compile(
    r"\s*(?:thoughts?|ideation|attempts?|plans?|notes?|urges?|is\s+(?:always\s+|all\s+)?(?:on|in)\s+my"
    r"|keeps?\s+|has\s+been\s+|(?:on|in)\s+my\s+(?:mind|head)|(?:going|running|racing)\s+through\s+my)"
)
_HARM_FRAME = re.compile(
    r"\b(?:i|i'?m|im|i'?ve|ive|been|started|start|back\s+to|keep|kept|relaps\w*|urges?|again|want\w*"
    r"|wanna|thinking|tempted)\b"
)
_OVERDOSE_FRAME = re.compile(r"\b(?:i|i'?m|im|i'?ve|i'?ll|me|my|going\s+to|gonna|wanna|want\s+to|about\s+to|plan\w*)\b")
# Accidents, exercise and figures of speech, said right after "hurt myself".
_NOT_HARM_AFTER = (
    r"(?!\s+(?:laughing|at\s+(?:the\s+)?(?:gym|work|practice)|(?:while|when)\s+\w+ing|playing|lifting|running"
    r"|shaving|cooking|chopping|by\s+accident|accidentally|on\s+(?:a|an|the|some|my)\s|over\s+(?:this|that|it|work"
    r"|school)|trying\s+to|to\s+(?:finish|get|make|pay|keep|meet|please)|in\s+the\s+foot))"
)

_CHECKED = (not_negated, not_past)
_SPEAKER = (not_negated, not_past, first_person)

CUE_RULES = (
    rule("reflexive", DESIRE, ("*self",),
         r"(?:kill|killing|killed|hurt|hurting|harm|harming|harmed|cut|cutting|burn|burning|burned|burnt|starve"
         r"|starving|off|offing|hang|hanging|hanged|drown|drowning|poison|poisoning|shoot|shooting|stab|stabbing"
         r"|unalive|unaliving|end|ending|suffocate|suffocating|strangle|delete|deleting|scratch|scratching|scratched"
         r"|punch|punching|punched|carve|carving|carved|bruise|bruising|choke|choking)\s*" + _SELF
         + _NOT_HARM_AFTER, checks=_CHECKED, action=True),
    rule("kms", DESIRE, ("kms",), r"(?<![\d.])(?<!\d\s)\bkms\b", checks=_CHECKED, action=True),
    rule("end_life", DESIRE, ("end it", "ending it", "ended it", "end my", "ending my", "ended my", "end every",
                              "ending every", "end things", "ending things", "pain"),
         r"(?<!the\s)(?<!\ban\s)\b(?:end|ending|ended)\s+(?:it\s+all|my\s+(?:own\s+)?life|my\s+suffering|everything"
         r"|things|it)\b(?!\s+(?:with|between|here|there|for\s+(?:him|her|them|us|now|today)|off|up|at|on\s+a"
         r"|early))|\b(?:end|stop)\s+(?:the|this|my|all\s+(?:the|this))\s+pain\s+(?:for\s+good|forever|permanently"
         r"|once\s+and\s+for\s+all)\b|\b(?:want|need|wish)\s+(?:the|this|my)\s+pain\s+to\s+(?:stop|end)\s+"
         r"(?:forever|for\s+good|permanently)\b",
         checks=_SPEAKER, action=True),
    rule("take_life", DESIRE, ("life",), r"\b(?:take|taking|took|taken)\s+my\s+(?:own\s+)?life\b",
         checks=_CHECKED, action=True),
    rule("unalive", DESIRE, ("unaliv",), r"\bunalive(?:d|ing)?\b", checks=_SPEAKER, action=True),
    rule("suicidal", DESIRE, ("suicid", "suicd", "sucid", "suisid"),
         r"\b(?:suicidal|suicdal|sucidal|suisidal|suicidial)\b(?!\s+(?:people|persons?|friends?|patients?|clients?"
         r"|youth|teens?|callers?|members?|crisis|hotline|line|prevention|support|services?))",
         checks=_SPEAKER),
    rule("suicide", DESIRE, _SUICIDE_ANCHORS, r"\b" + _SUICIDE,
         checks=(not_negated, not_past, personal(_SUICIDE_FRAME, _SUICIDE_AFTER)), action=True),
    rule("want_die", DESIRE, ("die",),
         r"\b(?:want|wanted|wanna|wants|wish|wishing|ready|deserve|need|let\s+me|should)"
         r"\s+(?:to\s+)?(?:just\s+|really\s+|f\w*ing\s+|honestly\s+)?die+\b"
         r"(?!\s+(?:of|from|laughing|for|happy|old|at\s+\d|when\s+i'?m\s+old))", checks=_SPEAKER),
    rule("dead_wish", DESIRE, ("wish", "hope", "pray", "rather", "sooner", "better off", "be better", "be dead"),
         r"\b(?:wish|wishing|hope|hoping|pray|praying)\s+(?:that\s+)?i\s+(?:was|were|could\s+be|'?d\s+be"
         r"|would\s+be|am)\s+(?:already\s+)?dead\b|\b(?:rather|sooner)\s+(?:just\s+)?(?:be\s+dead|die)\b"
         r"|\b(?:better\s+off|be\s+better)\s+dead\b|\b(?:wants?|wanted|wanna)\s+(?:to\s+)?be\s+dead\b"
         r"|\b(?:hope|hoping|wish|pray|praying)\s+(?:that\s+)?i\s+(?:just\s+)?(?:die|get\s+hit|don'?t\s+make\s+it)\b"
         r"|\b(?:hope|hoping|wish|pray|praying)\s+(?:that\s+)?(?:a|some|something"
         r"|someone)\s+(?:[\w']+\s+){0,2}?(?:would\s+|will\s+)?"
         r"(?:kills?|hits?|runs?\s+over)\s+me\b", checks=_SPEAKER),
    rule("rather_not_exist", DESIRE, ("if i", "deserve to", "shouldn"),
         r"\b(?:easier|better|simpler|best)\s+(?:off\s+)?(?:for\s+everyone\s+)?if\s+i\s+(?:just\s+)?(?:didn'?t|did\s+not"
         r"|don'?t|wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:exist|alive|here|around|born)\b|\b(?:easier|better"
         r"|simpler|best)\s+(?:for\s+everyone\s+)?if\s+i\s+(?:just\s+)?(?:was|were)\s+(?:gone|dead)\b"
         r"|\b(?:don'?t|do\s+not)\s+deserve\s+to\s+(?:live|be\s+alive|exist|be\s+here)\b|\bshouldn'?t\s+(?:be\s+alive"
         r"|exist|be\s+here\s+anymore|have\s+been\s+born)\b", checks=(not_past, first_person)),
    rule("hate_alive", DESIRE, ("alive", "existing", "living", "being here", "live like", "live with",
                                "live anymore", "live any", "to end", "to stop", "be over", "something",
                                "will to live"),
         r"\b(?:hate|hating|sick\s+of|tired\s+of)\s+(?:being\s+alive|existing|living|being\s+here)\b(?!\s+(?:in|with|at"
         r"|paycheck|like\s+this\s+(?:city|place)))|\bcan'?t\s+live\s+(?:like\s+this|with\s+(?:this|myself)|anymore"
         r"|any\s+more)\b|\b(?:want|need|wish)\s+(?:it\s+all|everything)\s+to\s+(?:end|stop|be\s+over)\b"
         r"|\b(?:going\s+to|gonna|might|about\s+to|scared\s+i'?ll|afraid\s+i'?ll)\s+do\s+something\s+(?:stupid|drastic"
         r"|dumb|i'?ll\s+regret)\b|\b(?:no|lost\s+(?:the|my|all)|losing\s+(?:the|my))\s+will\s+to\s+live\b",
         checks=_SPEAKER),
    rule("not_worth", DESIRE, ("worth", "pointless", "meaningless"),
         r"\b(?:life|living|my\s+life|it\s+all)\s+(?:isn'?t|is\s+not|ain'?t|is\s+no\s+longer|not)\s+worth\s+"
         r"(?:living|it)\b|\bnot\s+worth\s+living\b|\b(?:my\s+)?life\s+is\s+(?:pointless|meaningless|not\s+worth)\b",
         checks=(not_past, first_person)),
    rule("sleep_forever", DESIRE, ("forever", "wake"),
         r"\b(?:sleep|fall\s+asleep|go\s+to\s+sleep)\s+(?:forever|and\s+(?:never|not)\s+(?:ever\s+)?wake\s+up)\b"
         r"|\b(?:don'?t|do\s+not|never)\s+want\s+to\s+wake\s+up\b", checks=_SPEAKER),
    rule("slang", DESIRE, ("rope", "ctb", "catch the bus", "attempt"),
         r"\b(?:gonna|going\s+to|want\s+to|wanna|might|about\s+to|ready\s+to)\s+(?:rope|ctb|catch\s+the\s+bus)\b"
         r"|\b(?:i|i'?ve|i\s+have)\s+(?:already\s+)?attempted\b(?=\s*(?:[.!?,;]|$|again|twice|before|\w+\s+times"
         r"|last|yesterday|tonight))", checks=_CHECKED, action=True),
    rule("never_born", DESIRE, ("wish",),
         r"\bwish\s+i\s+(?:was|were|had)\s+(?:never\s+(?:been\s+)?born|not\s+(?:here|alive|born))",
         checks=_SPEAKER),
    rule("not_wake", DESIRE, ("wake",),
         r"\b(?:wish|hope|hoping|pray|praying|want|wanted|rather|wishing)\s+(?:that\s+)?(?:[\w']+\s+){0,3}?"
         r"(?:wouldn'?t|would\s+not|didn'?t|did\s+not|don'?t|do\s+not|never|not|won'?t|wont|dont)\s+"
         r"(?:ever\s+|have\s+to\s+)?wake\s+up|\b(?:sleep|asleep)\s+(?:and|&|n)\s+(?:never|not)\s+wake\s+up",
         checks=(not_past, first_person)),
    rule("not_live", DESIRE, ("to live", "be alive", "exist", "be here", "be around", "keep going", "keep living",
                              "go on", "wake up", "be living"),
         r"\b(?:don'?t|do\s+not|dont|no\s+longer|never|doesn'?t)\s+(?:really\s+|even\s+|honestly\s+)?"
         r"(?:want|wanna|wish|feel\s+like)\s+(?:to\s+)?(?:live|be\s+alive|exist|be\s+here\s+(?:anymore|any\s*more"
         r"|no\s*more)|be\s+here(?=\s*(?:[.!?,;]|$))|be\s+around\s+(?:anymore|any\s*more)|keep\s+(?:going|living)"
         r"|go\s+on(?=\s*(?:[.!?,;]|$|anymore|any\s*more|living|like\s+this))|wake\s+up|be\s+living)\b",
         checks=(not_past, first_person)),
    rule("tired_living", DESIRE, ("alive", "living", "life", "existing", "being here"),
         r"\b(?:tired|sick|exhausted|done|over)\s+(?:of|with)\s+(?:being\s+alive|living|life|existing|this\s+life"
         r"|my\s+life|being\s+here)\b(?!\s+(?:in|as\s+a|like\s+this|at|on|paycheck|with\s+(?:him|her|them)))",
         checks=_SPEAKER),
    rule("no_reason", DESIRE, ("reason", "point", "purpose", "live for", "living for"),
         r"\b(?:no|nothing|not\s+(?:a|any)|any|(?:don'?t|do\s+not|can'?t|cannot)\s+see\s+(?:the|a|any))\s+"
         r"(?:[\w']+\s+)?(?:reason|point|purpose)\s+(?:to|in|of|for)\s+"
         r"(?:live|living|life|going\s+on|be(?:ing)?\s+(?:here|alive)|stay(?:ing)?\s+alive|wake\s+up|waking\s+up"
         r"|keep\s+(?:going|living)|exist\w*)\b|\b(?:nothing|no\s*one|nobody)\s+(?:left\s+)?(?:to|worth)\s+"
         r"liv(?:e|ing)\s+for\b|\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:living|life|being\s+alive|going\s+on"
         r"|staying\s+alive|waking\s+up|existing)\b", checks=(not_past, first_person)),
    rule("without_me", DESIRE, ("without me", "miss me", "if i was", "if i were", "if i died", "if i disappeared",
                                "if i didn", "if i wasn", "if i weren"),
         r"\b(?:better\s+off|better|happier|easier|be\s+fine|relieved)\s+(?:without\s+me|if\s+i\s+(?:was|were)\s+(?:gone"
         r"|dead|not\s+(?:here|around|alive))|if\s+i\s+(?:died|disappeared|didn'?t\s+exist))\b|\b(?:nobody"
         r"|no\s*one)\s+(?:would|will|'d)"
         r"\s+(?:even\s+)?(?:miss\s+me|notice\s+if\s+i\s+(?:was|were|died|disappeared)|care\s+if\s+i\s+"
         r"(?:died|was\s+gone|disappeared))", checks=(not_past,), before=70),
    rule("disappear", DESIRE, ("disappear", "vanish", "exist", "alive"),
         r"\b(?:wants?|wanted|wanna|wish|like)\s+(?:to\s+|i\s+could\s+)?(?:just\s+)?(?:(?:disappear|vanish)\s+(?:forever"
         r"|for\s+good|permanently|and\s+never\s+come\s+back|from\s+(?:this|the)\s+(?:world|earth))|not\s+exist"
         r"|stop\s+existing|cease\s+to\s+exist|not\s+be\s+alive)\b", checks=_SPEAKER),
    rule("how_id_do_it", DESIRE, ("do it", "end it", "through with it"),
         r"\b(?:how|when|where)\s+(?:i'?d|i\s+would|i\s+could)\s+(?:do\s+it|end\s+it|go\s+through\s+with\s+it)\b",
         checks=_SPEAKER),
    rule("thoughts", DESIRE, ("dying", "not being", "not existing", "not waking", "not living", "overdos", "pills"),
         r"\b(?:thoughts?|thinking|think|thought|fantasi\w*|dream\w*)\s+(?:about|of)\s+(?:dying|not\s+(?:being\s+"
         r"(?:here|alive)|existing|waking\s+up|living)|overdos\w*|taking\s+(?:all\s+)?(?:my|the)\s+pills)\b",
         checks=_SPEAKER, before=70),
    rule("feel_dying", DESIRE, ("dying", "die", "giving up on"),
         r"\bfeel(?:ing)?\s+like\s+(?:dying|i\s+(?:want|wanna|should)\s+(?:to\s+)?die|giving\s+up\s+on\s+"
         r"(?:life|living|everything))\b", checks=_SPEAKER),
    rule("cutting", DESIRE, ("cut", "burn", "slit", "slash", "slic", "razor", "blade", "knife", "lighter", "until",
                             "till", "til", "so hard", "against", "raw", "open", "bloody"),
         r"\b(?:started|start|starting|back\s+to|been|keep|kept|began|begun)\s+cutting\b(?!\s+(?:back|down|out|off"
         r"|hair|class|corners|ties|carbs|coupons|it|my\s+hair|the|in\s+line))|\bcutting\s+again\b|\bi\s+cut\s+again"
         r"\b|\b(?:cut|cutting|slit|slitting|slash\w*|slic\w*)\s+(?:my|both)\s+(?:wrists?|arms?|thighs?|legs?|skin"
         r"|stomach|hips?|forearms?|throat)\b"
         r"|\bburn(?:ing|ed|t)?\s+my\s+(?:arms?|skin|wrists?|legs?)\s+(?:with|again)\b|\bi\s+(?:[\w']+\s+)?cut\s+"
         r"(?:last\s+night|tonight|today|yesterday|this\s+morning)\b|\b(?:scratch\w*|pick\w*|hit\w*|punch\w*|bang\w*"
         r"|burn\w*|bit\w*|bite)\s+my\s+(?:arms?|skin|legs?|wrists?|head|face|thighs?|hands?)\s+(?:until|till|til"
         r"|so\s+hard|against|raw|open|bloody)\b|\b(?:razor|blade|knife|lighter)\s+to\s+my\s+"
         r"(?:arms?|wrists?|skin|legs?|thighs?|stomach)\b", checks=_SPEAKER),
    rule("cut_deep", ACT, ("deep",), r"\bi\s+(?:just\s+|really\s+)?cut\s+(?:(?:really|so|too|way|very)\s+)?deep",
         checks=_CHECKED),
    rule("self_harm", DESIRE, ("harm", "*selfharm"), r"\bself[\s-]*harm(?:ing|ed|s)?\b",
         checks=(not_negated, not_past, personal(_HARM_FRAME))),
    rule("urge", URGE, ("urge", "cut", "harm"),
         r"\burges?\s+(?:to\s+|of\s+)?(?:cut|self[\s-]*harm|hurt\s+myself|die|end\s+it|kill\s+myself|burn"
         r"|relapse)\b|\b(?:want|wanna|need|craving|crave)\s+to\s+(?:cut|self[\s-]*harm)\b(?!\s+(?:back|down|off"
         r"|out|it|the|my\s+hair|ties|class|corners|in\s+line|someone|him|her|them))", checks=_SPEAKER),
    rule("relapse", URGE, ("relaps",),
         r"\brelaps\w*\s+(?:[\w']+\s+){0,3}?(?:cut|cutting|self[\s-]*harm\w*|hurt\s+myself|hurting\s+myself|burn\w*)"
         r"|\b(?:cut|cutting|self[\s-]*harm\w*|hurt\s+myself)\s+(?:[\w']+\s+){0,3}?relaps\w*", checks=(not_past,), after=70),
    rule("overdose", DESIRE, ("overdos", " od"),
         r"\boverdos(?:e|ed|ing)\b|\b(?:going\s+to|gonna|wanna|want\s+to|about\s+to|gunna)\s+od\b",
         checks=(not_negated, not_past, personal(_OVERDOSE_FRAME)), action=True),
    rule("pills_taken", ACT, _PILL_ANCHORS,
         r"\b(?:took|taken|swallowed|downed|popped|ate)\s+(?:like\s+|about\s+|around\s+|over\s+|almost\s+|nearly\s+)?"
         r"(?:all|every|the\s+(?:whole|entire|rest\s+of\s+(?:the|my))|a\s+(?:whole\s+)?(?:bunch|handful|lot|bottle"
         r"|box|pack|load|ton)|bunch|handful|\d{2,}|twenty|thirty|forty|fifty|fifteen|sixty|a\s+hundred|too\s+many"
         r"|way\s+too\s+many|double|triple)\s+(?:of\s+)?(?:my\s+|the\s+|those\s+|these\s+|her\s+|his\s+)?"
         r"(?:[\w-]+\s+){0,2}?" + _PILLS + r"\b", checks=_SPEAKER, before=70),
    rule("emptied", ACT, ("medicine", "cabinet", "drawer", "swallowed", "bottle"),
         r"\b(?:took|swallowed|downed|ate)\s+(?:everything|all\s+the\s+\w+|all\s+of\s+(?:my|the)\s+\w+)\s+(?:in|from)"
         r"\s+(?:my|the)\s+(?:medicine\s+cabinet|cabinet|drawer|bathroom|pill\s*box)\b|\bswallowed\s+(?:a|the|my"
         r"|her|his)\s+(?:whole\s+|entire\s+)?(?:bottle|pack|box|packet|handful|bunch)\b", checks=_SPEAKER, after=70),
    rule("jump", DESIRE, ("jump", "front of", "overpass", "bridge", "cliff", "wall", "tree", "river", "lake",
                          "ocean", "traffic", "truck", "sea"),
         r"\b(?:jump|jumping)\s+(?:off|from)\s+(?:the|a|this|my)\s+(?:bridge|roof|building|balcony|ledge|cliff"
         r"|overpass|window|parking\s+garage)\b|\b(?:jump|step|walk)\s+in\s+front\s+of\s+(?:a|the)\s+(?:train"
         r"|bus|truck|car)\b|\bdrive\s+(?:my\s+car\s+)?(?:off|into)\s+(?:the|a|an)\s+(?:overpass|bridge|cliff|wall|tree"
         r"|river|lake|ocean|oncoming\s+traffic|traffic|truck)\b|\b(?:walk|step)\s+into\s+(?:the\s+)?(?:ocean|sea"
         r"|lake|river|traffic)\b", checks=_SPEAKER, action=True),
    rule("jump_intent", DESIRE, ("jump",),
         r"\b(?:going\s+to|gonna|about\s+to|want\s+to|wanna|ready\s+to|i'll|i\s+will|thinking\s+(?:about|of))\s+"
         r"jump(?:ing)?\b(?!\s+(?:in|into|on|at|rope|ship|the\s+gun|start|through|to|back|for|up|around|over|out"
         r"|right|with|and\s+(?:dance|play)))", checks=_SPEAKER, action=True),
    rule("underway", ACT, ("garage", "neck", "exhaust"),
         r"\b(?:engine|car|motor)\s+(?:is\s+)?running\s+in\s+(?:the|a|my)\s+(?:closed\s+|shut\s+)?garage\b"
         r"|\b(?:closed|shut)\s+(?:in\s+)?(?:the\s+)?garage\s+(?:door\s+)?with\s+the\s+(?:engine|car)\s+running\b"
         r"|\b(?:noose|rope|cord|belt)\s+(?:is\s+)?(?:around|round)\s+my\s+neck\b|\bhose\s+(?:from|on)\s+the\s+"
         r"exhaust\b", checks=_CHECKED, before=70),
    rule("location", LOCATION, ("bridge", "ledge", "roof", "cliff", "balcony", "overpass", "tracks", "railway", "edge"),
         r"\b(?:standing|sitting|stood|sat|up|out|i'?m|i\s+am|im|here)\s+(?:on|at)\s+(?:the\s+|a\s+|this\s+"
         r"|top\s+of\s+(?:the|a)\s+)?(?:edge\s+of\s+(?:the|a)\s+)?(?:bridge|ledge|roof|rooftop|cliff|balcony|overpass"
         r"|train\s+tracks|railway|rail\s+tracks|tracks|edge)\b",
         checks=(not_negated, not_past, sentence_lacks(
             r"\b(?:watching|view|fireworks|sunset|sunrise|party|photos?|pictures?|bbq|picnic|fishing|walk\w*"
             r"|jogging|running|stars|concert|tour)\b"))),
)

RULES = CUE_RULES + MARKER_RULES


# The clause before a verb of self-harm says it is meant: "gonna kms".
_INTENT = re.compile(
    r"\b(?:going\s+to|gonna|gunna|about\s+to|planning\s+(?:to|on)|plan\s+to|i'll|i\s+will|decided\s+to"
    r"|ready\s+to|the\s+night|the\s+day|time\s+to|finally)\s+(?:[\w']+\s+){0,2}$"
)
# A goodbye that explains itself is someone leaving the site or the town.
_DEPARTURE = re.compile(
    r"\b(?:(?:leaving|quitting|deleting|deactivating)\s+(?:the|this|my)\s+(?:forum|site|group|app|board|account"
    r"|community)|taking\s+a\s+(?:break|step\s+back)|log(?:ging)?\s+off|see\s+(?:you|u|y'?all)\s+(?:all\s+)?"
    r"(?:later|soon|next|tomorrow|monday|then|on|in)|vacation|holiday|trip|moving|new\s+job|rehab|treatment"
    r"|(?:going|heading|off)\s+to\s+(?:visit|see|my|the|work|school|camp))\b"
)


# Said as a joke it is still worth a look, but not an emergency.
_JOKING = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|just\s+kidding)\b|[\U0001f602\U0001f923]")


def _intended(ctx, hit):
    if not (hit.rule.action and _INTENT.search(ctx.clause_before(hit.start, 50))):
        return False
    return not ctx.sentence_has(_JOKING, hit.start)


def _weight(hits):
    """Each distinct phrase counts once: "I'm done. I'm done." is one sign."""
    return sum({(hit.rule.name, hit.match.group()): hit.rule.weight for hit in hits}.values())


def _imminent(ctx, hits, kinds, cues):
    weight = _weight(hits)
    strong = kinds & {PLAN, MEANS, FAREWELL}
    return (
        ACT in kinds
        or any(_intended(ctx, hit) for hit in cues)
        or bool(cues and (strong or ACUTE in kinds))
        or (TIME in kinds and DESIRE in kinds)
        or (LOCATION in kinds and (bool(cues) or bool(kinds - {LOCATION})))
        or bool(strong and weight >= 3)
        or bool(PARTING in kinds and _weight([hit for hit in hits if hit.kind in (WEAK, PARTING)]) >= 3)
    )


def level(ctx, hits):
    """Risk from the hits that passed their checks."""
    if any(hit.kind == FAREWELL for hit in hits) and ctx.has(_DEPARTURE):
        hits = [hit for hit in hits if hit.kind != FAREWELL]
    kinds = {hit.kind for hit in hits}
    cues = [hit for hit in hits if hit.kind in CUES]
    if _imminent(ctx, hits, kinds, cues):
        return Risk.IMMINENT, hits
    weak = _weight([hit for hit in hits if hit.kind in (WEAK, PARTING)])
    if cues or FAREWELL in kinds or weak >= 2:
        return Risk.CONCERN, hits
    return Risk.NONE, []
