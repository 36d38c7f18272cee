"""Markdown to safe HTML, done once when a post is saved, never on a page view.

markdown-it-py parses CommonMark with raw HTML and images turned off;
bleach then keeps only an allowlist of tags and attributes, so whatever the
parser lets through is still inert. Links get rel="nofollow noopener
noreferrer ugc" and go through Lantern's "you are leaving" page.
"""
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

import bleach
from bleach.linkifier import LinkifyFilter
from django.urls import reverse
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "s", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https"})
LINK_REL = "nofollow noopener noreferrer ugc"


@lru_cache(maxsize=1)
def _parser():
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # No images (nothing loads from other hosts) and no headings (a post is
    # not a page); their syntax stays as plain text.
    parser.disable(["image", "heading", "lheading", "html_block", "html_inline"])
    parser.enable("strikethrough")
    return parser


def _route_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    parts = urlsplit(href)
    if parts.netloc and not parts.scheme:  # protocol-relative //host/path
        href, parts = "https:" + href, urlsplit("https:" + href)
    if parts.scheme or parts.netloc:  # another site
        if parts.scheme not in ALLOWED_PROTOCOLS:
            return None  # drop the link, keep its text
        attrs[(None, "href")] = reverse("forum:leaving") + "?" + urlencode({"to": href})
    attrs[(None, "rel")] = LINK_REL
    return attrs


@lru_cache(maxsize=1)
def _cleaner():
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[lambda source: LinkifyFilter(source, callbacks=[_route_link], skip_tags={"pre", "code"}, parse_email=False)],
    )


def render_markdown(source):
    """Safe HTML for a post's Markdown source (already cleaned by forum.text)."""
    return _cleaner().clean(_parser().render(source)).strip()
