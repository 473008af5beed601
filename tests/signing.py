"""sign(doc, "Phạm Văn Đức", **kw): a leader records that one of the committee's leaders signed.

Only someone with signing authority (in the directory with a signing position) signs, and only
a user allowed to approve records it: the signer is put in the directory if missing, and the
leader's account (the admin's where the office has no leader) records the signature."""
from __future__ import annotations

SIGNERS = {"Phạm Văn Đức": "Bí thư Đảng ủy", "Nguyễn Thị Thu Hà": "Phó Bí thư Thường trực Đảng ủy"}


def sign(doc, name: str = "Phạm Văn Đức", **kw):
    from models import contacts, documents, users
    admin = users.User.get(users.User.username == "admin")
    leader = users.User.get_or_none(users.User.username == "bithu") or admin
    if contacts.resolve(None, name, kind="person") is None:
        contacts.add_contact(admin, name, "person", group="member",
                             position=SIGNERS.get(name, "Bí thư Đảng ủy"),
                             organisation="Đảng ủy xã Tân Lập")
    return documents.record_signature(leader, doc, name, **kw)
