"""``--send`` of ``dkst remind`` and ``dkst form``, and ``dkst import`` of saved e-mails, against a real SMTP
server (aiosmtpd) on 127.0.0.1: plain, STARTTLS with a throw-away certificate and a login, a dead server, a
refused address, a repeated run, a dry run."""

from __future__ import annotations

import csv
import shutil
import socket
import subprocess
from collections.abc import Iterator
from datetime import UTC
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import run_dkst

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")

AS_OF = "2023-06-01"  # H1 due by 04/6: every unit without a report yet is reminded
SENDER = "mttq.tk@gmail.com"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps every message; ``refuse`` is an address it answers 550 for."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: str | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:
        if self.refuse and address.lower() == self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def parsed(self) -> list[EmailMessage]:
        return [BytesParser(policy=policy.default).parsebytes(raw) for _, _, raw in self.messages]


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def sample(sample: Path) -> Path:
    """The sample dataset, every unit with an e-mail address but tam-thang (to be listed as not sent)."""
    path = sample / "units.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for unit in doc["units"]:
        if unit["id"] != "tam-thang" and not unit.get("email"):
            unit["email"] = f"{unit['id']}@example.vn"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return sample


def _env(port: int, **extra: str) -> dict[str, str | None]:
    env: dict[str, str | None] = {
        "DKST_SMTP_HOST": "127.0.0.1",
        "DKST_SMTP_PORT": str(port),
        "DKST_SMTP_SECURITY": "none",
        "DKST_SMTP_PASSWORD": None,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.update(extra)
    return env


def _emails(data: Path) -> dict[str, str]:
    units = yaml.safe_load((data / "units.yaml").read_text(encoding="utf-8"))["units"]
    return {u["id"]: u["email"] for u in units if u.get("email")}


def _reminded(stdout: str) -> list[str]:
    """The unit ids of the letters a remind run wrote (its stdout lists their paths)."""
    return [Path(line).stem for line in stdout.splitlines() if line.endswith(".docx")]


def remind(data: Path, port: int, *args: str, env: dict[str, str | None] | None = None) -> Any:
    proc = run_dkst(
        "remind", "--data", str(data), "--period", "H1", "--as-of", AS_OF, "--send", *args, env=env or _env(port)
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_remind_send_plain(sample: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    proc = remind(sample, port)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    letters = _reminded(proc.stdout)
    assert letters, proc.stdout
    emails = _emails(sample)
    expected = {emails[u] for u in letters if u in emails}
    got = inbox.parsed()
    assert {str(m["To"].addresses[0].addr_spec) for m in got} == expected
    assert all(sender == SENDER for sender, _, _ in inbox.messages)
    # a unit without an address is named as not sent
    assert (
        "tam-thang" in letters
        and "không gửi, đơn vị chưa có email trong units.yaml: Ủy ban MTTQ Việt Nam" in proc.stdout
    )
    msg = got[0]
    assert "Đôn đốc gửi báo cáo" in str(msg["Subject"])
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "Hạn cuối gửi báo cáo: 04/6/2023" in body.get_content()
    (att,) = list(msg.iter_attachments())
    name = att.get_filename()
    assert name is not None and name.startswith("Công văn đôn đốc báo cáo") and name.endswith(".docx")
    raw = inbox.messages[0][2].decode("ascii")
    assert "filename*=utf-8''" in raw or "filename*0*=utf-8''" in raw  # RFC 2231
    unit = next(u for u in letters if u in emails and emails[u] == msg["To"].addresses[0].addr_spec)
    assert att.get_content() == (sample / "out" / "nhac-H1" / f"{unit}.docx").read_bytes()
    # the log records every message sent
    with (sample / "out" / "nhac-H1" / "gui-thu.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["address"] for r in rows} == expected
    assert all(r["message_id"].startswith("<") and len(r["digest"]) == 64 for r in rows)
    assert f"đã gửi {len(expected)}" in proc.stderr


def test_repeat_sends_nothing_twice_and_resend_does(sample: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    first = remind(sample, port)
    assert first.returncode == 0, first.stderr
    count = len(inbox.messages)
    again = remind(sample, port)  # the same letters: the folder's letters are this run's, nothing is refused
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(inbox.messages) == count
    assert "bỏ qua, đã gửi tệp này" in again.stdout and f"bỏ qua {count}" in again.stderr
    forced = remind(sample, port, "--force")  # rewriting the letters keeps the log
    assert forced.returncode == 0 and len(inbox.messages) == count
    assert (sample / "out" / "nhac-H1" / "gui-thu.csv").exists()
    resent = remind(sample, port, "--resend")
    assert resent.returncode == 0 and len(inbox.messages) == 2 * count
    # another as-of day is another letter: a new document, sent again (with --force to replace the letters)
    later = run_dkst(
        "remind",
        "--data",
        str(sample),
        "--period",
        "H1",
        "--as-of",
        "2023-06-25",
        "--send",
        "--force",
        env=_env(port),
    )
    assert later.returncode == 0, later.stderr
    sent_later = later.stdout.count("đã gửi:")
    assert sent_later and "bỏ qua" not in later.stdout
    assert len(inbox.messages) == 2 * count + sent_later


def test_dry_run_writes_eml_and_sends_nothing(sample: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    proc = remind(sample, port, "--dry-run", env={"DKST_SMTP_HOST": None})  # no server needed for a dry run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert inbox.messages == []
    folder = sample / "out" / "nhac-H1"
    emls = sorted(folder.glob("*.eml"))
    assert emls and "không gửi thư nào" in proc.stderr
    msg = BytesParser(policy=policy.default).parsebytes(emls[0].read_bytes())
    assert str(msg["From"]).endswith(f"<{SENDER}>")
    assert not (folder / "gui-thu.csv").exists()
    assert "sẽ gửi (chạy thử, chưa gửi)" in proc.stdout and "đã gửi:" not in proc.stdout


def test_dead_server_is_one_line_per_unit(sample: Path) -> None:
    port = _free_port()  # nothing listens there
    proc = remind(sample, port)
    assert proc.returncode == 1
    emails = _emails(sample)
    letters = [u for u in _reminded(proc.stdout) if u in emails]
    failed = [line for line in proc.stdout.splitlines() if line.startswith("lỗi, chưa gửi được")]
    assert len(failed) == len(letters)
    assert all("không kết nối được máy chủ thư 127.0.0.1" in line for line in failed)
    assert not (sample / "out" / "nhac-H1" / "gui-thu.csv").exists()


def test_refused_address_others_still_sent(sample: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    dry = remind(sample, port, "--dry-run", "--lang", "en")
    emails = _emails(sample)
    letters = [u for u in _reminded(dry.stdout) if u in emails]
    assert len(letters) >= 2
    inbox.refuse = emails[letters[0]]
    proc = remind(sample, port, "--lang", "en")
    assert proc.returncode == 1
    assert "failed: " in proc.stdout and "the server refused the address" in proc.stdout
    assert len(inbox.messages) == len(letters) - 1


def test_missing_settings_are_one_line(sample: Path) -> None:
    proc = run_dkst(
        "remind", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--send", env={"DKST_SMTP_HOST": None}
    )
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "DKST_SMTP_HOST" in proc.stderr
    assert not (sample / "out").exists()  # refused before anything was written
    proc = run_dkst(
        "remind", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--send", "--format", "md", env=_env(25)
    )
    assert proc.returncode == 2 and "--send" in proc.stderr
    remote = _env(25, DKST_SMTP_HOST="smtp.example.vn")
    proc = run_dkst("remind", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--send", env=remote)
    assert proc.returncode == 2 and "DKST_SMTP_SECURITY=none" in proc.stderr


def test_keyring_without_backend_is_one_line(sample: Path, tmp_path: Path) -> None:
    """A server that asks for a login, no DKST_SMTP_PASSWORD, and a keyring with no backend."""
    inbox, port, cafile = _tls_server(tmp_path, with_auth=True)
    try:
        env = _env(port, DKST_SMTP_SECURITY="starttls", DKST_SMTP_CAFILE=str(cafile), DKST_SMTP_HOST="127.0.0.1")
        proc = remind(sample, port, env=env)
    finally:
        inbox.stop()
    assert proc.returncode == 1
    assert "kho mật khẩu" in proc.stdout and "DKST_SMTP_PASSWORD" in proc.stdout


# ---- STARTTLS and AUTH with a throw-away certificate ----


class _TlsServer:
    def __init__(self, controller: Any, inbox: Inbox) -> None:
        self.controller, self.inbox = controller, inbox

    def stop(self) -> None:
        self.controller.stop()


def _certificate(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed for a throw-away certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def _tls_server(folder: Path, with_auth: bool) -> tuple[_TlsServer, int, Path]:
    import ssl

    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = _certificate(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    inbox = Inbox()

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == SENDER.encode()
            and auth_data.password == b"mat-khau-ung-dung"
        )
        return AuthResult(success=ok, handled=False)

    port = _free_port()
    kwargs: dict[str, Any] = {"tls_context": context, "require_starttls": True}
    if with_auth:
        kwargs.update(authenticator=authenticator, auth_require_tls=True)
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return _TlsServer(controller, inbox), port, cert


def test_starttls_and_login(sample: Path, tmp_path: Path) -> None:
    server, port, cafile = _tls_server(tmp_path, with_auth=True)
    try:
        base = _env(port, DKST_SMTP_SECURITY="starttls", DKST_SMTP_CAFILE=str(cafile))
        good = remind(sample, port, env={**base, "DKST_SMTP_PASSWORD": "mat-khau-ung-dung"})
        assert good.returncode == 0, good.stdout + good.stderr
        assert server.inbox.messages and "đã gửi:" in good.stdout
        count = len(server.inbox.messages)
        bad = remind(sample, port, "--resend", env={**base, "DKST_SMTP_PASSWORD": "sai"})
        assert bad.returncode == 1 and len(server.inbox.messages) == count
        lines = [line for line in bad.stdout.splitlines() if line.startswith("lỗi")]
        assert lines and all("từ chối đăng nhập" in line for line in lines)
    finally:
        server.stop()


def test_certificate_is_checked(sample: Path, tmp_path: Path) -> None:
    """STARTTLS to a server whose certificate nobody vouches for: refused, one line per unit."""
    server, port, _ = _tls_server(tmp_path, with_auth=False)
    try:
        proc = remind(sample, port, env=_env(port, DKST_SMTP_SECURITY="starttls"))
    finally:
        server.stop()
    assert proc.returncode == 1 and server.inbox.messages == []
    assert "mã hóa" in proc.stdout


# ---- forms by e-mail, and forms back from saved e-mails ----


def test_form_send(sample: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    proc = run_dkst("form", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--send", env=_env(port))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    got = inbox.parsed()
    assert got
    (att,) = list(got[0].iter_attachments())
    name = att.get_filename() or ""
    assert name.startswith("Phiếu báo cáo") and name.endswith(".xlsx")
    again = run_dkst("form", "--data", str(sample), "--period", "H1", "--as-of", AS_OF, "--send", env=_env(port))
    assert again.returncode == 0, again.stderr
    assert len(inbox.messages) == len(got)


def _eml(form: Path, sender: str, dest: Path) -> Path:
    from datetime import datetime
    from email.utils import format_datetime

    msg = EmailMessage()
    msg["From"] = f"Phường Tam Thăng <{sender}>"
    msg["To"] = SENDER
    msg["Subject"] = "Gửi phiếu báo cáo 6 tháng"
    msg["Date"] = format_datetime(datetime(2023, 6, 3, 9, 30, tzinfo=UTC))
    msg.set_content("Kính gửi Văn phòng, đơn vị gửi phiếu đã điền.")
    msg.add_attachment(
        form.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="Phiếu báo cáo 6 tháng - Tam Thăng.xlsx",
    )
    dest.write_bytes(msg.as_bytes(policy=policy.SMTP))
    return dest


def test_import_eml(sample: Path) -> None:
    from tests.test_import import FIGURES, fill, make_form

    form = make_form(sample)
    filled = fill(form, sample.parent / "filled.xlsx", {**FIGURES, "submitted": "02/06/2023"})
    eml = _eml(filled, "mttq.tamthang@example.vn", sample.parent / "thu.eml")
    proc = run_dkst("import", "--data", str(sample), "--as-of", AS_OF, str(eml))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    written = (sample / "units" / "tam-thang" / "reports" / "H1.yaml").read_text(encoding="utf-8")
    assert 'x-nguon: "email mttq.tamthang@example.vn, 03/6/2023: Phiếu báo cáo 6 tháng - Tam Thăng.xlsx"' in written
    assert "Cảnh báo" not in proc.stdout


def test_import_eml_from_another_units_address_warns(sample: Path) -> None:
    from tests.test_import import FIGURES, fill, make_form

    form = make_form(sample)
    filled = fill(form, sample.parent / "filled.xlsx", {**FIGURES, "submitted": "02/06/2023"})
    other = _emails(sample)["hoi-nong-dan"]
    eml = _eml(filled, other, sample.parent / "thu.eml")
    proc = run_dkst("import", "--data", str(sample), "--as-of", AS_OF, "--lang", "en", str(eml))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Warning: the e-mail comes from" in proc.stdout and "hoi-nong-dan" in proc.stdout


def test_import_eml_without_form(sample: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.vn"
    msg.set_content("no attachment")
    eml = sample.parent / "empty.eml"
    eml.write_bytes(msg.as_bytes())
    proc = run_dkst("import", "--data", str(sample), "--as-of", AS_OF, str(eml))
    assert proc.returncode == 1 and "không đính kèm tệp Excel" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
