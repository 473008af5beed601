"""The staff side of the office: the weekly schedule (a week grid, day rows, morning and
afternoon), work programs by period (items, carry-over, building down from the larger period),
the reports owed (due dates, state, the outgoing document that answered), and the statistics
for a period (print, export). The words come from the catalogue; the rules from models.

Why one file (over 600 lines): the four screens share ``ListScreen`` and the save-and-print
helper; ``ListScreen`` goes to screens/parts/ when another area needs it, and the statistics
screen to a module of its own.
"""
from __future__ import annotations

import datetime as _dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import programs, reports, statistics
from models.text import format_date

from .. import strings as S
from ..widgets.dialogs import FormDialog
from ..widgets.fields import CycleField, DateField, RequiredText, TextField, clean_fields
from .base import AreaScreen


class ListScreen(AreaScreen):
    """A title line, one OptionList of rows (keys in ``self.rows``), a hint line."""

    AUTO_FOCUS = "#rows"
    HINT = ""
    DEFAULT_CSS = """
    ListScreen #list-title { height: 1; padding: 0 1; text-style: bold; }
    ListScreen #rows { height: 1fr; }
    ListScreen .hint { height: auto; padding: 0 1; }
    """

    def __init__(self):
        super().__init__()
        self.rows: list = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="list-title", classes="list-title", markup=False)
        yield OptionList(id="rows", markup=False)
        yield Static(self.HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.reload()

    def reload(self) -> None:
        self.app.run_guarded(self._reload)

    def _reload(self) -> None:
        ol = self.query_one("#rows", OptionList)
        keep = ol.highlighted
        title, lines = self.load()
        self.query_one("#list-title", Static).update(title)
        ol.clear_options()
        ol.add_options([Option(t, id=str(i)) for i, (t, _) in enumerate(lines)])
        self.rows = [k for _, k in lines]
        if lines:
            ol.highlighted = min(keep or 0, len(lines) - 1) if keep is not None else self.first_row()

    def first_row(self) -> int:
        return 0

    def reload_at_first_row(self) -> None:
        """Another period on the same list (a week, a year): it opens at ``first_row`` (today's
        row), as the screen does when it opens, not at the row number the old period had."""
        self.query_one("#rows", OptionList).highlighted = None
        self.reload()

    def load(self) -> tuple[str, list[tuple[Text | str, object]]]:
        return "", []

    @property
    def current(self):
        ol = self.query_one("#rows", OptionList)
        if ol.highlighted is None or not self.rows:
            return None
        return self.rows[ol.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.run_guarded(self.open_row, self.current)

    def open_row(self, key) -> None:
        pass

    def after(self, result) -> None:
        if result is not None:
            self.reload()


def fit(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# --- the weekly schedule --------------------------------------------------------------------
class ScheduleScreen(ListScreen):
    """One row per entry, the day's name on its first row; an empty half-day shows "—" so
    every morning and afternoon of the week can take an entry (N or Enter on it)."""

    TITLE_VI = S.AREA_SCHEDULE
    HINT = S.SCHED_HINT
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("n,f7", "new", S.KEY_NEW, key_display="N"),
                Binding("d", "done", S.KEY_ITEM_DONE, key_display="D"),
                Binding("x,delete", "delete", S.KEY_ITEM_DELETE, key_display="X"),
                Binding("left_square_bracket,pageup", "week(-1)", S.KEY_PREV_WEEK, key_display="["),
                Binding("right_square_bracket,pagedown", "week(1)", S.KEY_NEXT_WEEK, key_display="]"),
                Binding("t", "this_week", S.KEY_THIS_WEEK, key_display="T", show=False),
                Binding("i,f6", "print", S.KEY_PRINT_SCHEDULE, key_display="I")]

    def __init__(self, monday: _dt.date | None = None):
        super().__init__()
        self.monday = monday

    def on_mount(self) -> None:
        if self.monday is None:
            today = self.app.today()
            self.monday = today - _dt.timedelta(days=today.weekday())
        super().on_mount()

    def first_row(self) -> int:
        today = self.app.today()
        for i, (d, _, _) in enumerate(self.rows):
            if d >= today:
                return i
        return 0

    def load(self):
        m = self.monday
        y, w, _ = m.isocalendar()
        title = S.SCHED_TITLE.format(week=f"{w:02d}", year=y, start=format_date(m),
                                     end=format_date(m + _dt.timedelta(days=6)))
        self.set_title(S.AREA_SCHEDULE)
        lines = []
        last_day = None
        for day, half, entries in programs.week_grid(m):
            for n, e in enumerate(entries or [None]):
                head = (f"{S.SCHED_DAYS[day.weekday()]} {day:%d/%m}" if day != last_day else "").ljust(9)
                last_day = day
                t = Text(head, style="bold", no_wrap=True, overflow="ellipsis")
                t.append(f"{S.SCHED_HALVES[half] if n == 0 else '':<6}")
                if e is None:
                    t.append(S.SCHED_EMPTY, style="dim")
                else:
                    mark = "✓ " if e.status == "done" else ""
                    body = f"{mark}{e.time + ' ' if e.time else ''}{e.content}"
                    if e.lead:
                        body += f" — {e.lead}"
                    if e.place:
                        body += f" ({e.place})"
                    t.append(fit(body, 58))
                lines.append((t, (day, half, e.id if e else None)))
        return title, lines

    def action_week(self, step: int) -> None:
        self.monday += _dt.timedelta(weeks=step)
        self.reload_at_first_row()

    def action_this_week(self) -> None:
        today = self.app.today()
        self.monday = today - _dt.timedelta(days=today.weekday())
        self.reload_at_first_row()

    def action_new(self) -> None:
        cur = self.current
        day, half = (cur[0], cur[1]) if cur else (self.monday, "am")
        self.app.push_screen(ScheduleDialog(day, half), self.after)

    def open_row(self, key) -> None:
        if key is None:
            return
        day, half, item_id = key
        if item_id is None:
            self.app.push_screen(ScheduleDialog(day, half), self.after)
        else:
            self.app.push_screen(ScheduleDialog(day, half, programs.get_item(item_id)), self.after)

    def action_done(self) -> None:
        cur = self.current
        if cur and cur[2]:
            self.app.run_guarded(programs.set_status, self.app.actor, cur[2], "done")
            self.reload()

    def action_delete(self) -> None:
        cur = self.current
        if not cur or not cur[2]:
            return
        it = programs.get_item(cur[2])

        def do() -> None:
            programs.delete_item(self.app.actor, it.id)
            self.reload()
        self.app.confirm(S.SCHED_DELETE_Q.format(content=fit(it.content, 60)), do)

    def action_print(self) -> None:
        print_schedule(self.app, self.monday)


class ScheduleDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, day: _dt.date, half: str, item=None):
        self.day, self.half, self.item = day, half, item
        super().__init__(S.SCHED_EDIT_TITLE.format(date=format_date(item.on_date)) if item else
                         S.SCHED_NEW_TITLE.format(day=programs.WEEKDAY_NAMES[day.weekday()],
                                                  date=format_date(day), half=S.SCHED_HALVES[half].lower()))

    def compose_body(self) -> ComposeResult:
        it = self.item
        yield DateField(S.FIELD_SCHED_DATE, "on_date", value=it.on_date if it else self.day)
        yield CycleField(S.FIELD_SCHED_HALF, "half", [(w, k) for k, w in S.SCHED_HALVES.items()],
                         value=it.half if it else self.half)
        yield TextField(S.FIELD_SCHED_TIME, "time", value=it.time if it else "",
                        placeholder=S.TIME_PLACEHOLDER)
        yield RequiredText(S.FIELD_ITEM_CONTENT, "content", value=it.content if it else "", max_len=2000)
        yield TextField(S.FIELD_ITEM_LEAD, "lead", value=it.lead if it else "")
        yield TextField(S.FIELD_ITEM_PARTICIPANTS, "participants", value=it.participants if it else "")
        yield TextField(S.FIELD_ITEM_PLACE, "place", value=it.place if it else "")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        actor = self.app.actor
        if self.item is None:
            it = programs.add_schedule_entry(actor, v.pop("on_date"), v.pop("half"), v.pop("content"), **v)
            self.app.notify(S.SCHED_ADDED.format(date=format_date(it.on_date)))
            return it
        if (v["on_date"] != self.item.on_date
                and programs.bounds("week", v["on_date"])[0] != self.item.program.start):
            programs.delete_item(actor, self.item.id)
            return programs.add_schedule_entry(actor, v.pop("on_date"), v.pop("half"), v.pop("content"), **v)
        return programs.update_item(actor, self.item.id, **v)


def print_schedule(app, monday: _dt.date) -> None:
    """Render the week here (the database is read on this thread), save and send to the
    printer in a worker; say where the file went."""
    from models import office
    from printouts.schedule import schedule
    o = office.get_office()
    y, w, _ = monday.isocalendar()
    label = f"{w:02d}/{y}"
    pdf = schedule(monday, programs.week_grid(monday), o)
    path = app.home.printouts / f"lich-cong-tac_{y}-W{w:02d}.pdf"
    command = str(office.get_setting("print.command") or "")
    app.notify(S.SCHED_PRINT_WORKING.format(week=label))
    save_and_print(app, path, pdf, command,
                    lambda p: S.SCHED_PRINT_SENT.format(week=label, path=p),
                    lambda p, problem: S.SCHED_PRINT_SAVED.format(week=label, path=p, problem=problem),
                    S.SCHED_PRINT_TITLE)


def save_and_print(app, path, pdf: bytes, command: str, sent_msg, saved_msg, title: str) -> None:
    def work() -> None:
        from ..printing import save_pdf, send_to_printer
        try:
            save_pdf(path, pdf)
        except OSError as e:
            app.call_from_thread(app.show_error, S.PRINT_FAILED.format(detail=e.strerror or e))
            return
        sent, problem = send_to_printer(command, path)
        app.call_from_thread(app.show_message, sent_msg(path) if sent else saved_msg(path, problem), title)
    app.run_worker(work, thread=True, group="print")


# --- work programs --------------------------------------------------------------------------
class ProgramsScreen(ListScreen):
    TITLE_VI = S.AREA_PROGRAMS
    HINT = S.PRG_LIST_HINT
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("n,f7", "new", S.KEY_NEW, key_display="N")]

    def load(self):
        lines = []
        for p in programs.programs():
            its = programs.items(p)
            lines.append((S.PRG_LIST_LINE.format(
                period=S.PRG_PERIODS[p.period], label=fit(programs.period_label(p, short=True), 38),
                n=len(its),
                open=sum(i.status == "planned" for i in its)), p.id))
        return S.AREA_PROGRAMS, lines

    def open_row(self, key) -> None:
        if key is not None:
            self.app.push_screen(ProgramScreen(key))

    def action_new(self) -> None:
        def done(p) -> None:
            if p is not None:
                self.app.push_screen(ProgramScreen(p.id))
        self.app.push_screen(ProgramDialog(self.app.today()), done)


class ProgramDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, today: _dt.date):
        self.today = today
        super().__init__(S.PRG_NEW_TITLE)

    def compose_body(self) -> ComposeResult:
        yield CycleField(S.FIELD_PRG_PERIOD, "period", [(w, k) for k, w in S.PRG_PERIODS.items()],
                         value="month")
        yield DateField(S.FIELD_PRG_DATE, "on", value=self.today)
        yield TextField(S.FIELD_PRG_TITLE, "title")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        return programs.program_for(self.app.actor, v["period"], v["on"], v["title"])


class ProgramScreen(ListScreen):
    HINT = S.PRG_DETAIL_HINT
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("n,f7", "new", S.KEY_NEW, key_display="N"),
                Binding("d", "status('done')", S.KEY_ITEM_DONE, key_display="D"),
                Binding("x", "status('dropped')", S.KEY_ITEM_DROP, key_display="X"),
                Binding("c", "carry", S.KEY_CARRY, key_display="C"),
                Binding("g", "propose", S.KEY_PROPOSE, key_display="G")]

    def __init__(self, program_id: int):
        super().__init__()
        self.program_id = program_id

    def load(self):
        p = programs.get_program(self.program_id)
        label = programs.period_label(p)
        self.set_title(f"{S.AREA_PROGRAMS}: {label}")
        lines = []
        for it in programs.items(p):
            t = Text(f"{S.PRG_ITEM_STATUS[it.status]} ")
            when = it.when
            t.append(f"{format_date(when) if when else '':<10} ")
            body = it.content + (f" — {it.lead}" if it.lead else "")
            if it.carried_from_id:
                body += " (" + S.PRG_CARRIED_FROM.format(
                    label=programs.period_label(it.carried_from.program).lower()) + ")"
            t.append(fit(body, 60), style="dim" if it.status in ("carried", "dropped") else "")
            lines.append((t, it.id))
        if not lines:
            lines = [(Text(S.PRG_NO_ITEMS, style="dim"), None)]
        return f"{p.title or label}", lines

    def open_row(self, key) -> None:
        if key is not None:
            self.app.push_screen(ItemDialog(self.program_id, programs.get_item(key)), self.after)

    def action_new(self) -> None:
        self.app.push_screen(ItemDialog(self.program_id), self.after)

    def action_status(self, status: str) -> None:
        if self.current:
            self.app.run_guarded(programs.set_status, self.app.actor, self.current, status)
            self.reload()

    def action_carry(self) -> None:
        p = programs.get_program(self.program_id)
        n = len(programs.unfinished(p))
        if not n:
            self.app.notify(S.PRG_NOTHING_TO_CARRY)
            return
        nxt = programs.next_start(p.period, p.start)
        nxt_label = programs.period_label(programs.Program(
            period=p.period, start=programs.bounds(p.period, nxt)[0],
            end=programs.bounds(p.period, nxt)[1])).lower()

        def do() -> None:
            out = programs.carry_over(self.app.actor, self.program_id)
            self.reload()
            self.app.notify(S.PRG_CARRIED.format(n=len(out), next=nxt_label))
        self.app.confirm(S.PRG_CARRY_Q.format(n=n, next=nxt_label), do)

    def action_propose(self) -> None:
        p = programs.get_program(self.program_id)
        found = programs.propose(p)
        if not found:
            self.app.notify(S.PRG_NOTHING_PROPOSED)
            return

        def do() -> None:
            out = programs.adopt(self.app.actor, self.program_id, found)
            self.reload()
            self.app.notify(S.PRG_ADOPTED.format(n=len(out)))
        self.app.confirm(S.PRG_PROPOSE_Q.format(n=len(found), label=programs.period_label(p).lower()), do)


class ItemDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, program_id: int, item=None):
        self.program_id, self.item = program_id, item
        p = programs.get_program(program_id)
        super().__init__(S.PRG_ITEM_EDIT_TITLE if item else
                         S.PRG_ITEM_NEW_TITLE.format(label=programs.period_label(p).lower()))

    def compose_body(self) -> ComposeResult:
        it = self.item
        yield RequiredText(S.FIELD_ITEM_CONTENT, "content", value=it.content if it else "", max_len=2000)
        yield TextField(S.FIELD_ITEM_LEAD, "lead", value=it.lead if it else "")
        yield TextField(S.FIELD_ITEM_PARTICIPANTS, "participants", value=it.participants if it else "")
        yield DateField(S.FIELD_ITEM_DEADLINE, "deadline", value=it.deadline if it and it.deadline else "",
                        required=False)
        yield TextField(S.FIELD_ITEM_PLACE, "place", value=it.place if it else "")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        if self.item is None:
            return programs.add_item(self.app.actor, self.program_id, v.pop("content"), **v)
        return programs.update_item(self.app.actor, self.item.id, **v)


# --- reports owed ---------------------------------------------------------------------------
class ReportsScreen(ListScreen):
    TITLE_VI = S.AREA_REPORTS
    HINT = S.RPT_HINT
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("t", "generate", S.KEY_GENERATE, key_display="T"),
                Binding("n,f7", "new", S.KEY_NEW, key_display="N"),
                Binding("l", "link", S.KEY_LINK, key_display="L"),
                Binding("x", "drop", S.KEY_ITEM_DROP, key_display="X"),
                Binding("left_square_bracket,pageup", "year(-1)", S.KEY_PREV_YEAR, key_display="["),
                Binding("right_square_bracket,pagedown", "year(1)", S.KEY_NEXT_YEAR, key_display="]")]

    def __init__(self):
        super().__init__()
        self.year: int | None = None

    def on_mount(self) -> None:
        self.year = self.app.today().year
        super().on_mount()

    def first_row(self) -> int:
        today = self.app.today()
        for i, rid in enumerate(self.rows):
            if rid is not None and reports.get_report(rid).due_on >= today:
                return i
        return 0

    def load(self):
        today = self.app.today()
        lines = []
        for r in reports.reports(self.year):
            st = reports.state(r, today)
            style = {"overdue": "bold red", "due_soon": "bold yellow", "sent": "green",
                     "dropped": "dim"}.get(st, "")
            t = Text(f"{format_date(r.due_on)}  ")
            t.append(f"{S.RPT_STATE[st]:<12}", style=style)
            t.append(" " + fit(r.title + (f" → {r.outgoing.symbol}" if r.outgoing_id else ""), 52))
            lines.append((t, r.id))
        if not lines:
            lines = [(Text(S.RPT_EMPTY, style="dim"), None)]
        return S.RPT_TITLE.format(year=self.year), lines

    def action_year(self, step: int) -> None:
        self.year += step
        self.reload_at_first_row()

    def action_generate(self) -> None:
        year = self.year

        def do() -> None:
            out = reports.generate_year(self.app.actor, year)
            self.reload()
            self.app.notify(S.RPT_GENERATED.format(n=len(out), year=year))
        self.app.confirm(S.RPT_GENERATE_Q.format(year=year), do)

    def action_new(self) -> None:
        self.app.push_screen(AdhocDialog(self.app.today()), self.after)

    def action_link(self) -> None:
        if self.current:
            self.app.push_screen(LinkDialog(reports.get_report(self.current)), self.after)

    def action_drop(self) -> None:
        if not self.current:
            return
        r = reports.get_report(self.current)

        def do() -> None:
            reports.set_status(self.app.actor, r.id, "dropped")
            self.reload()
        self.app.confirm(S.RPT_DROP_Q.format(title=r.title), do)

    def open_row(self, key) -> None:
        if key is not None:
            self.action_link()


class AdhocDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, today):
        self.today = today
        super().__init__(S.RPT_NEW_TITLE)

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_RPT_TITLE, "title", max_len=300)
        yield DateField(S.FIELD_RPT_DUE, "due_on", value=self.today + _dt.timedelta(days=7))
        yield TextField(S.FIELD_RPT_RECIPIENT, "recipient")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        return reports.add_adhoc(self.app.actor, v["title"], v["due_on"], v["recipient"])


class LinkDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"

    def __init__(self, report):
        self.report = report
        super().__init__(S.RPT_LINK_TITLE.format(title=fit(report.title, 40)))

    def compose_body(self) -> ComposeResult:
        yield RequiredText(S.FIELD_RPT_OUTGOING, "symbol", max_len=60, placeholder=S.FIELD_RPT_OUTGOING_PH,
                           value=self.report.outgoing.symbol if self.report.outgoing_id else "")

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        r = reports.link_outgoing(self.app.actor, self.report.id, v["symbol"])
        self.app.notify(S.RPT_LINKED.format(symbol=r.outgoing.symbol))
        return r


# --- statistics -----------------------------------------------------------------------------
class StatisticsScreen(AreaScreen):
    AUTO_FOCUS = "#figures"
    BINDINGS = [Binding("escape", "back", S.KEY_BACK, key_display="Esc"),
                Binding("m", "period('month')", S.KEY_STAT_MONTH, key_display="M"),
                Binding("q", "period('quarter')", S.KEY_STAT_QUARTER, key_display="Q"),
                Binding("y", "period('year')", S.KEY_STAT_YEAR, key_display="Y"),
                Binding("left_square_bracket,pageup", "step(-1)", S.KEY_PREV_PERIOD, show=False),
                Binding("right_square_bracket,pagedown", "step(1)", S.KEY_NEXT_PERIOD, show=False),
                Binding("k", "pick", S.KEY_STAT_PICK, key_display="K"),
                Binding("i,f6", "print", S.KEY_PRINT_STAT, key_display="I"),
                Binding("e", "export", S.KEY_EXPORT_STAT, key_display="E")]
    TITLE_VI = S.AREA_STATISTICS
    DEFAULT_CSS = """
    StatisticsScreen #list-title { height: 1; padding: 0 1; text-style: bold; }
    StatisticsScreen #figures { height: 1fr; padding: 0 1; }
    StatisticsScreen .hint { height: auto; padding: 0 1; }
    """

    def compose_body(self) -> ComposeResult:
        from textual.containers import VerticalScroll
        yield Static("", id="list-title", classes="list-title", markup=False)
        with VerticalScroll(id="figures"):
            yield Static("", id="figures-body")
        yield Static(S.STAT_HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        today = self.app.today()
        self.kind, self.start, self.end = "month", *statistics.period("month", today.year, today.month)
        self.reload()

    def reload(self) -> None:
        self.app.run_guarded(self._reload)

    def _reload(self) -> None:
        self.figs = statistics.figures(self.app.actor, self.start, self.end)
        self.query_one("#list-title", Static).update(
            S.STAT_PERIOD.format(start=format_date(self.start), end=format_date(self.end)))
        t = Text()
        group = None
        for f in self.figs:
            if f.group != group:
                group = f.group
                t.append(f"{f.group}\n", style="bold")
            label = ("    " if f.level else "  ") + f.label
            t.append(f"{fit(label, 58):<60}{statistics.format_value(f):>16}\n")
        self.query_one("#figures-body", Static).update(t)

    def action_period(self, kind: str) -> None:
        s = self.start
        n = {"month": s.month, "quarter": (s.month - 1) // 3 + 1, "year": 1}[kind]
        self.kind = kind
        self.start, self.end = statistics.period(kind, s.year, n)
        self.reload()

    def action_step(self, step: int) -> None:
        if self.kind == "custom":
            return
        s = self.start
        if self.kind == "month":
            m = s.month - 1 + step
            self.start, self.end = statistics.period("month", s.year + m // 12, m % 12 + 1)
        elif self.kind == "quarter":
            q = (s.month - 1) // 3 + step
            self.start, self.end = statistics.period("quarter", s.year + q // 4, q % 4 + 1)
        else:
            self.start, self.end = statistics.period("year", s.year + step)
        self.reload()

    def action_pick(self) -> None:
        def done(v) -> None:
            if v is not None:
                self.kind, (self.start, self.end) = "custom", v
                self.reload()
        self.app.push_screen(PeriodDialog(self.start, self.end), done)

    def action_print(self) -> None:
        from models import office
        from printouts.statistics import statistics_paper
        pdf = statistics_paper(self.figs, self.start, self.end, office.get_office(),
                               issued_on=self.app.today())
        path = self.app.home.printouts / f"so-lieu_{self.start:%Y%m%d}-{self.end:%Y%m%d}.pdf"
        save_and_print(self.app, path, pdf, str(office.get_setting("print.command") or ""),
                        lambda p: S.STAT_SENT.format(path=p),
                        lambda p, problem: S.STAT_SAVED.format(path=p, problem=problem), S.STAT_PRINT_TITLE)

    def action_export(self) -> None:
        from models import audit, exports
        path = self.app.home.printouts / f"so-lieu_{self.start:%Y%m%d}-{self.end:%Y%m%d}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        n = self.app.run_guarded(exports.write_xlsx, path, statistics.EXPORT_COLUMNS,
                                 list(statistics.export_rows(self.figs)), S.STAT_SHEET)
        if n is not None:
            audit.append(self.app.actor, "export", "statistics", None, None,
                         {"format": "xlsx", "rows": n, "file": path.name,
                          "from": format_date(self.start), "to": format_date(self.end)})
            self.app.show_message(S.STAT_EXPORTED.format(n=n, path=path), S.STAT_TITLE)


class PeriodDialog(FormDialog):
    AUTO_FOCUS = ".dialog-form .field-input"
    SAVE_LABEL = S.DIALOG_CHOOSE             # nothing is saved: the period is chosen

    def __init__(self, start, end):
        self.start, self.end = start, end
        super().__init__(S.STAT_PICK_TITLE)

    def compose_body(self) -> ComposeResult:
        yield DateField(S.FIELD_STAT_FROM, "start", value=self.start)
        yield DateField(S.FIELD_STAT_TO, "end", value=self.end)

    def save(self):
        v = clean_fields(self.query_one(".dialog-form"))
        if v is None:
            return None
        statistics.check_period(v["start"], v["end"])
        return v["start"], v["end"]


def open_program_item(app, ref: int) -> None:
    it = programs.get_item(ref)
    if it.program.period == "week" and it.on_date:
        app.push_screen(ScheduleScreen(it.program.start))
    else:
        app.push_screen(ProgramScreen(it.program_id))


def open_report(app, ref: int) -> None:
    reports.get_report(ref)
    app.push_screen(ReportsScreen())
