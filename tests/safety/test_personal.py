"""One person's data: found across the areas, exported for them, anonymised where allowed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import audit, contacts, documents, personal
from models.errors import PermissionDenied, ValidationError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def person(office):
    admin = office["admin"]
    c = contacts.add_contact(admin, "Nguyễn Văn Bình", kind="person", position="Bí thư Chi bộ",
                             phone="0912 345 678", email="binh@example.vn", group="member")
    documents.register_incoming(office["clerk"], sender="Chi bộ thôn Đồng Tâm",
                                summary="Đơn xin chuyển sinh hoạt",
                                handler="Nguyễn Văn Bình")
    documents.register_incoming(office["clerk"], sender="Huyện ủy", summary="Không liên quan")
    return c


def test_find_spans_the_areas_and_ignores_accents(office, person):
    found = personal.find_person(office["admin"], "nguyen van binh")
    areas = sorted(f.area for f in found)
    assert areas == ["Danh bạ", "Sổ văn bản đến"]
    inc = next(f for f in found if f.area == "Sổ văn bản đến")
    assert inc.fields == {"Người xử lý": "Nguyễn Văn Bình"} and not inc.can_anonymise
    with pytest.raises(PermissionDenied):
        personal.find_person(office["clerk"], "Bình")


def test_export_writes_the_records_and_logs_the_reason(office, person, tmp_path):
    path, n = personal.export_person(office["admin"], "Nguyễn Văn Bình", tmp_path / "binh.json",
                                     "Theo đơn đề nghị ngày 01/12/2026")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert n == 2 and data["records"][0]["data"]["Điện thoại"] == "0912 345 678"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    last = audit.recent(office["admin"], limit=1)[0]
    assert last.action == "personal.export" and "Theo đơn đề nghị" in last.new
    with pytest.raises(ValidationError):
        personal.export_person(office["admin"], "Bình", tmp_path / "x.json", "")


def test_anonymise_a_directory_entry_but_never_a_register(office, person):
    erased = personal.anonymise(office["admin"], "contact", person.id, "Người này yêu cầu xóa")
    assert set(erased) == {"name", "phone", "email"}
    c = contacts.Contact.get_by_id(person.id)
    assert c.name.startswith(personal.ANONYMOUS) and c.phone == "" and not c.active
    last = audit.recent(office["admin"], limit=1)[0]
    assert last.action == "personal.anonymise" and "0912" not in (last.new or "")
    assert audit.verify().ok
    assert [f.area for f in personal.find_person(office["admin"], "Nguyễn Văn Bình")] == ["Sổ văn bản đến"]
    doc = documents.Incoming.select().first()
    with pytest.raises(ValidationError, match="không ẩn danh được"):
        personal.anonymise(office["admin"], "incoming", doc.id, "Người này yêu cầu xóa")


def test_cli_find_and_export(office, person, home, tmp_path):
    env = {**os.environ, "VANPHONG_PASSWORD": "matkhau-2026",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    def run(*a):
        return subprocess.run([sys.executable, "-m", "tui.cli", "personal", *map(str, a),
                               "--home", home.path, "--user", "admin"], cwd=ROOT, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    p = run("find", "Bình")
    assert p.returncode == 0 and "Danh bạ" in p.stdout and f"contact {person.id}" in p.stdout
    p = run("export", "Bình", "--out", tmp_path / "b.json", "--reason", "Theo đơn ngày 01/12/2026")
    assert p.returncode == 0 and (tmp_path / "b.json").exists()
