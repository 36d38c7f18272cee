"""Contact: moving a conversation off the platform, or recruiting someone away.

Phone numbers, e-mail addresses, handles, links to messaging apps, requests
to message, call or meet, and offers of jobs, rooms or travel. Lantern has no
private messages between members, so any of these is a way around the
platform's protection. Patterns read the `plain` form (folded, lower case,
no leetspeak undone), where addresses and handles survive intact.
"""

import re

from .context import not_negated, not_past, sentence_has, sentence_lacks
from .phones import find_phones
from .rules import RuleSet, rule, scan

_APP = (
    r"(?:snap\s*chat|snap|sc|insta\s*gram|insta|ig|telegram|tele|tg|whats\s*app|wa|signal|kik|wickr|discord"
    r"|cash\s*app|venmo|pay\s*pal|zelle|only\s*fans|tik\s*tok|face\s*book|fb|messenger|twitter|x|line|we\s*chat"
    r"|session|threema|skype|viber|imessage|facetime|google\s+voice|textnow|grindr|tinder|bumble|hinge|email"
    r"|e-mail|gmail|phone|cell|text|dms?|inbox|pm|the\s+gram|gram|linkedin|reddit)\b"
)
_HANDLE_APP = (
    r"(?:snap\s*chat|snap|sc|insta\s*gram|insta|ig|kik|telegram|whats\s*app|signal|wickr|discord|cash\s*app|venmo"
    r"|pay\s*pal|tik\s*tok|twitter|we\s*chat|line|session|threema|skype|viber|only\s*fans)"
)
# Literal pieces of the app names above, for the scanner's gate (see rules.py).
_APP_ANCHORS = ("snap", "insta", " ig", "ig:", "kik", "telegram", "whats", "signal", "wickr", "discord", "cashapp",
                "cash app", "venmo", "paypal", "pay pal", "zelle", "*fans", "tiktok", "tik tok", "twitter", "wechat",
                "we chat", " line", "session", "threema", "skype", "viber")
# Words that follow "my instagram is" when nobody is giving a handle out.
_NOT_HANDLES = frozenset(
    """hacked down private public deleted gone broken blocked banned not so too full dead locked suspended new old
    the a an same different working open closed back here there just really very still off on up out empty fine
    ok okay weird acting getting being changed changing disconnected unknown listed above below in my your his her
    their was is it this that now currently always never only also kinda pretty mostly fake real lost stolen
    missing frozen restricted limited inactive active unchanged wrong""".split()
)
_OWN_ANCHORS = tuple(
    f"{whose} {what}"
    for whose in ("my", "the")
    for what in """snap sc insta ig kik telegram whats signal wickr discord cashapp venmo paypal zelle onlyfans tiktok
    twitter wechat threema skype viber email e-mail handle user username @""".split()
)
_ASK_ANCHORS = tuple(
    f"{yours} {what}"
    for yours in ("your", "ur", "yo")
    for what in """number digits cell phone personal real home snap insta ig email e-mail address whatsapp telegram
    kik handle socials @ info contact discord signal cash venmo location full username user tag""".split()
) + tuple(
    f"{verb} {app}"
    for verb in ("on", "have", "got", "use", "have a", "got a", "use a")
    for app in """snap insta ig telegram tele tg whats wa signal kik wickr discord cash venmo pay zelle only tik
    face fb messenger twitter x line we session threema skype viber""".split()
)
_CHAT_VERBS = (
    r"\b(?:talk|chat|speak|message|msg|text|dm|contact|connect|meet|reach|email|call|add|hit\s+me|continue"
    r"|move|conversation|convo)\b"
)
# Survivors tell how they were recruited; an offer is said to the reader now.
_NARRATIVE = (
    r"\b(?:promised|offered|told\s+me|said|was|were|had|used\s+to|got\s+me|lured|tricked|recruited|back\s+then)\b"
)
_OFFERED = r"\b(?:you|u|hiring|looking\s+for|interested|dm|message|text|contact|apply|available|opportunit\w*)\b"


def _handle_value(ctx, hit):
    value = hit.match.group("v").strip(".-_")
    if len(value) < 3 or value in _NOT_HANDLES:
        return False
    separator = (hit.match.groupdict().get("sep") or ":").strip()
    return separator not in ("", "is", "id", "name", "handle", "username", "user") or bool(re.search(r"[\d_.]", value))


def _not_a_time(ctx, hit):
    return not re.fullmatch(r"@\d{1,2}(?::\d\d)?(?:am|pm)?", hit.match.group())


_ASKING = (not_negated,)
_RECRUITING = (not_negated, not_past, sentence_lacks(_NARRATIVE))

RULES = (
    rule("ask_on_app", "request", ("add me", "add us", "dm me", "pm me", "message me", "msg me", "text me",
                                   "txt me", "call me", "ring me", "hit me", "hit us", "find me", "find us",
                                   "follow me", "follow us", "contact me", "contact us", "reach me", "reach us",
                                   "ping me", "chat with me", "talk to me", "write me", "email me", "e-mail me",
                                   "snap me", "kik me", "hmu", "holla at me", "inbox me", "look me up", "look us up"),
         r"\b(?:add|dm|pm|message|msg|text|txt|call|ring|hit|find|follow|contact|reach|ping|chat\s+with|talk\s+to"
         r"|write|email|e-mail|snap|kik|hmu|holla\s+at|inbox|look)\s+(?:me|us)(?:\s+up)?\s*(?:on|at|via|through"
         r"|over|in|@|:|-)\s*(?:" + _APP + r"|@?[a-z0-9_.+\-]*\d|@)", checks=_ASKING),
    rule("ask_direct", "request", ("dm me", "pm me", "inbox me", "message me", "msg me", "text me", "txt me",
                                   "snap me", "kik me", "whatsapp me", "telegram me", "wickr me", "cashapp me",
                                   "cash app me", "venmo me", "paypal me", "pay pal me", "zelle me", "email me",
                                   "e-mail me", "facetime me", "skype me", "hit me up", "hmu", "call me"),
         r"\b(?:dm|pm|inbox|message|msg|text|txt|snap|kik|whatsapp|telegram|wickr|cash\s*app|venmo|pay\s*pal|zelle"
         r"|email|e-mail|facetime|skype)\s+me\b(?!\s+(?:here|on\s+here|in\s+(?:the\s+)?(?:room|app|chat|forum"
         r"|thread|group)|through\s+(?:the\s+)?(?:site|app|forum)))|\bhit\s+me\s+up\b|\bhmu\b|\bcall\s+me\s+"
         r"(?:at|on|anytime|any\s+time|later|tonight|tomorrow|now|asap|back|sometime|when(?:ever)?|if|\+?\d)",
         checks=_ASKING),
    rule("ask_details", "request", _ASK_ANCHORS,
         r"\b(?:what'?s|whats|what\s+is|give\s+me|send\s+me|drop|dm\s+me|can\s+i\s+(?:get|have)|could\s+i\s+"
         r"(?:get|have)|may\s+i\s+have|i\s+need|need|share|post|leave|tell\s+me)\s+(?:me\s+)?(?:your|ur|yo)\s+(?:phone\s+"
         r"|cell\s+|personal\s+|real\s+|home\s+)?(?:number|digits|cell|phone|snap\s*(?:chat)?|insta\s*(?:gram)?|ig"
         r"|email|e-mail|address|whatsapp|telegram|kik|handle|socials|@|info|contact(?:\s+info)?|discord|signal"
         r"|cash\s*app|venmo|location|real\s+name|full\s+name|user\s*name|handle|tag)(?!\w)|\b(?:are\s+(?:you|u)"
         r"|r\s+u|u|you)\s+on\s+"
         + _HANDLE_APP + r"\s*\?|\b(?:do|d)\s+(?:you|u)\s+(?:have|got|use)\s+(?:a\s+)?" + _HANDLE_APP + r"\b",
         checks=_ASKING),
    rule("own_channel", "handle", _OWN_ANCHORS,
         r"\b(?:my|the)\s+(?:" + _HANDLE_APP + r"|zelle|email|e-mail|handle|user\s*name|@)\s*(?P<sep>is|:|=|->|=>|\u2192"
         r"|\u27a1|\U0001f449)\s*@?(?P<v>[a-z0-9_.+\-]{3,40})",
         checks=(_handle_value,)),
    rule("app_handle", "handle", _APP_ANCHORS,
         r"\b" + _HANDLE_APP + r"\s*(?P<sep>:|=|->|=>|\u2192|\u27a1|\U0001f449|@|\bid\b|\bname\b|\bhandle\b|\busername\b"
         r"|\buser\b)\s*@?(?P<v>[a-z0-9_.\-]{3,40})", checks=(_handle_value,)),
    rule("on_app_as", "handle", _APP_ANCHORS,
         r"\b(?:i'?m|im|i\s+am|find\s+me)\s+on\s+" + _HANDLE_APP + r"\s+(?:as|under)\s+@?[a-z0-9_.\-]{3,40}\b"),
    rule("off_site", "request", ("outside", "off this", "off the", "off here", "offline", "off line", "offsite",
                                 "off site", "off platform", "somewhere", "someplace", "privat", "elsewhere"),
         r"\b(?:outside|off)\s+(?:of\s+)?(?:this|the|here)\s+(?:site|app|platform|forum|board|group|place|chat"
         r"|website)\b|\b(?:somewhere|someplace)\s+(?:else|more\s+private|private)\b|\b(?:more\s+)?privately\b"
         r"|\bin\s+private\b|\boff\s*(?:line|site|platform|here)\b|\belsewhere\b",
         checks=(not_negated, sentence_has(_CHAT_VERBS), sentence_has(r"\b(?:you|u|we|us|me)\b"))),
    rule("move_to_app", "request", _APP_ANCHORS,
         r"\b(?:take|move|continue|switch|go|bring)\s+(?:this|it|the\s+(?:conversation|convo|chat)|things|us)?\s*"
         r"(?:over\s+)?(?:to|on)\s+" + _HANDLE_APP + r"\b|\b(?:talk|chat|message|msg|text|speak|connect)\s+(?:more\s+)?"
         r"(?:on|over|via|in)\s+" + _HANDLE_APP + r"\b",
         checks=(not_negated, sentence_has(r"\b(?:you|u|we|us|let'?s|lets|me|anyone|anybody|someone)\b"))),
    rule("meet", "meet", ("meet up", "meet you", "meet u", "meet me", "meet in", "meet irl", "meet some",
                          "meet tonight", "meet today", "meet tomorrow", "meet this", "meet at", "meet near",
                          "meet for", "let's meet", "lets meet", "let's just meet", "pick you", "pick u",
                          "picking you", "picking u", "get you", "get u", "grab you", "grab u", "send you",
                          "send u", "drive you", "drive u", "give you", "give u", "where do you", "where do u",
                          "where d you", "where are you", "where are u", "grab", "get a", "get coffee", "get lunch",
                          "get dinner", "get drinks", "get food", "get breakfast", "have a", "have coffee",
                          "have lunch", "have dinner", "have drinks", "have breakfast", "come visit", "come see",
                          "come stay", "what part", "what city", "what town", "what area", "what neighb",
                          "what state", "what street"),
         r"\b(?:let'?s|lets)\s+(?:[\w']+\s+)?meet\b|\b(?:we\s+(?:can|could|should|gotta|need\s+to)|wanna|want\s+to"
         r"|can\s+we|could\s+we|i'?d\s+(?:love|like)\s+to|i\s+(?:want|would\s+like)\s+to|come|i\s+can)\s+meet\s+"
         r"(?:up|you|u|me|in\s+person|irl|somewhere|sometime|tonight|today|tomorrow|this\s+week|at|near|for)\b"
         r"|\bmeet\s+(?:me|up\s+with\s+me)\b|\b(?:pick|picking)\s+(?:you|u)\s+up\b|\b(?:come|i'?ll\s+come)\s+"
         r"(?:and\s+)?(?:get|grab)\s+(?:you|u)\b|\bsend\s+(?:you|u)\s+(?:an?\s+)?(?:uber|lyft|ride|car|ticket)\b"
         r"|\b(?:i'?ll|i\s+can|i\s+will|let\s+me)\s+(?:drive|give)\s+(?:you|u)\s+(?:a\s+ride|home)\b"
         r"|\bwhere\s+(?:do|d)\s+(?:you|u)\s+(?:live|stay)\b|\bwhere\s+are\s+(?:you|u)\s+staying\b"
         r"|\b(?:let'?s|lets|we\s+(?:should|could|can)|wanna|want\s+to|can\s+we|come)\s+(?:grab|get|have)\s+(?:a\s+)?"
         r"(?:coffee|lunch|dinner|drinks?|food|a\s+bite|breakfast)\b|\bcome\s+(?:visit|see|stay\s+with)\s+me\b"
         r"|\bwhat\s+(?:part\s+of\s+(?:town|the\s+city)|city|town|area|neighbou?rhood|state|street)\s+(?:are\s+)?"
         r"(?:you|u)\s+(?:in|from|at|live\s+in|staying\s+in)\b", checks=_ASKING),
    rule("offer_contact", "request", ("text you", "call you", "dm you", "message you", "email you", "snap you",
                                      "add you", "inbox you", "add u", "email u", "snap u", "venmo you",
                                      "cashapp you", "cash app you", "paypal you", "pay pal you", "zelle you",
                                      "venmo u", "cashapp u", "paypal u", "zelle u", "whatsapp you", "facetime you",
                                      "text u", "call u", "dm u", "message u", "send you", "send u"),
         r"\b(?:i'?ll|i\s+will|i\s+can|let\s+me|i'?d\s+(?:love|like)\s+to)\s+(?:text|call|dm|message|email|snap"
         r"|whatsapp|facetime|venmo|cash\s*app|pay\s*pal|zelle)\s+(?:you|u)\b|\b(?:can|could|may)\s+i\s+(?:text|call|dm"
         r"|message|email|add|snap|facetime"
         r"|whatsapp|inbox)\s+(?:you|u)\b|\bsend\s+(?:you|u)\s+my\s+(?:number|snap|insta|ig|email|info"
         r"|address|contact|digits)\b", checks=_ASKING),
    rule("dm_slang", "request", ("slide in", "check your", "check ur", "sent you", "sent u", "cashapp", "cash app",
                                 "venmo", "paypal", "pay pal", "zelle", "chime", "apple pay"),
         r"\bslide\s+(?:in|into)\s+(?:my|the|your|ur)\s+dms?\b|\bcheck\s+(?:your|ur)\s+(?:dms?|inbox|messages|requests)"
         r"\b|\bsent\s+(?:you|u)\s+(?:a\s+)?(?:dm|pm|message|text|friend\s+request|request)\b|\b(?:send|pay)\s+(?:it\s+"
         r"|me\s+)?(?:to|on|via|through)\s+(?:my\s+)?(?:cash\s*app|venmo|pay\s*pal|zelle|chime|apple\s+pay)\b",
         checks=_ASKING),
    rule("swap", "request", ("swap", "exchange", "trade", "mods", "moderator", "admin", "staff"),
         r"\b(?:swap|exchange|trade|share)\s+(?:our\s+)?(?:numbers|digits|socials|snaps|contacts|contact\s+info|info|emails"
         r"|handles|@s)\b|\bwithout\s+(?:the\s+)?(?:mods?|moderators?|admins?|staff)\s+(?:reading|seeing|knowing"
         r"|watching|finding\s+out)\b", checks=_ASKING),
    rule("job_offer", "recruit", ("get you", "give you", "find you", "set you", "hook you", "get u", "give u",
                                  "find u", "set u", "hook u", "for you", "for u"),
         r"\b(?:i\s+can|i\s+could|we\s+can|i'?ll|let\s+me)\s+(?:get|give|find|set|hook)\s+(?:you|u)\s+(?:up\s+with\s+)?"
         r"(?:a\s+|an\s+|some\s+)?(?:[\w']+\s+){0,2}?(?:job|work|gig|room|place|apartment|bed|money|cash|sponsor"
         r"|modell?ing|contract|opportunity)\b|\b(?:job|work|gig|opportunity|position|opening|offer)\s+(?:[\w']+\s+)?for\s+"
         r"(?:you|u)\b", checks=_RECRUITING),
    rule("job_lure", "recruit", ("model", "escort", "massage", "dancing", "stripping", "cam", "hostess", "sugar",
                                 "fans"),
         r"\bmodell?ing\s+(?:job|gig|work|contract|opportunit\w+|agency|shoot)s?\b|\bsugar\s+(?:daddy|baby|mommy)\b"
         r"|\b(?:escort|massage|dancing|stripping|cam|webcam|hostess)\s+(?:job|work|gig|agency|opportunit\w+)s?\b"
         r"|\bonly\s*fans\s+(?:manager|management|agency|job)\b",
         checks=_RECRUITING + (sentence_has(_OFFERED),)),
    rule("easy_money", "recruit", ("cash", "money", "experience", "$", "pays", "paying", "paid"),
         r"\b(?:pays?|paying|paid)\s+(?:in\s+)?cash\s+(?:daily|every\s+day|same\s+day|nightly|weekly)\b"
         r"|\bcash\s+daily\b|\b(?:work|job|gig)s?\s+(?:that\s+)?(?:pays?|paying)\s+(?:cash|daily|same\s+day"
         r"|under\s+the\s+table|really\s+well|\$)|\b(?:easy|fast|quick)\s+(?:money|cash)\b|\bmake\s+\$?\d[\d,.]*k?"
         r"\s*(?:dollars|bucks|\$)?\s+(?:a|per|an|every)\s+(?:day|night|week|hour)\b|\bno\s+experience\s+"
         r"(?:needed|required|necessary)\b", checks=_RECRUITING),
    rule("pay_offer", "recruit", ("$",),
         r"\b(?:make|earn|pays?|paying|get)\s+(?:up\s+to\s+)?\$\d[\d,.]*k?\s*\+?\s*(?:a|per|an|every|each|/)\s*"
         r"(?:day|night|week|hour|hr|weekend|shift)\b", checks=_RECRUITING + (sentence_has(_OFFERED),)),
    rule("paid_travel", "recruit", ("flight", "ticket", "housing", "hotel", "transport", "fare", "travel paid",
                                    "travel covered", "travel free", "travel included", "travel on", "travel is",
                                    "travel will", "rent paid", "rent covered", "rent free", "rent included",
                                    "rent on", "rent is", "rent will", "room paid", "room covered", "room free",
                                    "room included", "room on", "room is", "room will", "rooms are", "your travel",
                                    "your bus", "your train", "your plane", "your rent", "your room", "you a room",
                                    "you a bus", "you a train", "you a plane", "the bus", "the train", "the plane",
                                    "the rent", "the room", "a bus", "a train", "a plane", "a room"),
         r"\b(?:flights?|travel|tickets?|rent|room|housing|hotel|transport\w*|bus\s+fare)\s+(?:is\s+|are\s+"
         r"|will\s+be\s+)?(?:paid|covered|free|included|on\s+me)\b|\b(?:i'?ll|i\s+will|i\s+can|we'?ll|we\s+will"
         r"|we\s+can)\s+(?:pay|cover|buy|get)\s+(?:for\s+)?(?:your|you\s+a|the|a)\s+(?:flight|ticket|travel|bus"
         r"|train|plane|rent|room|hotel)\b", checks=_RECRUITING),
    rule("room_offer", "recruit", ("a room", "a bed", "a place", "a couch", "an extra", "a spare", "a free",
                                   "an empty", "extra room", "extra bed", "extra place", "extra couch", "stay with",
                                   "crash with", "live with", "stay at my", "crash at my", "live at my",
                                   "looking for", "connect you", "introduce you", "hook you", "connect u",
                                   "introduce u", "hook u"),
         r"\b(?:i|we)\s+(?:have|got|'ve\s+got)\s+(?:a|an\s+extra|a\s+spare|a\s+free|an\s+empty|extra)\s+(?:room"
         r"|bed|place|couch)\b|\b(?:you\s+can|u\s+can|come)\s+(?:stay|crash|live)\s+(?:with\s+me|at\s+my\s+"
         r"(?:place|house|apartment)|with\s+us)\b|\blooking\s+for\s+(?:girls|women|ladies|boys|guys|young\s+\w+"
         r"|models|people|someone|new\s+faces|fresh\s+faces)\s+(?:who|to|that|for|interested)\b|\blooking\s+for\s+"
         r"(?:new|fresh)\s+(?:faces|talent|girls|models)\b|\b(?:i\s+can|i\s+could|let\s+me|i'?ll)\s+(?:connect|introduce"
         r"|hook)\s+(?:you|u)\b(?:\s+(?:with|to|up))?", checks=_RECRUITING),
    rule("send_money", "recruit", ("send you", "give you", "buy you", "get you", "pay you", "send u", "give u",
                                   "buy u", "get u", "pay u"),
         r"\b(?:send|give|buy|get|pay)\s+(?:you|u)\s+(?:for\s+)?(?:some\s+|the\s+|a\s+)?(?:bus|train|plane"
         r"|greyhound|gas|uber)\s*(?:money|ticket|fare|cash)?\b|\b(?:i'?ll|i\s+can|i\s+will|let\s+me)\s+send\s+"
         r"(?:you|u)\s+(?:some\s+)?(?:money|cash|\$)", checks=_RECRUITING),
    rule("email", "email", ("@",),
         r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\b"),
    rule("email_spelled", "email", ("dot", "(at)", "[at]", "{at}", "@", ".com", ".net", ".org", ".ca", ".co", ".io",
                                    ".me", ".us", ".uk", ".edu", ". com", "arroba", "punto"),
         r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]{0,63}\s*(?:\(at\)|\[at\]|\{at\}|\sat\s|\s?\(?arroba\)?\s|@)\s*"
         r"[a-z0-9\-]{2,}\s*(?:\(dot\)|\[dot\]|\{dot\}|\sdot\s|\s?\(?punto\)?\s|\.)\s*"
         r"(?:com|net|org|ca|co|io|me|us|uk|edu|info|biz|mx)\b(?![\w-])"),
    rule("email_provider", "email", ("gmail", "yahoo", "hotmail", "outlook", "proton", "icloud", "aol", "ymail",
                                     "gmx"),
         r"(?<![\w.+\-])[a-z0-9][a-z0-9._\-]{1,63}\s+(?:@|at|arroba)\s+(?:gmail|yahoo|hotmail|outlook|proton(?:mail)?"
         r"|icloud|aol|ymail|gmx)\b"),
    # Spanish: asking for or giving a number or an app, meeting, fetching, paid travel and work offers.
    rule("ask_es", "request", ("mandame", "enviame", "escribeme", "marcame", "llamame", "agregame", "hablame",
                               "pasame", "dame tu", "mi cel", "mi numero", "mi whats", "mi wats", "mi telefono",
                               "mi correo", "mi insta", "mi face", "mi snap", "mi tele", "te paso", "te mando"),
         r"\b(?:mandame|enviame|escribeme|marcame|llamame|agregame|hablame|pasame|dame)\s+(?:un\s+|tu\s+|al\s+|por\s+)?"
         r"(?:whats\w*|wats\w*|guasap|mensaje|msj|inbox|dm|numero|cel\w*|telefono|insta\w*|face\w*|correo|snap\w*"
         r"|tele\w*|signal|cuando|ahora|hoy)\b|\bmi\s+(?:cel|celular|numero|whats\w*|wats\w*|telefono|correo|insta\w*"
         r"|face\w*|snap\w*|tele\w*)\s+(?:es|:|=|->)|\bte\s+(?:paso|mando|doy|dejo)\s+mi\s+(?:cel\w*|numero|whats\w*"
         r"|wats\w*|telefono|correo|insta\w*|face\w*|snap\w*|tele\w*)\b", checks=_ASKING),
    rule("meet_es", "meet", ("nos vemos", "paso por ti", "te recojo", "voy por ti", "te invito", "te veo en",
                             "vernos", "conocernos", "donde vives", "en que parte", "de que parte"),
         r"\b(?:nos\s+vemos|te\s+veo)\s+(?:en|a\s+las|manana|hoy|el|al)\b|\b(?:paso|voy)\s+por\s+ti\b|\bte\s+recojo\b"
         r"|\bte\s+invito\s+(?:a|un)\b|\b(?:podemos|quieres|queres)\s+(?:vernos|conocernos)\b|\bdonde\s+vives\b"
         r"|\b(?:en|de)\s+que\s+parte\s+(?:vives|estas|eres)\b", checks=_ASKING),
    rule("offer_es", "recruit", ("trabajo de", "chamba de", "te pago", "te consigo", "casa para ti", "cuarto para ti",
                                 "dinero facil", "lana facil", "sin experiencia", "te compro"),
         r"\b(?:trabajo|chamba|jale)\s+(?:de|como)\s+(?:edecan|modelo|mesera|bailarina|masajista|acompanante|hostess"
         r"|webcam|nin?era)\w*\b|\bte\s+(?:pago|compro|consigo)\s+(?:el\s+|un\s+|una\s+|tu\s+)?(?:boleto|pasaje|viaje"
         r"|vuelo|cuarto|depa\w*|trabajo|chamba|casa)\b|\b(?:casa|cuarto)\s+para\s+ti\b|\b(?:dinero|lana|feria)\s+facil\b"
         r"|\bsin\s+experiencia\b",
         checks=_RECRUITING + (sentence_has(r"\b(?:te|ti|tu|quieres|queres|interesa\w*|chicas|muchachas|buscamos"
                                            r"|busco|ofrezco|hay)\b"),)),
    rule("handle", "handle", ("@",), r"(?<![\w.@])@[a-z0-9_][a-z0-9_.]{1,29}", checks=(_not_a_time,)),
    rule("cashtag", "handle", ("$",), r"(?<![\w$])\$[a-z][a-z0-9_]{2,19}\b"),
    rule("link", "link", ("t.me", "wa.me", "snapchat.com", "instagram.com", "instagr.am", "kik.me", "discord.gg",
                          "discord.com", "linktr.ee", "onlyfans.com", "cash.app", "venmo.com", "paypal.me", "m.me",
                          "tiktok.com", "facebook.com", "fb.com", "fb.me", "twitter.com", "x.com", "signal.me",
                          "signal.group", "telegram.me", "wechat.com", "threema.id", "whatsapp.com"),
         r"\b(?:t\.me|wa\.me|snapchat\.com|instagram\.com|instagr\.am|kik\.me|discord\.gg|discord\.com/invite"
         r"|linktr\.ee|onlyfans\.com|cash\.app|venmo\.com|paypal\.me|m\.me|tiktok\.com|facebook\.com|fb\.com|fb\.me"
         r"|twitter\.com|x\.com|signal\.me|signal\.group|telegram\.me|wechat\.com|threema\.id|chat\.whatsapp\.com)\b"),
)


_RULE_SET = RuleSet(RULES)


def find_contact(ctx, help_numbers=()):
    """(start, end, rule) in `plain` offsets for every contact signal."""
    found = [(hit.start, hit.end, "contact." + hit.rule.name) for hit in scan(ctx.text, _RULE_SET, ctx, ctx.sightings)]
    return found + find_phones(ctx.text, help_numbers, ctx.sightings)
