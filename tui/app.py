"""The Textual application: who is logged in, which screen comes first, the global keys, the
command palette, and how an error from the models is shown.

First screen: the set-up wizard when the office is not configured, else the login; after login,
"Hôm nay" (the dashboard). Areas (tui.areas) open on top of the dashboard; Esc comes back.
The app holds the logged-in user (``actor``) that every screen passes to every models call.

Clock: ``today``/``clock`` may be injected (tests, snapshots); screens ask ``app.today()`` and
``app.now()``, never the system clock.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import Any, Callable

from textual._compositor import CompositorUpdate
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme

from models.errors import VanphongError

from . import areas
from . import strings as S
from .frames import SentFrame
from .memory import GiveBack
from .theme import THEME


def _palette_provider():
    from .screens.palette import VanphongCommands
    return VanphongCommands


class VanphongApp(App[int]):
    CSS_PATH = "vanphong.tcss"
    TITLE = S.APP_TITLE
    COMMANDS = {_palette_provider}
    BINDINGS = [
        Binding("f1,question_mark", "help", S.KEY_HELP, key_display="F1", tooltip=S.TIP_HELP),
        Binding("ctrl+p", "command_palette", S.KEY_PALETTE, key_display="^p", show=False,
                priority=True, tooltip=S.TIP_PALETTE),
        Binding("f10,ctrl+o", "menu", S.KEY_MENU, key_display="F10", tooltip=S.TIP_MENU),
        Binding("ctrl+q", "quit", S.KEY_QUIT, key_display="^q", priority=True, tooltip=S.TIP_QUIT),
        Binding("ctrl+b", "redraw", S.KEY_REDRAW, key_display="^b", show=False, priority=True,
                tooltip=S.TIP_REDRAW),
    ]

    def __init__(self, home=None, *, today: _dt.date | None = None,
                 clock: Callable[[], _dt.datetime] | None = None, user=None,
                 services: bool = False):
        super().__init__()
        from models.home import private_umask
        private_umask()                           # all the program creates is owner-only
        self.home = home
        self._today = today
        self._clock = clock
        self.actor = user
        self.office_name = ""
        self.open_failure: BaseException | None = None   # run_tui raises it once the screen is gone
        self.services_enabled = services          # run_tui: True; tests leave the inbox alone
        self.running_services: dict[str, Any] = {}
        self.give_back = GiveBack(self)           # a closed screen's memory, once the user pauses
        # what the terminal shows (tui.frames); VANPHONG_FULL_FRAMES=1: Textual's full output
        self._sent_frame = SentFrame(enabled=not os.environ.get("VANPHONG_FULL_FRAMES"))
        self._use_theme(THEME)
        for area in areas.AREAS.values():
            if area.keys:
                self.bind(area.keys, f"open_area('{area.key}')", description=area.label,
                          show=False, key_display=areas.key_display(area.hotkey or area.twin))
        # a current office's login paints before the database opens (peewee, the office's
        # modules, the schema check: ~10 % of a start); the office's name meanwhile is the
        # one remembered from the last start, so nothing on the screen changes as it opens
        self._open_after_paint = self._can_open_after_paint()
        if self._open_after_paint:
            self.office_name = home.last_known_name()
        else:
            self._open_database()

    def _use_theme(self, theme: Theme) -> None:
        """Start in our theme without Textual parsing the whole stylesheet twice.

        Assigning ``self.theme`` runs the theme watcher, which queues ``refresh_css``: a re-parse
        of every stylesheet from scratch (a fresh Stylesheet, no parse cache) before the first
        paint — ~15 ms of a ~350 ms start. Nothing is parsed yet at this point, so setting the
        value without its watcher and giving the stylesheet the theme's variables is enough;
        the rest is what ``App._watch_theme`` does (theme classes, the ANSI filter: an ANSI
        theme must not be converted to true colour — tests/e2e/test_terminal.py)."""
        self.register_theme(theme)
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        for name in [c for c in self.classes if c.startswith("-theme-")]:
            self.remove_class(name, update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)   # Textual-private: revisit on upgrade

    @property
    def _background_screens(self) -> list:
        """Screens that show through the top one: none when the top screen is opaque.

        Textual counts the screen right under the top one as visible whatever the top one's
        background, so every resize re-lays it out and repaints the top screen in full for it
        — at start-up two more full paints of the login screen (~3 KB each over SSH) under
        which lies only Textual's blank default screen; later, the dashboard under every
        area. Dialogs (ModalScreen, transparent) still show the screen under them. A screen
        that was covered is laid out again and repainted when it comes back on top (Textual's
        ScreenResume), as screens deeper in the stack always are."""
        stack = self._screen_stack
        if stack and stack[-1].styles.background.a >= 1:
            return []
        return App._background_screens.fget(self)   # Textual-private: revisit on upgrade

    # --- what is written to the terminal (tui.frames) --------------------------------------------
    def _display(self, screen, renderable) -> None:
        """Updates go out as the cells that changed (tui.frames: a screen change costs a third
        of the bytes over SSH). Only what Textual really writes is remembered: nothing while
        updates are batched, headless (tests) or inline."""
        if (isinstance(renderable, CompositorUpdate) and not self._batch_count
                and self._running and not self._closed and not self.is_headless
                and self._driver is not None and not self._driver.is_inline):
            try:
                renderable = self._sent_frame.filter(renderable, self.size.width, self.console)
            except Exception:                 # an optimisation must never stop the program:
                self._sent_frame.fallbacks += 1
                self._sent_frame.forget()     # write Textual's update as it is
                self.log.error("tui.frames failed; the update is written whole")
        super()._display(screen, renderable)              # Textual-private: revisit on upgrade

    def action_redraw(self) -> None:
        """Ctrl+B: paint the whole screen again (the terminal shows something else after a
        network hiccup, a message from the system, …)."""
        self._sent_frame.forget()
        self.screen.refresh()

    def on_resize(self, event) -> None:
        self._sent_frame.forget()        # a terminal may clear or reflow on a resize

    # --- clock --------------------------------------------------------------------------------
    def now(self) -> _dt.datetime:
        if self._clock is not None:
            return self._clock()
        if self._today is not None:
            return _dt.datetime.combine(self._today, _dt.datetime.now().time())
        return _dt.datetime.now()

    def today(self) -> _dt.date:
        if self._today is not None:
            return self._today
        return self.now().date()

    # --- the office ---------------------------------------------------------------------------
    def _can_open_after_paint(self) -> bool:
        """Only for the login of an office that exists on this PC (its SQLite file): a new
        home goes to the wizard, a server database may fail to connect (one line before the
        screen starts is clearer), a given user goes straight to the dashboard, and a database
        already opened by the caller (tests, commands) is used as it is."""
        opened = sys.modules.get("models.db")
        if opened is not None and opened.db.obj is not None:
            return False
        return (self.home is not None and self.actor is None
                and not os.environ.get("VANPHONG_DB_URL") and self.home.db_path.is_file())

    def _open_database(self) -> None:
        from models.db import db, open_database
        if db.obj is None and self.home is not None:
            # a current database paints the first screen before every area's module loads
            open_database(self.home.db_url, defer_load=True)

    @property
    def opening_office(self) -> bool:
        """The login is shown and the office's database not open yet (open_office)."""
        return self._open_after_paint

    def wants_mouse(self) -> bool:
        """Setting ui.mouse (off by default: every mouse move costs bytes over SSH). Before the
        database is open: off; it is turned on once the office is open (_office_opened)."""
        if self._open_after_paint:
            return False
        from models import office
        return bool(office.get_setting("ui.mouse"))

    def refresh_office(self) -> None:
        from models import office
        o = office.get_office()
        self.office_name = o.name if o is not None else ""
        if self.home is not None:
            self.home.remember_name(self.office_name)

    def on_mount(self) -> None:
        # back from Ctrl+Z: the shell used the terminal, send the next frame whole
        self.app_resume_signal.subscribe(self, lambda _app: self._sent_frame.forget())
        if self._open_after_paint:
            from .screens.login import LoginScreen
            self.push_screen(LoginScreen())
            self.call_after_refresh(self.open_office)
            return
        self._office_opened(login_shown=False)

    def open_office(self) -> bool:
        """The database of an office whose login is already painted (_can_open_after_paint).
        Called after the first paint and by the login before it checks a password (keys typed
        ahead). A database that cannot be opened closes the screen; run_tui then says why in
        one line, as it does for one found unusable before the screen starts."""
        if not self._open_after_paint:
            return self.open_failure is None
        self._open_after_paint = False
        from models.errors import is_database_busy
        try:
            self._open_database()
        except Exception as e:
            if not isinstance(e, (VanphongError, OSError)) and not is_database_busy(e):
                raise
            self.open_failure = e
            self.exit(return_code=2)
            return False
        return self._office_opened(login_shown=True)      # False: the wizard, not the login

    def _office_opened(self, login_shown: bool) -> bool:
        """What follows the opening of the office's database; whether the office is set up."""
        from models import office
        from models.db import load_all
        self.call_after_refresh(load_all)   # while the clerk types; login() needs it loaded
        shown = self.office_name
        self.refresh_office()
        if self.office_name != shown:     # renamed since the last start (or the first start)
            for screen in self.screen_stack:
                if hasattr(screen, "office_changed"):
                    screen.office_changed()
        if login_shown and self.wants_mouse():
            self._turn_mouse_on()
        if getattr(self.home, "tightened", 0):      # an old home made owner-only when opened
            self.notify(self.home.tightened_notice(), severity="warning", timeout=20)
        if not office.is_configured():
            from .screens.wizard import WizardScreen
            if login_shown:                 # a database file, but nobody set the office up
                self.switch_screen(WizardScreen())
            else:
                self.push_screen(WizardScreen())
            return False
        if login_shown:                     # the login is already there
            return True
        if self.actor is not None:
            load_all()                      # straight to the dashboard: every area's panels
            self.push_screen(self._dashboard())
            self.set_timer(0.1, self.start_services)  # app timer: see start_services
        else:
            from .screens.login import LoginScreen
            self.push_screen(LoginScreen())
        return True

    def _turn_mouse_on(self) -> None:
        """Setting ui.mouse on, read once the office is open: the terminal starts reporting
        the mouse (the driver was started without it)."""
        driver = self._driver
        enable = getattr(driver, "_enable_mouse_support", None)   # Textual-private: revisit on upgrade
        if driver is None or getattr(driver, "_mouse", True) or enable is None:
            return
        driver._mouse = True
        enable()

    def _dashboard(self):
        from .screens.dashboard import DashboardScreen
        return DashboardScreen()

    # --- logging in and out -------------------------------------------------------------------
    def show_login(self, username: str = "") -> None:
        from .screens.login import LoginScreen
        self.refresh_office()
        self._pop_to_base()
        self.switch_screen(LoginScreen(username))

    def login(self, user) -> None:
        from models.db import load_all
        load_all()
        self.actor = user
        self._pop_to_base()
        self.switch_screen(self._dashboard())
        self.set_timer(0.1, self.start_services)  # app timer: see start_services

    def action_logout(self) -> None:
        self.actor = None
        self.show_login()
        self.notify(S.LOGGED_OUT)

    def action_change_password(self) -> None:
        if self.actor is None:
            return
        from .screens.users import OwnPasswordDialog
        self.push_screen(OwnPasswordDialog(self.actor))

    # --- background services (tui.areas.register_service) -----------------------------------------
    def start_services(self, keys=None) -> None:
        """Start the registered services not running yet (after login, once the screen is up).

        Scheduled with an app timer, not call_after_refresh: Textual runs an app's
        call_after_refresh on the screen current at that moment, so a clerk who opens another
        screen at once (F3 right after logging in) left it waiting on a hidden dashboard and the
        scanner intake never started."""
        if not self.services_enabled or self.home is None:
            return
        for key, svc in areas.SERVICES.items():
            if (keys is not None and key not in keys) or key in self.running_services:
                continue
            try:
                handle = svc.start(self)
            except VanphongError as e:                 # e.g. the scanner folder is unusable
                self.notify(e.message, title=S.SERVICE_PROBLEM, severity="error", timeout=15)
                continue
            if handle is not None:
                self.running_services[key] = handle

    def stop_services(self, keys=None) -> None:
        for key in list(self.running_services):
            if keys is None or key in keys:
                handle = self.running_services.pop(key)
                try:
                    handle.stop()
                except Exception:                      # stopping must never keep the program open
                    pass

    def settings_changed(self, changed: set[str]) -> None:
        """Restart the services that read one of the changed settings (in a thread: a stop
        may take a moment)."""
        keys = {k for k, svc in areas.SERVICES.items()
                if any(c == p or (p.endswith(".") and c.startswith(p))
                       for c in changed for p in svc.restart_on)}
        if not keys or not self.services_enabled:
            return

        def restart() -> None:
            self.stop_services(keys)
            self.call_from_thread(self.start_services, keys)
        self.run_worker(restart, thread=True, group="services")

    class ServiceEvent(Message):
        def __init__(self, key: str, kind: str, message: str, ref: Any = None):
            super().__init__()
            self.key, self.kind, self.text, self.ref = key, kind, message, ref

    def service_callback(self, key: str) -> Callable[[str, str, Any], None]:
        """For a service's own thread: posts each event to the app and returns at once (never
        waits for the app: a service stopping while the app closes must not hang)."""
        def callback(kind: str, message: str, ref: Any = None) -> None:
            self.post_message(self.ServiceEvent(key, kind, message, ref))
        return callback

    def on_vanphong_app_service_event(self, event: "VanphongApp.ServiceEvent") -> None:
        self.service_event(event.key, event.kind, event.text, event.ref)

    def on_unmount(self) -> None:
        self.stop_services()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.give_back.key_pressed()
        await super().on_event(event)

    def screen_closed(self) -> None:
        """A full screen was closed (BaseScreen.on_unmount): its memory goes back once the
        keyboard is still (tui.memory.GiveBack)."""
        if self.is_running and not self._closing:
            self.give_back.screen_closed()

    def service_event(self, key: str, kind: str, message: str, ref: Any = None) -> None:
        """One event of a service: said in a notification (routine "info" is not), the
        dashboard, if in view, is brought up to date, and every open screen with a
        ``service_changed(key, kind, ref)`` method (the incoming register …) is told."""
        from .screens.dashboard import DashboardScreen
        if kind != "info":
            severity = {"error": "error", "rejected": "warning", "duplicate": "warning",
                        "retry": "warning", "left": "warning"}.get(kind, "information")
            self.notify(message, severity=severity, timeout=10)
        if isinstance(self.screen, DashboardScreen) and kind != "info":
            self.screen.call_later(self.screen.load_panels)
        for screen in self.screen_stack:
            hook = getattr(screen, "service_changed", None)
            if callable(hook):
                screen.call_later(self.run_guarded, hook, key, kind, ref)

    # --- moving around ------------------------------------------------------------------------
    def _pop_to_base(self) -> None:
        """Leave only the first real screen (login, wizard or dashboard) on the stack."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def go_home(self) -> None:
        from .screens.dashboard import DashboardScreen
        self._pop_to_base()
        if not isinstance(self.screen, DashboardScreen) and self.actor is not None:
            self.switch_screen(self._dashboard())

    def go_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def action_open_area(self, key: str) -> None:
        self.open_area(key)

    def open_area(self, key: str) -> None:
        """Open an area on top of the dashboard (checking the actor may)."""
        from models import users
        area = areas.AREAS.get(key)
        if self.actor is None:
            return
        if area is None:
            self.notify(S.AREA_MISSING, severity="warning")
            return
        if area.permission:
            users.require(self.actor, area.permission)
        self.go_home()
        if key != "dashboard":
            self.push_screen(area.build(self))

    def run_action_entry(self, key: str) -> None:
        """Run a registered menu/palette action (tui.areas.ACTIONS)."""
        action = areas.ACTIONS.get(key)
        if action is not None:
            self.run_guarded(action.run, self)

    def open_record(self, kind: str, ref: int) -> bool:
        """Open one search hit with the opener its area registered."""
        opener = areas.OPENERS.get(kind)
        if opener is None:
            from models import search
            k = search.KINDS.get(kind)
            self.notify(S.SEARCH_NO_OPENER.format(label=k.label if k else kind), severity="warning")
            return False
        self.run_guarded(opener, self, ref)
        return True

    def action_menu(self) -> None:
        from .screens.menu import MenuScreen
        if isinstance(self.screen, MenuScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(MenuScreen(), self._menu_chosen)

    def _menu_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, key = choice
        if kind == "area":
            self.run_guarded(self.open_area, key)
        else:
            self.run_action_entry(key)

    def action_help(self) -> None:
        from .screens.help import HelpScreen
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        from .screens.palette import VanphongPalette
        if self.use_command_palette and not VanphongPalette.is_open(self):
            self.push_screen(VanphongPalette())

    _asking_to_quit = False

    async def action_quit(self) -> None:
        """Ctrl+Q: leave — asking first, as Esc does, when a form or the wizard anywhere on the
        stack holds unsaved typing (Ctrl+Q again while asked: leave)."""
        from .widgets.fields import unsaved_typing
        if self._asking_to_quit or not any(unsaved_typing(s) for s in self.screen_stack):
            self.exit()
            return
        from .widgets.dialogs import ConfirmDialog
        self._asking_to_quit = True

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                self.exit()
        self.push_screen(ConfirmDialog(S.QUIT_DISCARD), answered)

    def action_help_quit(self) -> None:          # Ctrl+C
        self.notify(S.CTRL_C_HINT)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_area", "menu") and self.actor is None:
            return False
        if action == "open_area":
            area = areas.AREAS.get(str(parameters[0])) if parameters else None
            return area is not None and areas.allowed(self.actor, area.permission)
        return True

    # --- errors -------------------------------------------------------------------------------
    def show_error(self, err: VanphongError | str, title: str = S.DIALOG_ERROR) -> None:
        from .widgets.dialogs import ErrorDialog
        self.push_screen(ErrorDialog(str(err), title))

    def show_message(self, message: str, title: str = S.DIALOG_INFO) -> None:
        from .widgets.dialogs import MessageDialog
        self.push_screen(MessageDialog(message, title))

    def confirm(self, question: str, then: Callable[[], Any]) -> None:
        """Ask; run ``then`` (guarded) only on yes."""
        from .widgets.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_guarded(then)
        self.push_screen(ConfirmDialog(question), answered)

    def run_guarded(self, fn: Callable, *args, **kwargs) -> Any:
        """Call ``fn``; a VanphongError becomes an error dialog, in Vietnamese; any other error
        (the database busy or failing, a bug) a dialog too, with its traceback in the log."""
        try:
            return fn(*args, **kwargs)
        except VanphongError as e:
            self.show_error(e)
            return None
        except Exception as e:
            self.show_unexpected(e)
            return None

    def log_error(self, error: BaseException, where: str = "") -> str:
        """Write ``error`` with its traceback to the office's error log; the sentence that says
        where (for a dialog)."""
        path = None
        if self.home is not None and hasattr(self.home, "log_error"):
            path = self.home.log_error(error, where)
        return S.ERROR_LOGGED.format(path=path) if path else S.ERROR_NOT_LOGGED

    def show_unexpected(self, error: BaseException) -> None:
        """An error no guard expected — the database locked by another desk's long write, a disk
        that failed, a bug — while the person was working: said in Vietnamese in a dialog over
        the screen, which stays as it was (a form keeps what was typed); the traceback goes to
        the office's error log, whose path the dialog gives."""
        from models.errors import (DATABASE_BUSY, is_database_busy, is_database_error,
                                   os_error_message)
        where = type(self.screen).__name__ if self.screen_stack else ""
        logged = self.log_error(error, where)
        if is_database_busy(error):
            text = S.DB_BUSY_KEPT.format(busy=DATABASE_BUSY)
        elif is_database_error(error):
            text = S.DB_ERROR_KEPT
        elif isinstance(error, OSError):
            text = S.FILE_ERROR_KEPT.format(detail=os_error_message(error))
        else:
            text = S.UNEXPECTED_KEPT
        self.show_error(f"{text}\n\n{logged}")

    async def _dispatch_action(self, namespace, action_name: str, params: Any) -> bool:
        # every key binding runs through here: a models error is a dialog, not a crash, and so
        # is any other error (the screen and its form stay open)
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except VanphongError as e:
            self.show_error(e)
            return True
        except Exception as e:
            self.show_unexpected(e)
            return True

    def _handle_exception(self, error: Exception) -> None:
        if isinstance(error, VanphongError):
            # escaped every guard: leave cleanly with the message, never a traceback
            self.exit(return_code=1, message=S.UNEXPECTED_ERROR.format(detail=error.message))
            return
        try:
            self.log_error(error, "crash")      # whoever supports the office finds it there
        except Exception:
            pass
        super()._handle_exception(error)
