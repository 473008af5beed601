"""The registry the TUI is built from: areas (menu entries with a screen), actions (menu and
palette entries that do something), search openers, and the foundation's dashboard panels.

A later module plugs in with a few lines at the end of this file (or in a module it imports):

    register_area("incoming", S.AREA_INCOMING, "tui.screens.incoming:IncomingScreen",
                  hotkey="f3", twin="ctrl+n", permission="records.view", order=10)
    register_opener("incoming", lambda app, ref: app.push_screen(IncomingDetail(ref)))

and, in its ``models`` module, ``models.dashboard.register_panel(...)`` for "Hôm nay".

The screen is named as ``"module:Class"`` so it is imported only when first opened (start-up
stays light); a callable ``build(app) -> Screen`` works too. Hotkeys are an F-key plus its
Ctrl/letter twin (some SSH terminals eat F-keys); keys the whole program uses are reserved.

F-keys in use: F1 help, F2 Hôm nay, F8 Nhật ký, F9 Cài đặt, F10 menu (global);
F5–F7 are left to screens for their own actions. F3/F4 are meant for the document registers.
"""
from __future__ import annotations

import datetime as _dt
import importlib
import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable

from . import strings as S

# Keys the app itself binds everywhere: an area may not take them.
RESERVED_KEYS = frozenset({
    "f1", "question_mark", "ctrl+p", "ctrl+q", "f10", "ctrl+o", "escape", "enter", "tab",
    "shift+tab", "slash", "ctrl+s", "ctrl+c", "ctrl+b",
    # line editing keys of the text inputs (a twin must work while typing too)
    "ctrl+a", "ctrl+e", "ctrl+d", "ctrl+w", "ctrl+u", "ctrl+f", "ctrl+k", "ctrl+x", "ctrl+v",
    "ctrl+h", "ctrl+i", "ctrl+j", "ctrl+m", "ctrl+z",
})


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    screen: str | Callable[[Any], Any]     # "module:Class" or build(app) -> Screen
    hotkey: str | None = None              # an F-key, e.g. "f9"
    twin: str | None = None                # its Ctrl/letter twin, e.g. "ctrl+g"
    permission: str | None = None          # models.users permission needed to open it
    order: int = 100
    help: str = ""
    hint: str = ""                         # a key shown in the menu when there is no hotkey

    @property
    def keys(self) -> str:
        """Binding string: "f9,ctrl+g"."""
        return ",".join(k for k in (self.hotkey, self.twin) if k)

    def build(self, app):
        if callable(self.screen):
            return self.screen(app)
        module, _, cls = self.screen.partition(":")
        return getattr(importlib.import_module(module), cls)()


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    run: Callable[[Any], Any]              # run(app)
    permission: str | None = None
    order: int = 100
    help: str = ""
    needs_login: bool = True


@dataclass(frozen=True)
class Service:
    """Work that runs beside the screens while the program is open (the scanner intake).
    ``start(app)`` returns a handle with ``stop()``, or None when the service is turned off."""
    key: str
    start: Callable[[Any], Any]
    restart_on: tuple[str, ...] = ()       # setting keys (or prefixes ending in '.') that restart it


AREAS: dict[str, Area] = {}
ACTIONS: dict[str, Action] = {}
OPENERS: dict[str, Callable[[Any, int], Any]] = {}
SERVICES: dict[str, Service] = {}


def register_area(key: str, label: str, screen, *, hotkey: str | None = None, twin: str | None = None,
                  permission: str | None = None, order: int = 100, help: str = "",
                  hint: str = "") -> Area:
    for k in (hotkey, twin):
        if k is None:
            continue
        if k in RESERVED_KEYS:
            raise ValueError(f"area {key}: key {k} is reserved by the app")
        for other in AREAS.values():
            if other.key != key and k in (other.hotkey, other.twin):
                raise ValueError(f"area {key}: key {k} already opens {other.key}")
    a = Area(key, label, screen, hotkey, twin, permission, order, help, hint)
    AREAS[key] = a
    return a


def register_action(key: str, label: str, run: Callable[[Any], Any], *, permission: str | None = None,
                    order: int = 100, help: str = "", needs_login: bool = True) -> Action:
    a = Action(key, label, run, permission, order, help, needs_login)
    ACTIONS[key] = a
    return a


def register_opener(kind: str, opener: Callable[[Any, int], Any]) -> None:
    """How to open one search hit of ``kind`` (a models.search kind): opener(app, ref)."""
    OPENERS[kind] = opener


def register_service(key: str, start: Callable[[Any], Any], *, restart_on: tuple[str, ...] = ()) -> Service:
    """A background service the app starts after login (never before the first screen is up:
    start-up stays light) and stops on exit. It reports through ``app.service_event``."""
    svc = Service(key, start, restart_on)
    SERVICES[key] = svc
    return svc


def allowed(actor, permission: str | None) -> bool:
    if actor is None:
        return False
    if permission is None:
        return True
    return bool(actor.can(permission))


def visible_areas(actor) -> list[Area]:
    return sorted((a for a in AREAS.values() if allowed(actor, a.permission)),
                  key=lambda a: (a.order, a.label))


def visible_actions(actor) -> list[Action]:
    return sorted((a for a in ACTIONS.values()
                   if (not a.needs_login) or allowed(actor, a.permission)),
                  key=lambda a: (a.order, a.label))


# Textual's names of keys that are not one character, as the user reads them on the keyboard.
_KEY_NAMES = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "tab": "Tab",
              "space": "Space", "backspace": "Backspace", "delete": "Del", "insert": "Ins",
              "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
              "up": "↑", "down": "↓", "left": "←", "right": "→", "minus": "-", "plus": "+"}


def key_display(key: str | None) -> str:
    """A Textual key name as the user types it: 'f9' → 'F9', 'ctrl+g' → 'Ctrl+G', 'k' → 'K',
    'left_square_bracket' → '[', 'ctrl+end' → 'Ctrl+End', 'pageup' → 'PgUp'. The one place a
    binding's key becomes what F1 and the menu show."""
    from textual.keys import key_to_character
    if not key:
        return ""
    out = []
    for p in key.split("+"):
        if p in _KEY_NAMES:
            out.append(_KEY_NAMES[p])
        elif p in ("ctrl", "shift", "alt", "meta", "super"):
            out.append(p.capitalize())
        elif len(p) > 1 and (ch := key_to_character(p)) is not None and ch.isprintable() \
                and not ch.isspace():
            out.append(ch)                          # 'left_square_bracket' → '[', 'comma' → ','
        else:
            out.append(p.upper())
    return "+".join(out)


# --- the foundation's areas and actions -------------------------------------------------------
register_area("dashboard", S.AREA_DASHBOARD, "tui.screens.dashboard:DashboardScreen",
              hotkey="f2", twin="ctrl+t", order=0, help=S.AREA_DASHBOARD_HELP)
register_area("search", S.AREA_SEARCH, "tui.screens.search:SearchScreen",
              order=80, help=S.AREA_SEARCH_HELP, hint="/")
register_area("audit", S.AREA_AUDIT, "tui.screens.audit:AuditScreen",
              hotkey="f8", twin="ctrl+l", permission="audit.view", order=90, help=S.AREA_AUDIT_HELP)
register_area("settings", S.AREA_SETTINGS, "tui.screens.settings:SettingsScreen",
              hotkey="f9", twin="ctrl+g", permission="settings.edit", order=95,
              help=S.AREA_SETTINGS_HELP)
register_area("backups", S.AREA_BACKUPS, "tui.screens.backups:BackupScreen",
              permission="settings.edit", order=96, help=S.AREA_BACKUPS_HELP)

register_action("password", S.ACTION_PASSWORD, lambda app: app.action_change_password(),
                order=10, help=S.ACTION_PASSWORD_HELP)
register_action("logout", S.ACTION_LOGOUT, lambda app: app.action_logout(),
                order=20, help=S.ACTION_LOGOUT_HELP)
register_action("help", S.ACTION_HELP, lambda app: app.action_help(),
                order=30, help=S.ACTION_HELP_HELP, needs_login=False)
register_action("quit", S.ACTION_QUIT, lambda app: app.exit(),
                order=40, help=S.ACTION_QUIT_HELP, needs_login=False)


# --- background services ---------------------------------------------------------------------
def _start_intake(app):
    """The scanner folder, watched inside the TUI when setting intake.run_in_tui is on."""
    from models import office
    if "intake.run_in_tui" not in office.SETTINGS or not office.get_setting("intake.run_in_tui"):
        return None
    from intake.service import IntakeService     # imports watchdog: only now, after login
    svc = IntakeService(app.home, on_event=app.service_callback("intake"))
    svc.start()                                   # VanphongError (Vietnamese) if the inbox is unusable
    return svc


register_service("intake", _start_intake, restart_on=("intake.",))


class SafetyChild:
    """Work of models.safety in a child process (``safety.ChildRun``), waited for by a thread of
    its own that passes the child's events on as the service ``key``. The child, not the
    program, pays for a backup's memory (OpenSSL, tar, its SQLite cache): it goes back when the
    child ends.

    Registered as the service "safety": the start-up duties (quick check; the day's first
    start: anchor and backup), so logging in never waits for a backup. ``SafetyTask`` is the
    same for what someone asks on the Sao lưu screen."""

    def __init__(self, app, key: str = "safety", task: tuple[str, ...] = (),
                 thread_name: str = "vanphong-safety"):
        import threading

        from models import safety
        self._cancel = threading.Event()
        self._say = app.service_callback(key)
        self.task = task
        self.child = safety.ChildRun(app.home, on_event=self._say, task=task)
        self._thread = threading.Thread(target=self._run, name=thread_name, daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        from models.db import db
        try:
            self.child.run(self._cancel)
        except Exception as e:                  # never a traceback over the screen
            self._say("error", str(e))
        finally:
            if not db.is_closed():
                db.close()                      # this thread's own connection (after a kill)
            self.finished()

    def finished(self) -> None:
        """Hook: the child has ended (or never started)."""

    def stop(self) -> None:
        """The child is asked to stop: a backup under way stops between two files (its
        temporary file is removed); one that does not stop in time is killed and what it
        left is removed."""
        self._cancel.set()
        self._thread.join(self.child.grace + 5)


register_service("safety", SafetyChild, restart_on=("backup.",))


class SafetyTask(SafetyChild):
    """A backup, or a backup's check, someone asked for (the Sao lưu screen; ``task`` as
    ``ChildRun`` takes it). It is kept in ``app.running_services`` under "backup", so closing
    the program stops it as it stops the services. Its events come as the service "backup";
    the last one is an "info" with ``DONE`` as its ref."""

    KEY = "backup"
    DONE = "done"

    def __init__(self, app, task: tuple[str, ...]):
        super().__init__(app, self.KEY, task, "vanphong-backup")

    @classmethod
    def start(cls, app, task: tuple[str, ...]) -> "SafetyTask | None":
        """Start ``task`` unless one is still running (then None, and the clerk is told)."""
        from models import safety
        running = app.running_services.get(cls.KEY)
        if running is not None and running.running:
            app.notify(safety.BUSY, severity="warning")
            return None
        handle = cls(app, task)
        app.running_services[cls.KEY] = handle
        return handle

    def finished(self) -> None:
        self._say("info", "", self.DONE)


class _Once:
    """A service that does one piece of work in its own thread and ends."""

    def __init__(self, work: Callable[[], Any], name: str):
        self._thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)
        self._thread.start()

    @staticmethod
    def _run(work) -> None:
        from models.db import db
        try:
            work()
        except Exception:                     # tidying must never trouble the clerk
            logging.getLogger("vanphong.files").exception("background work failed")
        finally:
            db.close()                        # this thread's connection

    def stop(self, timeout: float = 10.0) -> None:
        self._thread.join(timeout)


def _start_file_sweep(app):
    """Once per start: files in the office's store that no record points at (a save rolled
    back after its file was put in place, a crash between a commit and the removal of its
    files) are removed, and the removal recorded in the audit log."""
    from models import documents
    from models.filestore import FileStore
    store = FileStore(app.home.files)
    return _Once(lambda: documents.remove_orphans(store), "vanphong-files")


register_service("files", _start_file_sweep)


# --- the foundation's dashboard panels --------------------------------------------------------
def _accounts_panel(actor, today: _dt.date):
    """For those who manage accounts: how many are in use, and who is locked out."""
    from models import users
    from models.dashboard import Panel
    if not users.can(actor, "users.manage"):
        return None
    now = _dt.datetime.now()
    everyone = users.list_users()
    active = [u for u in everyone if u.active]
    lines = [S.PANEL_ACCOUNTS_ACTIVE.format(n=len(active))]
    locked = [u for u in active if u.locked_until is not None and u.locked_until > now]
    for u in locked[:3]:
        lines.append(S.PANEL_ACCOUNTS_LOCKED.format(username=u.username,
                                                     time=u.locked_until.strftime("%H:%M")))
    for u in [u for u in everyone if not u.active][:2]:
        lines.append(S.PANEL_ACCOUNTS_DISABLED.format(username=u.username))
    return Panel(S.PANEL_ACCOUNTS, len(active), lines, area="settings",
                 severity="warning" if locked else "info")


def _audit_panel(actor, today: _dt.date):
    from models import audit, users
    from models.dashboard import Panel
    if not users.can(actor, "audit.view"):
        return None
    n = audit.count_on(today)
    line = S.PANEL_AUDIT_LINE.format(n=n) if n else S.PANEL_AUDIT_NONE
    return Panel(S.PANEL_AUDIT, n, [line], area="audit")


def _register_panels() -> None:
    from models.dashboard import register_panel
    register_panel(900, "foundation.accounts", _accounts_panel)
    register_panel(910, "foundation.audit", _audit_panel)


_register_panels()


# --- the registers (sổ văn bản đến, đi, mật; hồ sơ; con dấu; danh bạ; máy quét) ---------------
register_area("incoming", S.AREA_INCOMING, "tui.screens.incoming:IncomingScreen",
              hotkey="f3", twin="ctrl+n", permission="records.view", order=10,
              help=S.AREA_INCOMING_HELP)
register_area("outgoing", S.AREA_OUTGOING, "tui.screens.outgoing:OutgoingScreen",
              hotkey="f4", twin="ctrl+r", permission="records.view", order=20,
              help=S.AREA_OUTGOING_HELP)
register_area("secret", S.AREA_SECRET, "tui.screens.secret:SecretScreen",
              permission="secret.view", order=30, help=S.AREA_SECRET_HELP)
register_area("dossiers", S.AREA_DOSSIERS, "tui.screens.dossiers:DossierScreen",
              permission="records.view", order=40, help=S.AREA_DOSSIERS_HELP)
register_area("seal", S.AREA_SEAL, "tui.screens.seal:SealScreen",
              permission="records.view", order=50, help=S.AREA_SEAL_HELP)
register_area("directory", S.AREA_DIRECTORY, "tui.screens.directory:DirectoryScreen",
              permission="records.view", order=60, help=S.AREA_DIRECTORY_HELP)
register_area("intake", S.AREA_INTAKE, "tui.screens.intake:IntakeScreen",
              permission="records.view", order=70, help=S.AREA_INTAKE_HELP)


def _lazy_opener(module: str, name: str) -> Callable[[Any, int], Any]:
    """An opener whose screen module is imported only when a hit is opened."""
    def opener(app, ref: int):
        return getattr(importlib.import_module(module), name)(app, ref)
    return opener


for _kind in ("incoming", "secret_incoming"):
    register_opener(_kind, _lazy_opener("tui.screens.incoming", "open_incoming"))
for _kind in ("outgoing", "secret_outgoing"):
    register_opener(_kind, _lazy_opener("tui.screens.outgoing", "open_outgoing"))
register_opener("contact", _lazy_opener("tui.screens.directory", "open_contact"))
register_opener("dossier", _lazy_opener("tui.screens.dossiers", "open_dossier"))

from . import area_dues  # noqa: E402,F401  members, dues, cash book, assets
from . import area_meetings  # noqa: E402,F401  (committee meetings and their minutes)
from . import area_reception  # noqa: E402,F401  (reception book, reception days, ad-hoc requests)
from . import area_programs  # noqa: E402,F401  (schedule, programs, reports, statistics, drafting)
