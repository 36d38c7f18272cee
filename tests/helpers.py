import html
import re


def text_of(response):
    """What a person reads: the page with entities decoded and per-render CSRF tokens removed."""
    content = re.sub(r'(value|content)="[A-Za-z0-9]{64}"', "", response.content.decode())
    return html.unescape(content)
