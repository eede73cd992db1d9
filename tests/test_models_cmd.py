"""`kg models`: download through stanza's own downloader from a local HTTP server, list, remove;
a server that never answers is given up on within the timeout."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.main import app

stanza = pytest.importorskip("stanza", reason="the stanza extra is not installed")
pytestmark = pytest.mark.stanza
runner = CliRunner()


@pytest.fixture()
def model_server(tmp_path: Path):
    """Serve resources_<version>.json and a default.zip made of the tiny English model."""
    from stanza.resources.common import DEFAULT_RESOURCES_VERSION

    from tests.stanza_tiny import tiny_models

    tiny = tiny_models()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.write(tiny / "en" / "ner" / "tiny.pt", "ner/tiny.pt")
    archive = buf.getvalue()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    port = server.server_address[1]
    resources = json.loads((tiny / "resources.json").read_text())
    resources["url"] = f"http://127.0.0.1:{port}/models/{{lang}}/{{filename}}"
    resources["en"]["default_md5"] = hashlib.md5(archive).hexdigest()
    files = {
        f"/resources_{DEFAULT_RESOURCES_VERSION}.json": json.dumps(resources).encode(),
        "/models/en/default.zip": archive,
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            body = files.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_download_list_remove(model_server: str, tmp_path: Path):
    folder = tmp_path / "models"
    result = runner.invoke(
        app,
        [
            "models",
            "download",
            "en",
            "--dir",
            str(folder),
            "--resources-url",
            model_server,
            "--timeout",
            "60",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (folder / "en" / "ner" / "tiny.pt").is_file() and (folder / "resources.json").is_file()
    listed = json.loads(
        runner.invoke(app, ["models", "list", "--dir", str(folder), "-f", "json"]).output
    )
    assert listed[0]["lang"] == "en" and "ner" in listed[0]["processors"]
    from kg.nlp.stanza_backend import StanzaBackend

    assert StanzaBackend(folder).available("en")
    result = runner.invoke(app, ["models", "remove", "en", "--dir", str(folder)])
    assert result.exit_code == 0 and not (folder / "en").exists()
    result = runner.invoke(app, ["models", "remove", "en", "--dir", str(folder)])
    assert result.exit_code == 2 and "no models" in result.output


def test_silent_server_times_out(tmp_path: Path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)  # accepts connections, never answers
    port = sock.getsockname()[1]
    try:
        started = time.monotonic()
        result = runner.invoke(
            app,
            [
                "models",
                "download",
                "en",
                "--dir",
                str(tmp_path / "m"),
                "--resources-url",
                f"http://127.0.0.1:{port}",
                "--timeout",
                "2",
            ],
        )
        assert time.monotonic() - started < 20
        assert result.exit_code == 2 and "did not finish within 2 s" in result.output
    finally:
        sock.close()
