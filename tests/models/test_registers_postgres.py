"""The registers on PostgreSQL: numbering, lists by keyset, search in the list and across
registers, the directory's type-ahead, exports."""
import datetime as dt

from signing import sign

# fixtures pg, pg_office: tests/conftest.py


def test_registers_on_postgres(pg_office, tmp_path):
    from models import contacts, documents as D, exports, registers as R, seal
    clerk, admin = pg_office["clerk"], pg_office["admin"]
    assert [t.code for t in D.list_doc_types()][:2] == ["NQ", "QĐ"]
    for i in range(12):
        D.register_incoming(clerk, arrived_at=dt.datetime(2026, 3, 2 + i, 9), sender="Huyện ủy Yên Sơn",
                            registered_at=dt.datetime(2026, 3, 2 + i, 10),
                            summary=f"Văn bản {i}" + (" về Đảng phí" if i % 3 == 0 else ""))
    src = D.IncomingSource(admin)
    first = src.fetch(None, 5)
    second = src.fetch(first[-1][0], 5)
    assert [c[0] for _, c in first + second] == [str(n) for n in range(12, 2, -1)]
    assert D.IncomingSource(admin, "ĐẢNG PHÍ").count() == 4
    assert D.reserve_number(clerk, "BC", summary="Báo cáo Đảng phí").symbol == "01-BC/ĐU"
    o = D.reserve_number(clerk, "BC", summary="Báo cáo quý")
    sign(o, "Phạm Văn Đức", signer_position="Bí thư", authority="T/M")
    seal.record_use(clerk, o, 2)
    assert {f.kind for f in R.search_all(admin, "dang phi")} == {"incoming", "outgoing"}
    contacts.add_contact(clerk, "Ủy ban nhân dân xã Tân Lập", abbr="UBND xã", group="government")
    assert [c.name for c in contacts.find_contacts("uy ban")] == ["Ủy ban nhân dân xã Tân Lập"]
    assert exports.export(admin, "incoming", "csv", tmp_path / "den.csv", year=2026) == 12
