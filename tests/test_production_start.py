"""The portal started as production runs it: DEBUG off, the settings of
council/settings.py (not the test settings), static files collected into the
manifest storage, gunicorn with two workers, a signing CA made as an operator
makes it (`signing_ca create`). A fresh SQLite database with the demo data stands
in for the real one; what is checked is the path around it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


@dataclass
class Server:
    url: str
    log: Path
    env: dict[str, str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def production_server(tmp_path_factory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("production")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-check-" + "k" * 40,
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "STATIC_ROOT": str(root / "static"),
        "MEDIA_ROOT": str(root / "media"),
        "SIGNING_DEV_CA_DIR": str(root / "test-ca"),
        "SIGNING_CA_PKCS12": str(root / "ca" / "signing-ca.p12"),
        "SIGNING_CA_PASSPHRASE": "production-check-passphrase",
        "SIGNING_TSA_PKCS12": str(root / "ca" / "tsa.p12"),
        "SIGNING_TSA_PASSPHRASE": "production-tsa-passphrase",
        "PUBLIC_CACHE_DIR": str(root / "cache"),
        # Plain HTTP on loopback; everything else as in production.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
    }
    manage(env, "signing_ca", "create", "--out", env["SIGNING_CA_PKCS12"])
    manage(env, "signing_tsa", "create", "--out", env["SIGNING_TSA_PKCS12"])
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    # A demo on a production-like server has to say so.
    manage(env, "load_demo", "--allow-production")
    port = free_port()
    log = root / "gunicorn.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(gunicorn), "council.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        yield Server(url=url, log=log, env=env)
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def test_pages_refer_to_hashed_static_names_that_are_served(production_server):
    """The start page links the manifest's hashed stylesheet, which is served."""
    status, _headers, body = get(production_server.url + "/")
    assert status == 200
    page = body.decode()
    start = page.index("/static/css/site.")
    href = page[start : page.index('"', start)]
    assert href != "/static/css/site.css"
    status, headers, css = get(production_server.url + href)
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert css


def test_plan_pdf_has_noto_sans_and_its_letterhead(production_server, tmp_path):
    """/planer/ssr/2023/pdf/ from gunicorn: Noto Sans embedded, the letterhead and
    "Sida 1 (N)"; the server logged no failed stylesheet or font."""
    status, headers, data = get(production_server.url + "/planer/ssr/2023/pdf/")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    assert all("Noto-Sans" in line and " yes " in line for line in fonts), fonts
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Region Örebro län och länets kommuner" in text
    assert "Specifikt samverkansråd för skola" in text
    assert "Sida 1 (" in text
    log = production_server.log.read_text()
    assert "Failed to load" not in log
    assert "cannot be loaded" not in log


def test_deploy_check_names_the_demo_users_but_not_the_ca(production_server):
    """`check --deploy` there fails on the demo users (portal.E001); the CA made
    by `signing_ca create` passes, and the test CA was never made."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=production_server.env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "council.E00" not in result.stderr
    assert not Path(production_server.env["SIGNING_DEV_CA_DIR"]).exists()


def test_ca_certificate_and_crl_are_served(production_server):
    """/pki/ca.crt and /pki/ca.crl from gunicorn: the operator's CA, and a CRL it
    signed, with their content types and no cookie."""
    status, headers, der = get(production_server.url + "/pki/ca.crt")
    assert status == 200
    assert headers["Content-Type"] == "application/pkix-cert"
    ca = x509.load_der_x509_certificate(der)
    assert "TEST-CA" not in ca.subject.rfc4514_string()
    status, headers, data = get(production_server.url + "/pki/ca.crl")
    assert status == 200
    assert headers["Content-Type"] == "application/pkix-crl"
    assert "Set-Cookie" not in headers
    crl = x509.load_der_x509_crl(data)
    assert crl.issuer == ca.subject
    assert crl.is_signature_valid(ca.public_key())
