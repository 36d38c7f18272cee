"""A member's browser in front of the test nginx: https://lantern.example.org from an address of its own.

Requests leave from 127.0.0.2 (or another loopback address), never from
127.0.0.1, which is nginx's own address towards Daphne: a client address
found in a log is then certainly the member's, and two "members" can
come from two addresses. Every request carries a distinctive user agent
for the same reason.
"""
import dataclasses
import http.client
import ssl
from pathlib import Path

from websockets.asyncio.client import connect

from tests.deploy.nginx_site import HOST

ORIGIN = f"https://{HOST}"
MEMBER_ADDRESS = "127.0.0.2"
OTHER_MEMBER_ADDRESS = "127.0.0.3"
AGENT_MARK = "distinctive-agent-4417"
PROBE_AGENT = f"Mozilla/5.0 (X11; Linux x86_64; LanternDeployProbe; {AGENT_MARK})"
TIMEOUT_SECONDS = 10
# The test servers' login rate per client address: low enough for a test to reach; other doors stay generous.
LOGIN_RATE_PER_ADDRESS = 3


@dataclasses.dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@dataclasses.dataclass
class Front:
    https_port: int
    http_port: int
    certificate: Path
    log_dir: Path

    def tls(self):
        """Trusts only the test's own certificate, whose names are lantern.example.org and 127.0.0.1."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def request(self, method, path, *, client=MEMBER_ADDRESS, headers=None, body=None, secure=True):
        if secure:
            connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, context=self.tls(),
                                                     timeout=TIMEOUT_SECONDS, source_address=(client, 0))
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=TIMEOUT_SECONDS,
                                                    source_address=(client, 0))
        try:
            # The Host a browser sends for https://lantern.example.org/ (port 443, so no port).
            connection.request(method, path, body=body,
                               headers={"Host": HOST, "User-Agent": PROBE_AGENT, **(headers or {})})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def connect_socket(self, path, *, session_key=None, client=MEMBER_ADDRESS):
        """A websocket to wss://lantern.example.org`path` whose TCP connection goes to the test nginx."""
        cookie = {"Cookie": f"sid={session_key}"} if session_key else {}
        return connect(
            f"wss://{HOST}{path}", host="127.0.0.1", port=self.https_port, local_addr=(client, 0),
            ssl=self.tls(), origin=ORIGIN, additional_headers=cookie, user_agent_header=PROBE_AGENT,
            proxy=None, open_timeout=TIMEOUT_SECONDS, close_timeout=TIMEOUT_SECONDS,
        )

    def access_log(self):
        path = self.log_dir / "lantern.log"
        return path.read_text() if path.exists() else ""
