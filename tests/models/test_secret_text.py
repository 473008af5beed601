"""Secret text stays on paper: never in the audit log, never in the search index, never kept as
the content of a secret outgoing document; an office written before this rule is cleaned when it
opens, and its audit chain still verifies."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from models import audit, db as dbm, documents as D, search
from models.errors import ValidationError

T = dt.datetime
SECRET_WORDS = "Phương án di dời kho vũ khí"


def log_text() -> str:
    return "\n".join(f"{e.old or ''} {e.new or ''}" for e in audit.AuditEntry.select())


def index_text() -> str:
    rows = dbm.db.execute_sql("SELECT title, body FROM search_fts").fetchall()
    return "\n".join(f"{t} {b}" for t, b in rows)


def test_raising_to_tuyet_mat_hides_the_old_summary_in_the_log(office):
    clerk = office["clerk"]
    d = D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Tỉnh ủy", summary=SECRET_WORDS,
                            notes="ghi chú kín")
    assert SECRET_WORDS in log_text()                      # an ordinary document: logged as typed
    D.update_incoming(clerk, d, secrecy="Tuyệt mật", reason="Cấp trên đóng dấu Tuyệt mật")
    assert D.get_incoming(d.id).summary == ""
    text = log_text()
    assert SECRET_WORDS not in text and "ghi chú kín" not in text
    # the entries still say the fields were there and changed, with a digest to match the paper
    create = [e for e in audit.entries_for("incoming", d.id) if e.action == "create"][0]
    assert json.loads(create.new)["summary"] == audit.redacted(SECRET_WORDS)
    assert audit.redacted(SECRET_WORDS).startswith("(đã ẩn, sha256 ")
    update = [e for e in audit.entries_for("incoming", d.id) if e.action == "update"][-1]
    assert json.loads(update.old)["summary"] == audit.redacted(SECRET_WORDS)
    assert json.loads(update.new)["summary"] == ""
    # the chain was re-anchored, verifies, and says so
    assert audit.verify().ok
    anchor = audit.AuditEntry.select().where(audit.AuditEntry.action == "reanchor").get()
    assert "Tuyệt mật" in json.loads(anchor.new)["reason"]
    assert len(json.loads(anchor.old)["head_hash"]) == 64
    with pytest.raises(Exception, match="append-only"):     # the guard is back in place
        dbm.db.execute_sql("UPDATE audit_entry SET username = 'x'")


def test_a_secret_documents_changes_are_logged_hidden(office):
    admin = office["clerk"]           # named to the secret book
    d = D.register_incoming(admin, arrived_at=T(2026, 3, 5, 9), sender="Công an tỉnh",
                            summary=SECRET_WORDS, secrecy="Mật")
    D.update_incoming(admin, d, summary="Kế hoạch tuần tra biên giới", reason="sửa trích yếu")
    o = D.reserve_number(admin, "BC", summary="Báo cáo kín", secrecy="Tối mật", content_on_paper=True)
    D.update_outgoing(admin, o, notes="bàn giao tay", reason="")
    text = log_text()
    for secret in (SECRET_WORDS, "Kế hoạch tuần tra", "Báo cáo kín", "bàn giao tay"):
        assert secret not in text
    assert "Công an tỉnh" in text                        # metadata is logged as usual
    assert audit.verify().ok


def test_a_secret_outgoing_document_keeps_no_text(office):
    clerk = office["clerk"]
    with pytest.raises(ValidationError) as e:
        D.reserve_number(clerk, "BC", summary="Báo cáo", secrecy="Mật", content="Toàn văn báo cáo")
    assert e.value.field == "content" and "bản giấy" in e.value.message
    o = D.reserve_number(clerk, "BC", summary="Báo cáo", content="Toàn văn báo cáo")
    with pytest.raises(ValidationError):
        D.update_outgoing(clerk, o, content="Thêm nội dung", secrecy="Tối mật")
    o = D.update_outgoing(clerk, o, secrecy="Tối mật")     # raised: the text goes, the paper has it
    o = D.get_outgoing(o.id)
    assert o.content == "" and o.content_on_paper
    assert "Toàn văn báo cáo" not in log_text()
    assert audit.verify().ok


def test_secret_text_never_enters_the_index(office):
    clerk = office["clerk"]
    D.register_incoming(clerk, arrived_at=T(2026, 3, 5, 9), sender="Công an tỉnh", summary=SECRET_WORDS,
                        notes="ghi chú kín", secrecy="Mật")
    D.reserve_number(clerk, "BC", summary="Báo cáo kín đáo", secrecy="Mật", recipients="Công an tỉnh")
    o = D.reserve_number(clerk, "BC", summary="Báo cáo sẽ mật", notes="ghi chú sẽ mật")
    D.update_outgoing(clerk, o, secrecy="Mật")
    text = index_text()
    for secret in ("vu khi", "ghi chu", "kin dao", "se mat"):
        assert secret not in text
    assert "cong an tinh" in text                          # the metadata, for those allowed


def _write_like_an_old_version(office):
    """What an office written before this rule holds: secret text in the log, the index and an
    outgoing document's content."""
    admin = office["clerk"]           # named to the secret book
    d = D.register_incoming(admin, arrived_at=T(2026, 3, 5, 9), sender="Công an tỉnh", summary="x",
                            secrecy="Mật")
    o = D.reserve_number(admin, "BC", summary="y", secrecy="Mật", content_on_paper=True)
    D.register_incoming(admin, arrived_at=T(2026, 3, 5, 10), sender="Huyện ủy", summary="Công khai")
    D.Incoming.update(summary=SECRET_WORDS).where(D.Incoming.id == d.id).execute()
    D.Outgoing.update(summary="Báo cáo kín đáo", content="Toàn văn kín đáo",
                      content_on_paper=False).where(D.Outgoing.id == o.id).execute()
    audit.append(admin, "update", "incoming", d.id, {"summary": "x"}, {"summary": SECRET_WORDS})
    audit.append(admin, "update", "outgoing", o.id, {"content": ""}, {"content": "Toàn văn kín đáo"})
    search.index("secret_incoming", d.id, f"Số đến 1/2026: {SECRET_WORDS}", "Công an tỉnh")
    search.index("secret_outgoing", o.id, "01-BC/ĐU: Báo cáo kín đáo", "Toàn văn kín đáo")
    audit.append(admin, "login", "user_account", admin.id)   # later entries, re-hashed too
    dbm.db.execute_sql("DELETE FROM schema_version WHERE version >= 5")
    return d, o


def test_the_migration_cleans_an_existing_office(office, home):
    d, o = _write_like_an_old_version(office)
    head = audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first().hash
    assert SECRET_WORDS in log_text() and "vu khi" in index_text()
    dbm.close_database()
    dbm.open_database(home.db_url)                          # the upgrade runs here

    assert dbm.current_version(dbm.db.obj) == dbm.LATEST_SCHEMA
    for secret in (SECRET_WORDS, "Toàn văn kín đáo", "Báo cáo kín đáo"):
        assert secret not in log_text()
    assert "Công khai" in log_text()                       # ordinary text is left alone
    for secret in ("vu khi", "kin dao"):
        assert secret not in index_text()
    assert "cong an tinh" in index_text()
    o = D.get_outgoing(o.id)
    assert o.content == "" and o.content_on_paper
    assert D.get_incoming(d.id).summary == SECRET_WORDS    # the register itself keeps its summary
    assert audit.verify().ok
    anchor = audit.AuditEntry.select().where(audit.AuditEntry.action == "reanchor").get()
    assert json.loads(anchor.old) == {"head_hash": head}
    assert "nâng cấp" in json.loads(anchor.new)["reason"]
    # the program's own check agrees
    dbm.close_database()
    p = subprocess.run([sys.executable, "-m", "tui.cli", "audit", "verify", "--home", str(home.path)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    dbm.open_database(home.db_url)


def test_the_secret_register_still_filters_by_its_summary_for_those_allowed(office):
    """Not from the index: the secret register reads its own summaries, for those who see it."""
    d = D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="Công an tỉnh",
                            summary=SECRET_WORDS, secrecy="Mật")
    D.register_incoming(office["clerk"], arrived_at=T(2026, 3, 5, 9), sender="Huyện ủy",
                        summary="Kho lưu trữ")
    assert [r.id for r in D.IncomingSource(office["leader"], "kho vu", secret=True).rows()] == [d.id]
    # the ordinary book lists its own arrivals; the secret one numbers and lists its own
    assert D.IncomingSource(office["leader"], "kho vu").rows() == []
    assert D.IncomingSource(office["clerk"], "kho vu").rows() == []
    assert search.ids("kho vu", "secret_incoming") == []        # still not in the index
