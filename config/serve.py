"""Start Daphne the way Lantern must be started: `python -m config.serve [daphne options]`.

Daphne's own access log writes each client's IP address. This launcher
swaps in an access log that records only the request line and its
outcome, so no address reaches a log (docs/design.md, invariant 4). Every
Daphne option works as usual; `--access-log FILE` still chooses where it goes.
"""
import datetime

import daphne.cli


class PrivateAccessLog:
    """Daphne's action logger, minus the client's address and the query string."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, protocol, action, details):
        path = details.get("path", "").split("?", 1)[0]
        if protocol == "http" and action == "complete":
            line = f'"{details.get("method", "")} {path}" {details.get("status", "")} {details.get("size", "")}'
        elif protocol == "websocket" and action in ("connected", "disconnected", "rejected"):
            line = f'"WS{action.upper()} {path}"'
        else:
            return
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.stream.write(f"{stamp} {line}\n")


def main():
    daphne.cli.AccessLogGenerator = PrivateAccessLog
    daphne.cli.CommandLineInterface.entrypoint()


if __name__ == "__main__":
    main()
