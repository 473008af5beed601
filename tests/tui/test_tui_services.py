"""Background services in the TUI: the scanner intake runs beside the screens after login,
reports in notifications, refreshes "Hôm nay", restarts when its settings change."""
from __future__ import annotations

import threading

from models import office as office_mod
from tui import areas
from tui.screens.dashboard import DashboardScreen

from screen_size import SIZE
from registers_fixtures import wait_until
from tests.intake.intake_helpers import pdf_bytes  # noqa: F401  (also used by the register tests)


def toasts(screen_text: str) -> str:
    """The notifications' text (drawn at the right after '▌'), joined across their lines."""
    return " ".join(line.split("▌", 1)[1].strip() for line in screen_text.splitlines() if "▌" in line)




async def test_scanner_intake_runs_inside_after_login(office, make_app, tmp_path, shown):
    inbox = tmp_path / "scans"
    inbox.mkdir()
    admin = office["admin"]
    office_mod.set_setting(admin, "intake.inbox", str(inbox))
    office_mod.set_setting(admin, "intake.quiet_seconds", 1)
    office_mod.set_setting(admin, "intake.polling", True)
    app = make_app(user=office["clerk"], services=True)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            assert await wait_until(pilot, lambda: "intake" in app.running_services, 5)
            (inbox / "cong-van.pdf").write_bytes(pdf_bytes("tui-test-1"))
            assert await wait_until(pilot, lambda: "Đã vào sổ văn bản đến số 1/2026: cong-van.pdf"
                                    in toasts(shown(app)), 20)
            assert isinstance(app.screen, DashboardScreen)
            # "Hôm nay" was brought up to date: the new scan waits for its details
            assert await wait_until(pilot, lambda: any(
                "Văn bản quét cần bổ sung" in line and line.split()[0] == "1"
                for line in (ln.split("▕")[-1].strip() for ln in shown(app).splitlines())), 5)
    finally:
        app.stop_services()
    assert not app.running_services
    assert not (inbox / "cong-van.pdf").exists()


class FakeService:
    def __init__(self, app, log):
        self.log = log
        log.append("start")
        cb = app.service_callback("fake")
        threading.Thread(target=cb, args=("registered", "Dịch vụ thử: đã nhận một tệp.", 1)).start()

    def stop(self):
        self.log.append("stop")


async def test_services_report_restart_on_their_settings_and_stop(office, make_app, monkeypatch, shown):
    log: list[str] = []
    monkeypatch.setattr(areas, "SERVICES", {})
    areas.register_service("fake", lambda app: FakeService(app, log), restart_on=("ui.",))
    app = make_app(user=office["admin"], services=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert await wait_until(pilot, lambda: "Dịch vụ thử: đã nhận một tệp." in toasts(shown(app)), 5)
        assert log == ["start"]
        app.settings_changed({"login.lock_minutes"})          # not its setting
        await pilot.pause(0.3)
        assert log == ["start"]
        app.settings_changed({"ui.mouse"})
        assert await wait_until(pilot, lambda: log == ["start", "stop", "start"], 5)
    app.stop_services()
    assert log == ["start", "stop", "start", "stop"]


async def test_no_services_before_login_or_when_not_asked(office, make_app, monkeypatch):
    started = []
    monkeypatch.setattr(areas, "SERVICES", {})
    areas.register_service("fake", lambda app: started.append(app) or None)
    app = make_app(services=True)                     # login screen: nothing yet
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert started == []
    app = make_app(user=office["admin"])              # tests' default: services off
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert started == []


async def test_files_no_record_points_at_are_removed_after_login(office, make_app, home,
                                                                 monkeypatch):
    """A crash between a commit and the removal of its files leaves orphans: the next start
    removes them (and records it), and never a file a record points at."""
    from models import audit, documents
    from models.filestore import FileStore
    store = FileStore(home.files)
    src = home.path / "kept.pdf"
    src.write_bytes(b"%PDF kept")
    kept = documents.store_file(store, src, "kept.pdf")
    orphan = home.files / "ab" / ("ab" * 32 + ".pdf")
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF left by a crash")
    monkeypatch.setattr(areas, "SERVICES", {"files": areas.SERVICES["files"]})
    app = make_app(user=office["clerk"], services=True)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_until(pilot, lambda: not orphan.exists(), 15)
    app.stop_services()
    assert store.path(kept.rel_path).read_bytes() == b"%PDF kept"
    assert [e for e in audit.AuditEntry.select() if e.action == "remove_orphan_files"]
