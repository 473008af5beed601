"""Sao lưu: the backups in the office's backup folder, newest first, with where they go, where
the key is and when the last good one was made. F5/B backs up now and F6/K checks the chosen
backup whole (every part decrypted and compared, nothing written), each in a child process
(``tui.areas.SafetyTask``, ``models.backup_tasks.backup_now`` / ``verify_now``): the clerk goes on
working, and is told when it is done. Hôm nay's "An toàn dữ liệu" opens here. Restoring stays a
command (``vanphong restore``): it fills a new, empty folder, not the office in use."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from models import backup_tasks
from models.text import format_date

from .. import strings as S
from ..areas import SafetyTask
from .base import AreaScreen


class BackupScreen(AreaScreen):
    TITLE_VI = S.AREA_BACKUPS
    DEFAULT_CSS = """
    BackupScreen #backup-info { height: auto; padding: 0 1; }
    BackupScreen #backup-table { height: 1fr; }
    BackupScreen #backup-status { height: auto; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("f5,b", "backup_now", S.KEY_BACKUP_NOW, key_display="F5"),
                Binding("f6,k", "verify", S.KEY_BACKUP_VERIFY, key_display="F6")]

    def __init__(self) -> None:
        super().__init__()
        self._paths: list = []
        self._doing = ""                       # what the running task is, as the status says

    def compose_body(self) -> ComposeResult:
        yield Static(id="backup-info", markup=False)
        yield DataTable(cursor_type="row", id="backup-table")
        yield Static(id="backup-status", markup=False)
        yield Static(S.BACKUP_HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        t = self.query_one("#backup-table", DataTable)
        for label, width in zip(S.BACKUP_COLUMNS, (19, 10, 43), strict=True):     # 72 + gaps: 78
            t.add_column(Text(label), width=width)   # a str is read as markup: Rich's emoji table
        running = self.app.running_services.get(SafetyTask.KEY)
        if running is not None and running.running:     # left and came back while it runs
            self._doing = self._task_text(running.task)
        self.load()

    def load(self) -> None:
        o = backup_tasks.overview(self.app.home)
        lines = [S.BACKUP_FOLDER.format(folder=o.folder) if o.present
                 else S.BACKUP_FOLDER_MISSING.format(folder=o.folder), o.key_place,
                 (S.BACKUP_AUTO_ON if o.auto else S.BACKUP_AUTO_OFF).format(keep=o.keep),
                 S.BACKUP_LAST.format(time=f"{o.last_ok:%H:%M}", date=format_date(o.last_ok.date()))
                 if o.last_ok else S.BACKUP_LAST_NONE]
        self.query_one("#backup-info", Static).update("\n".join(lines))
        t = self.query_one("#backup-table", DataTable)
        row = t.cursor_row
        t.clear()
        self._paths = [b.path for b in o.backups]
        for b in o.backups:
            t.add_row(Text(f"{format_date(b.made.date())} {b.made:%H:%M:%S}"),
                      Text(backup_tasks.size_text(b.size), justify="right"), Text(b.path.name))
        if o.backups:
            t.move_cursor(row=min(row, len(o.backups) - 1))
        self._show_status(bool(o.backups))

    def _show_status(self, any_backup: bool | None = None) -> None:
        if any_backup is None:
            any_backup = bool(self._paths)
        text = self._doing or ("" if any_backup else S.BACKUP_NONE)
        self.query_one("#backup-status", Static).update(text)

    @staticmethod
    def _task_text(task: tuple[str, ...]) -> str:
        from pathlib import Path
        if task and task[0] == "--verify":
            return S.BACKUP_VERIFYING.format(name=Path(task[1]).name)
        return S.BACKUP_RUNNING

    def _start(self, task: tuple[str, ...]) -> None:
        if SafetyTask.start(self.app, task) is not None:
            self._doing = self._task_text(task)
            self._show_status()

    def action_backup_now(self) -> None:
        self._start(("--now",))

    def action_verify(self) -> None:
        t = self.query_one("#backup-table", DataTable)
        if not self._paths:
            self.app.notify(S.BACKUP_PICK_FIRST, severity="warning")
            return
        self._start(("--verify", str(self._paths[t.cursor_row])))

    def service_changed(self, key: str, kind: str, ref) -> None:
        """The app passes every service's events; this screen wants its task's last one."""
        if key == SafetyTask.KEY and ref == SafetyTask.DONE:
            self._doing = ""
            self.load()
