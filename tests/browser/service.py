"""The real Passerelle service for the browser tests: `passerelle demo` on a free port
of the loopback, with a throwaway data directory (its own PostgreSQL cluster and
Xapian shards, loaded with the demo data set), stopped with SIGTERM as an operator
would stop it."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# The demo's accounts, as README.md lists them.
ACCOUNTS = {
    "toulouse": ("toulouse@demo.example", "demo-toulouse"),
    "recruiter": ("recruiter@demo.example", "demo-recruiter"),
    "admin": ("admin@demo.example", "demo-admin"),
    "munich": ("munich@demo.example", "demo-munich"),
    "shanghai": ("shanghai@demo.example", "demo-shanghai"),
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServiceFailed(RuntimeError):
    pass


class PasserelleService:
    def __init__(self, binary: Path, repository: Path, log_path: Path):
        self.binary = binary
        self.repository = repository
        self.log_path = log_path
        self.process = None
        self.root = None
        self.port = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 240.0) -> None:
        # PostgreSQL runs as the postgres user when we are root: it must reach the directory.
        self.root = Path(tempfile.mkdtemp(prefix="passerelle-browser-"))
        os.chmod(self.root, 0o755)
        self.port = free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [
                str(self.binary), "demo",
                "--data-dir", str(self.root / "data"),
                "--host", "127.0.0.1",
                "--port", str(self.port),
                "--demo-dir", str(self.repository / "seed" / "demo"),
            ],
            cwd=self.repository,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServiceFailed(
                    f"passerelle demo exited with status {self.process.returncode} before serving:\n"
                    + self.log_tail())
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise ServiceFailed(f"passerelle demo did not answer /health within {timeout:.0f} s:\n" + self.log_tail())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # Graceful: the server finishes its requests, then stops its PostgreSQL cluster.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.root is not None:
            self._stop_leftover_postgres()
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def _stop_leftover_postgres(self) -> None:
        """A server killed before it stopped its cluster leaves the postmaster running: stop it."""
        pid_file = self.root / "data" / "postgres" / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGQUIT)
        except ProcessLookupError:
            return
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def request(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 30):
        """One HTTP request to the service: (status, headers, body as JSON when it is JSON, else text)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                status, headers, raw = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, headers, raw = error.code, error.headers, error.read()
        text = raw.decode("utf-8", errors="replace")
        if headers.get_content_type() == "application/json":
            return status, headers, json.loads(text) if text else None
        return status, headers, text

    def token(self, account: str) -> str:
        """A bearer token for one of the demo accounts (for setting up through the JSON API)."""
        email, password = ACCOUNTS[account]
        status, _, answer = self.request("POST", "/api/v1/auth/login", {"email": email, "password": password})
        if status != 200:
            raise ServiceFailed(f"login of {email} answered {status}: {answer}")
        return answer["token"]
