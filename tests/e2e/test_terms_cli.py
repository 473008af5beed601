"""Opening a new term after the congress, from the command line, as an administrator would."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.demo_accounts import OWN_PASSWORD, choose_own_password
from tests.e2e.test_registers_cli import run
from tests.templates import copy_home

PW = {"VANPHONG_PASSWORD": OWN_PASSWORD}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli_demo):
    home = copy_home(cli_demo[0], tmp_path_factory.mktemp("office"))    # `vanphong demo`'s office
    choose_own_password(home, "admin", "vanthu")
    return home


def test_open_a_new_term_and_the_old_one_ends_the_day_before(demo_home):
    today = dt.date.today()
    assert run(demo_home, "term", "list").stdout.strip().endswith("– nay")
    refused = run(demo_home, "term", "open", "--start", f"{today:%d/%m/%Y}", "--label", "2026–2031",
                  "--user", "vanthu", env=PW, check=False)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    p = run(demo_home, "term", "open", "--start", f"{today:%d/%m/%Y}", "--label", "2026–2031",
            "--congress", "Đại hội đại biểu Đảng bộ xã lần thứ II", "--user", "admin", env=PW)
    assert "Đã mở nhiệm kỳ 2026–2031" in p.stdout and "01" in p.stdout
    lines = run(demo_home, "term", "list").stdout.strip().splitlines()
    yesterday = today - dt.timedelta(days=1)
    assert lines[-2].startswith("nhiệm kỳ 2025–2030: 16/08/2025 – ") and f"{yesterday:%d/%m/%Y}" in lines[-2]
    assert lines[-1].startswith(f"nhiệm kỳ 2026–2031: {today:%d/%m/%Y} – nay")
    again = run(demo_home, "term", "open", "--start", f"{today:%d/%m/%Y}", "--user", "admin",
                env=PW, check=False)
    assert again.returncode == 2 and "phải bắt đầu sau" in again.stderr
