"""A person answers the quick assessment in Japanese in Debian's chromium, on a phone-sized screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_quick_assessment_in_japanese(live_server: LiveServer, browser, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server)
    assert page.locator("html").get_attribute("lang") == "ja"

    page.get_by_label("組織名").fill("さくら旅館 <i>テスト</i>")
    page.get_by_role("button", name="組織を作成").click()
    page.get_by_role("heading", name="さくら旅館 <i>テスト</i>").wait_for()

    page.get_by_label("評価の名称").fill("2026年度 簡易診断")
    page.get_by_label("質問票").select_option("quick")
    page.locator("input[name=mode][value=self]").check()
    page.get_by_role("button", name="評価を作成").click()
    page.get_by_role("link", name="この評価に回答する").click()

    page.get_by_label("お名前（任意）").fill("山田 太郎")  # replaces the account name
    page.get_by_label("あなたの所属区分（任意）").select_option("front-line")
    page.get_by_role("button", name="開始").click()

    pages_seen = 0
    while True:
        page.locator("fieldset.item").first.wait_for()
        items = page.locator("fieldset.item")
        for index in range(items.count()):
            # Choose by the visible description: the fourth option is level 3 (定着).
            items.nth(index).locator("label.level").nth(3).click()
        pages_seen += 1
        if pages_seen == 1:
            page.screenshot(path=str(artifacts / "quick-ja-page1.png"), full_page=True)
        # Each choice is autosaved; "保存済み" appears only once the server confirmed it.
        expect(page.locator("fieldset.item .save-state.saved")).to_have_count(items.count())
        finish = page.get_by_role("button", name="保存して終了")
        if finish.count():
            finish.click()
            break
        page.get_by_role("button", name="保存して次へ").click()
        page.get_by_role("status").filter(has_text="件の回答を保存しました").wait_for()

    page.get_by_text("18項目中18項目に回答しました。").wait_for()
    assert page.get_by_role("heading", name="回答は完了です").is_visible()
    assert page.get_by_text("回答は保存されました。").is_visible()
    page.screenshot(path=str(artifacts / "quick-ja-summary.png"), full_page=True)
    assert pages_seen == 9  # one page per element

    # The live server is shared by the browser tests: look only at this test's organisation.
    with sqlite3.connect(live_server.database) as conn:
        orgs = conn.execute("SELECT id, name FROM organisation WHERE name LIKE 'さくら旅館%'").fetchall()
        rows = conn.execute(
            "SELECT r.name, r.language, r.segment, count(a.id), min(a.level), max(a.level) "
            "FROM respondent r JOIN answer a ON a.respondent_id = r.id "
            "JOIN assessment s ON s.id = r.assessment_id WHERE s.organisation_id = ? GROUP BY r.id",
            (orgs[0][0],),
        ).fetchall()
    assert [name for _id, name in orgs] == ["さくら旅館 <i>テスト</i>"]  # stored as typed, markup and all
    assert rows == [("山田 太郎", "ja", "front-line", 18, 3, 3)]
    context.close()
