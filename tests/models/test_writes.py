"""The one write path: a refused change leaves the record and the audit log as they were."""
import pytest

from models import audit, contacts as C, writes
from models.errors import NotFound, PermissionDenied, ValidationError


def _last_entry():
    return audit.AuditEntry.select().order_by(audit.AuditEntry.seq.desc()).first()


def test_a_change_is_saved_logged_and_indexed_once(office):
    c = C.add_contact(office["clerk"], "Hội Nông dân xã")
    indexed = []
    with writes.change(office["clerk"], "directory.edit", lambda: C.get_contact(c.id), "update",
                       index=indexed.append) as ch:
        ch.record.phone = "0912 345 678"
    assert C.get_contact(c.id).phone == "0912 345 678"
    e = _last_entry()
    assert (e.action, e.table_name, e.record_id) == ("update", "contact", str(c.id))
    assert "0912 345 678" in e.new
    assert [r.id for r in indexed] == [c.id]


def test_a_refusal_inside_the_change_keeps_the_record_and_the_log(office):
    c = C.add_contact(office["clerk"], "Hội Phụ nữ xã")
    seq = _last_entry().seq
    with pytest.raises(ValidationError):
        with writes.change(office["clerk"], "directory.edit", lambda: C.get_contact(c.id), "update") as ch:
            ch.record.phone = "0000"
            ch.record.save()
            raise ValidationError("Không được.", "phone")
    assert C.get_contact(c.id).phone == "" and _last_entry().seq == seq


def test_the_permission_and_the_reason_come_before_the_record(office):
    def fetch():
        raise AssertionError("read before the checks")
    with pytest.raises(PermissionDenied):
        writes.change(office["viewer"], "directory.edit", fetch, "cancel").__enter__()
    with pytest.raises(ValidationError, match="cần ghi lý do"):
        writes.change(office["clerk"], "directory.edit", fetch, "cancel", reason="  ",
                      reason_missing="Hủy cần ghi lý do.").__enter__()
    with pytest.raises(NotFound, match="mã 999"):
        writes.get_or_refuse(C.Contact, 999, "Không tìm thấy mục danh bạ (mã 999).")
