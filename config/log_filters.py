import logging
import re

# IPv4, and IPv6 written with at least two colons between hex groups.
_IP = re.compile(
    r"(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
    r"|(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"
)
_USER_AGENT = re.compile(r"\b(?:Mozilla|Opera|Chrome|Safari|curl|Wget|python-requests|python-httpx)/\S.*", re.I)


def redact(text):
    return _USER_AGENT.sub("[user agent]", _IP.sub("[address]", text))


class RedactPersonalData(logging.Filter):
    """Last line of defence: strip IP addresses and user agents from log lines.

    Lantern never puts them in a message on purpose; this catches a library
    that does (Daphne's protocol debug lines name the client address).
    """

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True
