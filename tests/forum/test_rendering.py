"""Hostile Markdown and HTML come out inert, checked on the rendered page, not just the function."""
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forum.models import Post
from forum.rendering import ALLOWED_TAGS, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![pixel](http://evil.example/pixel.gif)",
    '<a href="http://x" onmouseover="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    '<base href="http://evil.example/">',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="http://evil.example"><input type=submit></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    '<img """><script>alert(1)</script>">',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[x](  javascript:alert(1)  )",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '<http://evil.example/" onmouseover="alert(1)>',
    '[x](http://evil.example/" onclick="alert(1))',
    "[x](http://evil.example/'onmouseover='alert(1))",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    '<table background="javascript:alert(1)">',
    "<isindex action=javascript:alert(1) type=image>",
    "<frameset onload=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<textarea onfocus=alert(1) autofocus>",
    "<button formaction=javascript:alert(1)>x</button>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](//evil.example/path)",
    "\u202egnp.exe harmless-looking file",
    '<a href="https://ok.example">ok</a><script>alert(1)</script>',
    "<xss onafterscriptexecute=alert(1)><script>1</script>",
    "<a href=javas&#99;ript:alert(1)>x</a>",
    '[click me](https://example.org "title\\" onmouseover=\\"alert(1)")',
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">cover</p>',
    "[x](javascript://%0aalert(1))",
    "<a href='jav\tascript:alert(1)'>tab</a>",
    "[a](https://example.org)<img src=x:alert(1) onerror=eval(src)>",
]
ALLOWED_POST_ATTRIBUTES = {"href", "rel", "start"}
OUR_SCRIPTS = {"/static/js/quick-exit.js", "/static/js/live.js", "/static/js/local-time.js"}
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class PageAudit(HTMLParser):
    """Collects every tag on the page, and those inside post bodies separately."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <div class="post-body">
        self.body_tags, self.scripts, self.handlers, self.hrefs = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.handlers += [(tag, name) for name in attributes if name.lower().startswith("on")]
        if tag == "script":
            self.scripts.append(attributes.get("src"))
        if self.depth:
            self.body_tags.append((tag, attributes))
            if tag == "div":
                self.depth += 1
        elif tag == "div" and attributes.get("class") == "post-body":
            self.depth = 1
        for name in ("href", "src", "action", "formaction", "data"):
            if name in attributes:
                self.hrefs.append(attributes[name] or "")

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1


def audit(html):
    parser = PageAudit()
    parser.feed(html)
    return parser


@pytest.fixture
def hostile_thread(member_client, settings, make_thread, commons_board):
    settings.FORUM_LIMITS = {k: {**v, "seconds_between_posts": 0, "replies_per_day": 1000} for k, v in settings.FORUM_LIMITS.items()}
    thread = make_thread(commons_board, title="Payloads")
    for payload in XSS_PAYLOADS:
        response = member_client.post(reverse("forum:reply", args=[thread.pk]), {"body": payload})
        assert response.status_code == 302, payload
    settings.FORUM_PAGE_SIZE = 100
    return thread


def test_corpus_has_at_least_fifty_payloads():
    assert len(XSS_PAYLOADS) >= 50


@pytest.mark.django_db
def test_hostile_posts_render_inert_on_the_thread_page(member_client, hostile_thread):
    html = member_client.get(reverse("forum:thread", args=[hostile_thread.pk])).content.decode()
    page = audit(html)
    assert len(page.body_tags) > 10  # the audit saw the posts' markup
    assert set(page.scripts) <= OUR_SCRIPTS and "/static/js/quick-exit.js" in page.scripts
    assert page.handlers == []
    for tag, attributes in page.body_tags:
        assert tag in ALLOWED_TAGS, tag
        assert set(attributes) <= ALLOWED_POST_ATTRIBUTES, (tag, attributes)
    for url in page.hrefs:
        lowered = url.strip().lower()
        assert not lowered.startswith(("javascript:", "vbscript:", "data:")), url
        assert url.startswith(("/", "https://weather.com/", "#")) and not url.startswith("//"), url
    assert not any(ch in html for ch in BIDI)
    assert Post.objects.filter(thread=hostile_thread).count() == len(XSS_PAYLOADS) + 1


@pytest.mark.django_db
def test_hostile_titles_are_escaped_on_board_and_thread(member_client, commons_board):
    title = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    member_client.post(reverse("forum:new_thread", args=["commons", "check-in"]), {"title": title, "body": "hi"})
    for url in [reverse("forum:board", args=["commons", "check-in"]), reverse("forum:thread", args=[Post.objects.get().thread_id])]:
        page = audit(member_client.get(url).content.decode())
        assert set(page.scripts) <= OUR_SCRIPTS and page.handlers == []


def test_links_go_through_the_leaving_page_with_safe_rel():
    html = render_markdown("[help](https://example.org/a?b=1) and www.example.net")
    assert 'href="/leaving/?to=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1"' in html
    assert html.count('rel="nofollow noopener noreferrer ugc"') == 2


def test_markdown_keeps_the_formatting_members_use():
    html = render_markdown("*soft* **strong** ~~gone~~\n\n> quoted\n\n1. one\n2. two\n\n- a\n\n`code`\n\n---")
    for fragment in ["<em>soft</em>", "<strong>strong</strong>", "<s>gone</s>", "<blockquote>", "<ol>", "<ul>", "<code>code</code>", "<hr>"]:
        assert fragment in html, fragment


def test_images_and_headings_stay_plain_text():
    assert "<img" not in render_markdown("![x](https://example.org/x.png)")
    assert render_markdown("# Big") == "<p># Big</p>"


@pytest.mark.django_db
def test_leaving_page_names_the_host_and_refuses_other_schemes(member_client):
    page = member_client.get(reverse("forum:leaving"), {"to": "https://example.org/path"})
    assert page.status_code == 200 and "You are leaving Lantern" in page.content.decode()
    assert 'href="https://example.org/path" rel="nofollow noopener noreferrer ugc"' in page.content.decode()
    assert member_client.get(reverse("forum:leaving"), {"to": "javascript:alert(1)"}).status_code == 400
