"""The yardstick: a minimal Textual app with one DataTable of 200 rows."""
from textual.app import App, ComposeResult
from textual.widgets import DataTable


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        t.add_columns("Số", "Ngày", "Nơi gửi", "Trích yếu")
        for i in range(200):
            t.add_row(str(i + 1), "05/03/2026", f"Nơi gửi {i}", f"row-{i} Trích yếu văn bản")
        t.focus()


if __name__ == "__main__":
    Minimal().run()
