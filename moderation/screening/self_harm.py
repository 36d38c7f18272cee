"""Self-harm: what the speaker says about hurting or ending themselves.

Cues say the speaker wants, means or is doing self-harm; markers say how
near it is (a plan, the means at hand, a time, a goodbye). A cue alone is a
concern; a cue with a marker, a stated intent ("going to"), an act under
way ("took 20 pills") or several markers together are imminent. Patterns
read the `words` form (lower case, leetspeak undone); see normalise.py.
"""

import re

from .context import first_person, not_after, not_negated, not_past, personal, sentence_lacks
from .result import Risk
from .rules import rule

# Cue kinds.
DESIRE = "desire"  # wants to die, thinks of suicide, hurt themselves
URGE = "urge"  # an urge or relapse: a concern that a time alone does not raise
ACT = "act"  # under way now: pills taken, bleeding
LOCATION = "location"  # at a bridge or ledge: a cue only with a time or another cue
CUES = frozenset({DESIRE, URGE, ACT})
# Marker kinds. Weights add up; three or more with a plan, means or goodbye is imminent.
PLAN = "plan"
MEANS = "means"
FAREWELL = "farewell"  # also a concern on its own
WEAK = "weak"
PARTING = "parting"  # a weak sign that is also a goodbye: "I'm sorry", "thank you all"
TIME = "time"
# Scanned only when some other self-harm rule matched.
LATE = frozenset({TIME})
ACUTE = "acute"

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
    rule("end_life", DESIRE, ("end it", "ending it", "ended it", "end my", "ending my", "ended my", "end every", "ending every", "end things", "ending things", "pain"),
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
    rule("dead_wish", DESIRE, ("dead", "die", "hit me", "hits me", "kill me", "kills me", "run me over", "runs me over", "make it"),
         r"\b(?:wish|wishing|hope|hoping|pray|praying)\s+(?:that\s+)?i\s+(?:was|were|could\s+be|'?d\s+be"
         r"|would\s+be|am)\s+(?:already\s+)?dead\b|\b(?:rather|sooner)\s+(?:just\s+)?(?:be\s+dead|die)\b"
         r"|\b(?:better\s+off|be\s+better)\s+dead\b|\b(?:wants?|wanted|wanna)\s+(?:to\s+)?be\s+dead\b"
         r"|\b(?:hope|hoping|wish|pray|praying)\s+(?:that\s+)?i\s+(?:just\s+)?(?:die|get\s+hit|don'?t\s+make\s+it)\b"
         r"|\b(?:hope|hoping|wish|pray|praying)\s+(?:that\s+)?(?:a|some|something|someone)\s+(?:\w+\s+){0,2}?(?:would\s+|will\s+)?"
         r"(?:kills?|hits?|runs?\s+over)\s+me\b", checks=_SPEAKER),
    rule("rather_not_exist", DESIRE, ("if i", "deserve to", "shouldn"),
         r"\b(?:easier|better|simpler|best)\s+(?:off\s+)?(?:for\s+everyone\s+)?if\s+i\s+(?:just\s+)?(?:didn'?t|did\s+not"
         r"|don'?t|wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:exist|alive|here|around|born)\b|\b(?:easier|better"
         r"|simpler|best)\s+(?:for\s+everyone\s+)?if\s+i\s+(?:just\s+)?(?:was|were)\s+(?:gone|dead)\b"
         r"|\b(?:don'?t|do\s+not)\s+deserve\s+to\s+(?:live|be\s+alive|exist|be\s+here)\b|\bshouldn'?t\s+(?:be\s+alive"
         r"|exist|be\s+here\s+anymore|have\s+been\s+born)\b", checks=(not_past, first_person)),
    rule("hate_alive", DESIRE, ("alive", "existing", "living", "being here", "live like", "live with", "live anymore", "live any", "to end", "to stop", "be over", "something", "will to live"),
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
    rule("not_live", DESIRE, ("to live", "be alive", "exist", "be here", "be around", "keep going", "keep living", "go on", "wake up", "be living"),
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
         r"(?:\w+\s+)?(?:reason|point|purpose)\s+(?:to|in|of|for)\s+"
         r"(?:live|living|life|going\s+on|be(?:ing)?\s+(?:here|alive)|stay(?:ing)?\s+alive|wake\s+up|waking\s+up"
         r"|keep\s+(?:going|living)|exist\w*)\b|\b(?:nothing|no\s*one|nobody)\s+(?:left\s+)?(?:to|worth)\s+"
         r"liv(?:e|ing)\s+for\b|\bwhat'?s\s+the\s+point\s+(?:of|in)\s+(?:living|life|being\s+alive|going\s+on"
         r"|staying\s+alive|waking\s+up|existing)\b", checks=(not_past, first_person)),
    rule("without_me", DESIRE, ("without me", "miss me", "if i was", "if i were", "if i died", "if i disappeared", "if i didn", "if i wasn", "if i weren"),
         r"\b(?:better\s+off|better|happier|easier|be\s+fine|relieved)\s+(?:without\s+me|if\s+i\s+(?:was|were)\s+(?:gone"
         r"|dead|not\s+(?:here|around|alive))|if\s+i\s+(?:died|disappeared|didn'?t\s+exist))\b|\b(?:nobody|no\s*one)\s+(?:would|will|'d)"
         r"\s+(?:even\s+)?(?:miss\s+me|notice\s+if\s+i\s+(?:was|were|died|disappeared)|care\s+if\s+i\s+"
         r"(?:died|was\s+gone|disappeared))", checks=(not_past,)),
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
         checks=_SPEAKER),
    rule("feel_dying", DESIRE, ("dying", "die", "giving up on"),
         r"\bfeel(?:ing)?\s+like\s+(?:dying|i\s+(?:want|wanna|should)\s+(?:to\s+)?die|giving\s+up\s+on\s+"
         r"(?:life|living|everything))\b", checks=_SPEAKER),
    rule("cutting", DESIRE, ("cut", "burn", "slit", "slash", "slic", "razor", "blade", "knife", "lighter"),
         r"\b(?:started|start|starting|back\s+to|been|keep|kept|began|begun)\s+cutting\b(?!\s+(?:back|down|out|off"
         r"|hair|class|corners|ties|carbs|coupons|it|my\s+hair|the|in\s+line))|\bcutting\s+again\b|\bi\s+cut\s+again"
         r"\b|\b(?:cut|cutting|slit|slitting|slash\w*|slic\w*)\s+(?:my|both)\s+(?:wrists?|arms?|thighs?|legs?|skin"
         r"|stomach|hips?|forearms?|throat)\b"
         r"|\bburn(?:ing|ed|t)?\s+my\s+(?:arms?|skin|wrists?|legs?)\s+(?:with|again)\b|\bi\s+(?:\w+\s+)?cut\s+"
         r"(?:last\s+night|tonight|today|yesterday|this\s+morning)\b|\b(?:razor|blade|knife|lighter)\s+to\s+my\s+"
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
         r"\brelaps\w*\s+(?:\w+\s+){0,3}?(?:cut|cutting|self[\s-]*harm\w*|hurt\s+myself|hurting\s+myself|burn\w*)"
         r"|\b(?:cut|cutting|self[\s-]*harm\w*|hurt\s+myself)\s+(?:\w+\s+){0,3}?relaps\w*", checks=(not_past,)),
    rule("overdose", DESIRE, ("overdos", " od"),
         r"\boverdos(?:e|ed|ing)\b|\b(?:going\s+to|gonna|wanna|want\s+to|about\s+to|gunna)\s+od\b",
         checks=(not_negated, not_past, personal(_OVERDOSE_FRAME)), action=True),
    rule("pills_taken", ACT, _PILL_ANCHORS,
         r"\b(?:took|taken|swallowed|downed|popped|ate)\s+(?:like\s+|about\s+|around\s+|over\s+|almost\s+|nearly\s+)?"
         r"(?:all|every|the\s+(?:whole|entire|rest\s+of\s+(?:the|my))|a\s+(?:whole\s+)?(?:bunch|handful|lot|bottle"
         r"|box|pack|load|ton)|bunch|handful|\d{2,}|twenty|thirty|forty|fifty|fifteen|sixty|a\s+hundred|too\s+many"
         r"|way\s+too\s+many|double|triple)\s+(?:of\s+)?(?:my\s+|the\s+|those\s+|these\s+|her\s+|his\s+)?"
         r"(?:[\w-]+\s+){0,2}?" + _PILLS + r"\b", checks=_SPEAKER),
    rule("emptied", ACT, ("medicine", "cabinet", "drawer", "swallowed", "bottle"),
         r"\b(?:took|swallowed|downed|ate)\s+(?:everything|all\s+the\s+\w+|all\s+of\s+(?:my|the)\s+\w+)\s+(?:in|from)"
         r"\s+(?:my|the)\s+(?:medicine\s+cabinet|cabinet|drawer|bathroom|pill\s*box)\b|\bswallowed\s+(?:a|the|my"
         r"|her|his)\s+(?:whole\s+|entire\s+)?(?:bottle|pack|box|packet|handful|bunch)\b", checks=_SPEAKER),
    rule("jump", DESIRE, ("jump", "front of", "overpass", "bridge", "cliff", "wall", "tree", "river", "lake", "ocean", "traffic", "truck", "sea"),
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
         r"exhaust\b", checks=_CHECKED),
    rule("location", LOCATION, ("bridge", "ledge", "roof", "cliff", "balcony", "overpass", "tracks", "railway", "edge"),
         r"\b(?:standing|sitting|stood|sat|up|out|i'?m|i\s+am|im|here)\s+(?:on|at)\s+(?:the\s+|a\s+|this\s+"
         r"|top\s+of\s+(?:the|a)\s+)?(?:edge\s+of\s+(?:the|a)\s+)?(?:bridge|ledge|roof|rooftop|cliff|balcony|overpass"
         r"|train\s+tracks|railway|rail\s+tracks|tracks|edge)\b",
         checks=(not_negated, not_past, sentence_lacks(
             r"\b(?:watching|view|fireworks|sunset|sunrise|party|photos?|pictures?|bbq|picnic|fishing|walk\w*"
             r"|jogging|running|stars|concert|tour)\b"))),
)

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
    rule("the_night", PLAN, ("tonight", "today", "tomorrow"),
         r"\b(?:tonight|today|tomorrow)(?:'?s|\s+is)\s+(?:the\s+(?:night|day)|it)\b", weight=2),
    rule("gave_away", PLAN, ("away",),
         r"\b(?:gave|giving|give)\s+away\s+(?:all\s+)?(?:of\s+)?(?:my|all\s+my)\s+(?:things|stuff|belongings"
         r"|possessions|clothes|pets?|cats?|dogs?|plants|books)\b", weight=2, checks=(not_past,)),
    rule("acquired", MEANS, ("rope", "noose", "gun", "pistol", "bullet", "razor", "blade", "pill", "meds", "medication", "tablets", "charcoal", "poison", "helium"),
         r"\b(?:bought|buying|got\s+(?:a|some|the)|stockpil\w*|hoard\w*|saved\s+up|saving\s+up|collect\w*"
         r"|have\s+(?:a|enough|all\s+the))\s+(?:a\s+|the\s+|some\s+|enough\s+|my\s+)?(?:rope|noose|gun|pistol"
         r"|bullets|razor\s*blades?|razors?|blades|pills|meds|medications?|tablets|sleeping\s+pills|charcoal|poison"
         r"|helium)\b",
         weight=2, checks=_CHECKED),
    rule("at_hand", MEANS, ("pill", "meds", "medication", "tablet", "gun", "knife", "rope", "noose", "razor", "blade"),
         r"\b(?:pills|meds|tablets|gun|knife|rope|noose|razor|blades?)\s+(?:are\s+|is\s+)?(?:right\s+|all\s+)?"
         r"(?:in\s+front\s+of|next\s+to|beside|here\s+with)\s+me\b|\b(?:lined|laid|counted)\s+(?:up|out)\s+"
         r"(?:all\s+)?(?:the\s+|my\s+)?(?:pills|meds|tablets)\b|\b(?:rope|noose)\s+(?:is\s+)?(?:ready|tied|up"
         r"|hung)\b|\bloaded\s+(?:the\s+|my\s+|a\s+)?gun\b|\b(?:gun|knife|blade|razor)\s+(?:is\s+|'s\s+)?(?:in|to"
         r"|against)\s+my\s+"
         r"(?:hand|head|wrist|throat|chest)\b|\b(?:pills|meds|tablets|gun|knife|rope|noose|razor|blades?)\b(?:\s+[\w']+)"
         r"{0,3}?\s+(?:in\s+front\s+of\s+me|next\s+to\s+me|beside\s+me|in\s+my\s+(?:hand|lap|pocket)|on\s+my\s+(?:lap"
         r"|bed|nightstand|night\s+stand|table|desk|dresser|counter))\b|\b(?:have|got|holding)\s+(?:the|a|my)\s+(?:gun"
         r"|knife|rope|noose|pills|razor|blade)\s+(?:loaded|ready|out|right\s+here|with\s+me)\b",
         weight=2, checks=_CHECKED),
    rule("swallow_all", MEANS, ("them all", "these all", "those all", "it all", "pills all", "meds all", "tablets all", "bottle all", "all of them", "all of these", "all of those", "all of my", "all my", "all the", "all of the", "all them", "all these", "all those", "every one", "every single", "every last", "every pill"),
         r"\b(?:take|taking|swallow|swallowing|down)\s+(?:them|these|those|it|the\s+(?:\w+\s+)?(?:pills|meds"
         r"|tablets|bottle))\s+all\b|\b(?:take|taking|swallow|swallowing|down)\s+(?:all|every\s+(?:one"
         r"|single\s+one|last\s+one|pill))\s+(?:of\s+)?(?:them|these|those|my\s+(?:\w+\s+)?(?:pills|meds|tablets)"
         r"|the\s+(?:\w+\s+)?(?:pills|meds|tablets))\b", weight=2,
         checks=(not_negated, not_after(r"(?:forg[eo]t\s+to|remember\s+to|need\s+to|have\s+to|supposed\s+to"
                                        r"|should|meant\s+to|don'?t\s+forget\s+to)"))),
    rule("goodbye", FAREWELL, ("goodbye", "last post", "last message", "last words", "last note", "final post", "final message", "final words", "final note", "bye forever"),
         r"\b(?:this\s+is|it'?s|saying\s+(?:my\s+)?|my\s+(?:final|last)\s+|final\s+)goodbyes?\b|\bgoodbye\s+"
         r"(?:everyone|all|forever|world|guys|y'?all|cruel\s+world|for\s+good)\b|\b(?:my|this\s+is\s+my)\s+"
         r"(?:last|final)\s+(?:post|message|words|note)\b|\bbye\s+forever\b", weight=2),
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
    rule("thanks_all", PARTING, ("thank",),
         r"\bthank\s+(?:you|u)\s+(?:all\s+|guys\s+|everyone\s+)?for\s+(?:trying|everything|being\s+(?:there"
         r"|my\s+friends?|kind))\b", weight=1),
    rule("wanted_to_say", PARTING, ("wanted to say", "forgive me"),
         r"\bi\s+(?:just\s+)?wanted\s+(?:to\s+)?(?:say|tell\s+(?:you|everyone|y'?all))\s+(?:thank\s+you|thanks|goodbye|bye"
         r"|i\s+love|sorry|i'?m\s+sorry)\b|\bplease\s+forgive\s+me\b", weight=1),
    rule("bare_goodbye", PARTING, ("goodbye", "bye"),
         r"(?:^|[.!?]\s*)(?:ok(?:ay)?\s+|so\s+)?(?:goodbye|bye)(?:\s+(?:everyone|all|guys|y'?all|friends))?\s*[.!]*\s*$",
         weight=1),
    rule("self_hate", WEAK, ("hate myself", "waste of", "worthless", "useless"),
         r"\bi\s+(?:\w+\s+)?hate\s+myself\b|\b(?:i'?m|i\s+am|im)\s+(?:such\s+)?(?:a\s+)?(?:waste\s+of\s+(?:space|air|life)"
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
    rule("hopeless", WEAK, ("point", "burden", "can't", "cant", "cannot", "much longer", "notice", "care", "disappear", "vanish", "hopeless", "worthless", "everything"),
         r"\bwhat'?s\s+the\s+point\b|\b(?:i'?m|i\s+am|im|feel\s+like|feeling\s+like)\s+(?:\w+\s+){0,2}?(?:a|such\s+a)\s+"
         r"burden\b|\bcan'?t\s+(?:do\s+this|take\s+(?:it|this)|go\s+on|keep\s+going|cope|keep\s+fighting|fight\s+"
         r"(?:this|it|anymore)|hold\s+on)(?:\s+(?:anymore|any\s+more|much\s+longer))?\b|\bhow\s+much\s+longer\s+i\s+"
         r"can\s+(?:keep\s+going|go\s+on|do\s+this|hold\s+on|take\s+(?:it|this)|last|survive|fight)\b|\b(?:nobody|no\s*one)\s+(?:would|will)\s+(?:even\s+)?(?:notice|care)\b"
         r"|\b(?:want|wanna|wish)\s+(?:to\s+|i\s+could\s+)?(?:just\s+)?(?:disappear|vanish)\b"
         r"|\b(?:hopeless|worthless)\b|\b(?:tired|sick)\s+of\s+everything\b", weight=1, checks=_SPEAKER),
    rule("time", TIME, ("tonight", "tonite", "2nite", "right now", " rn", "starting now", "doing it now", "do it now", "time now", "this weekend", "this evening", "this afternoon", "this morning", "hour", "hrs", "minute", "mins", "asleep", "to bed", "to sleep", "leave", "before morning", "before sunrise", "before dawn", "midnight", "the day"),
         r"\b(?:tonight|tonite|2nite|right\s+now|rn|(?:starting|doing\s+it|do\s+it|it'?s\s+time)\s+now"
         r"|this\s+(?:weekend|evening|afternoon|morning)"
         r"|in\s+(?:an?|a\s+few|\d+|one|two|few)\s+(?:hours?|hrs?|minutes?|mins?)|(?:when|once|after)\s+"
         r"(?:everyone|they|the\s+kids|my\s+\w+)\s+(?:is\s+|are\s+)?(?:falls?\s+)?(?:asleep|goes?\s+to\s+"
         r"(?:bed|sleep)|leaves?)|before\s+(?:morning|sunrise|dawn)|at\s+midnight|(?:today|tomorrow)\s+"
         r"(?:is|will\s+be)\s+the\s+day)\b", weight=1),
    rule("bleeding", ACUTE, ("bleed", "blood", "deep", "dizzy", "sleepy", "drowsy", "faint", "lightheaded", "light headed", "woozy",
                             "breathe"),
         r"\b(?:won'?t|wont|can'?t|cant|doesn'?t|isn'?t|not|hasn'?t)\s+stop(?:ped|ping)?\s+(?:the\s+)?bleeding\b"
         r"|\bbleeding\s+(?:a\s+lot|badly|heavily|everywhere|so\s+much|out)\b|\bso\s+much\s+blood\b"
         r"|\bblood\s+(?:everywhere|all\s+over|won'?t\s+stop)\b"
         r"|\b(?:too|really)\s+deep\b|\b(?:feel|feeling|getting|i'?m|im)\s+(?:really\s+|so\s+|very\s+)?(?:dizzy|sleepy"
         r"|drowsy|faint|lightheaded|light\s+headed|woozy)\b|\b(?:can'?t|cant)\s+(?:feel\s+my|breathe)\b"),
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


def _intended(ctx, hit):
    return hit.rule.action and bool(_INTENT.search(ctx.clause_before(hit.start, 50)))


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
