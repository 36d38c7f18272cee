import io
import json
import sys

from django.core.management.base import BaseCommand

from moderation.screening import screen


def _verdict(line):
    """The JSON object to write for one input line."""
    try:
        row = json.loads(line)
    except ValueError as error:
        return {"id": None, "error": f"not JSON: {error}"}
    if not isinstance(row, dict):
        return {"id": None, "error": "each line must be a JSON object with id and text"}
    row_id = row.get("id")
    text = row.get("text")
    if not isinstance(text, str):
        return {"id": row_id, "error": "text must be a string"}
    screening = screen(text)
    return {"id": row_id, "risk": str(screening.risk), "categories": [str(c) for c in screening.categories]}


class Command(BaseCommand):
    help = (
        'Screen JSON lines {"id", "text"} from stdin and write {"id", "risk", "categories"} per line. '
        'A line that cannot be read gets {"id", "error"}; blank lines are skipped.'
    )
    # call_command(..., stdin=StringIO(...)) in tests, as createsuperuser does.
    stealth_options = ("stdin",)

    def handle(self, *args, **options):
        for line in self._lines(options.get("stdin")):
            if line.strip():
                self.stdout.write(json.dumps(_verdict(line)))

    def _lines(self, stdin):
        if stdin is not None:
            return stdin
        # Bytes that are not UTF-8 must cost one line an error, not stop the run.
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
