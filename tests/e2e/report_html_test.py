#!/usr/bin/env python3
"""The HTML report in headless Chromium (issue 11). A real local campaign (--local-quick)
is run, `report --format html` renders it, and Chromium loads the page, driven over the
DevTools protocol (cdp_pipe.py):
- no console message, no exception, no log entry (a request the page's CSP blocks would
  log one), and the only network request is the page itself (the host resolver maps every
  name to NOTFOUND besides);
- clicking a table header sorts it (ascending, then descending on a second click);
- each chart has the expected number of marks, counted from the journal's documents read
  with Python's own sqlite3 and json (not from the report code);
- a PNG screenshot is written to OUT_DIR/report-html.png for a person to open;
- the pages of `report --compare ... --format html` and `report --trend --format html` load
  under the same rules (no console message, no request besides the page), the comparison
  of a journal with itself has no significant change and one row per compared figure, and
  the trend page has one point per measured mean.
Also: `report` with a bad --format or a missing journal exits 2 and writes nothing.

usage: report_html_test.py COLLECTOR OUT_DIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp_pipe  # noqa: E402
from exec_common import fail, rows, run  # noqa: E402

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND"]
SWEEP_LABELS = ("working_set_bytes", "pages", "addresses")


def expected_marks(journal):
    """Headline figures, latency points per curve, and every figure (sweep points too)."""
    headline, latency_curves, figures = 0, [], 0
    for (text,) in rows(journal, "SELECT json FROM result ORDER BY id"):
        doc = json.loads(text)
        for bench in doc.get("benchmarks", []):
            if bench["status"] == "ok" and bench["name"] == "micro-latency":
                latency_curves.append(sum(1 for m in bench["metrics"] if m["name"] == "latency"))
            for m in bench["metrics"]:
                labels = m.get("labels", {})
                sweep = any(k in labels for k in SWEEP_LABELS) or (
                    "stride_bytes" in labels and bench["name"] != "stream-prefetch")
                headline += not sweep
                figures += 1
    return headline, latency_curves, figures


MARKS_JS = """Array.from(document.querySelectorAll('svg.chart')).map(function (svg) {
  return [svg.getAttribute('class').replace('chart', '').trim(),
          parseInt(svg.getAttribute('data-marks'), 10), svg.querySelectorAll('.mark').length];
})"""

# Clicks the header of column `c` of table `t` and returns that column's cells.
PAGE_COUNTS_JS = """[document.querySelectorAll('.mark').length,
  document.getElementById('significant-changes') === null,
  document.getElementById('comparison') ? document.getElementById('comparison').tBodies[0].rows.length
                                        : -1]"""

SORT_JS = """(function (t, c) {
  var table = document.getElementById(t);
  table.tHead.rows[0].cells[c].click();
  return Array.from(table.tBodies[0].rows).map(function (r) { return r.cells[c].textContent; });
})"""


def main():
    binary, out_dir = sys.argv[1], sys.argv[2]
    if not shutil.which("chromium"):
        fail("chromium is not installed (scripts/setup.sh installs it)")
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="abc-report-html-")
    journal = os.path.join(work, "campaign.db")
    run(binary, "schedule", "weekly", "--instance-families", "m7i", "--sizes", "large",
        "--days", "1", "--benchmarks", "stream,hpl-vector,micro-latency", "--backend", "local",
        "--local-quick", "--state", journal, check=0)
    page = os.path.join(work, "report.html")

    # Bad input: one error, exit 2, nothing written.
    proc = run(binary, "report", "--state", journal, "--format", "pdf", "--output", page)
    if proc.returncode != 2 or "--format" not in proc.stderr or os.path.exists(page):
        fail(f"bad --format: exit {proc.returncode}, stderr {proc.stderr!r}")
    proc = run(binary, "report", "--state", os.path.join(work, "missing.db"), "--output", page)
    if proc.returncode != 2 or "missing.db" not in proc.stderr or os.path.exists(page):
        fail(f"missing journal: exit {proc.returncode}, stderr {proc.stderr!r}")

    no_dir = os.path.join(work, "no-such-dir", "r.html")
    proc = run(binary, "report", "--state", journal, "--output", no_dir)
    if proc.returncode != 2 or "no-such-dir" not in proc.stderr or os.path.exists(no_dir):
        fail(f"--output in a missing folder: exit {proc.returncode}, stderr {proc.stderr!r}")

    run(binary, "report", "--state", journal, "--format", "html", "--output", page, check=0)
    with open(page) as f:
        source = f.read()
    for needle in ("http://", "https://", " src=", "@import", "url("):
        if needle in source:
            fail(f"the page refers to something outside itself: {needle!r}")

    compare_page = os.path.join(work, "compare.html")
    run(binary, "report", "--compare", journal, journal, "--format", "html", "--output",
        compare_page, check=0)
    trend_page = os.path.join(work, "trend.html")
    run(binary, "report", "--state", journal, "--state", journal, "--trend", "--format", "html",
        "--output", trend_page, check=0)

    browser = cdp_pipe.Browser(CHROMIUM_FLAGS, tempfile.mkdtemp(prefix="abc-chromium-"))
    try:
        browser.open_page()
        url = "file://" + page
        browser.navigate(url)
        charts = browser.evaluate(MARKS_JS)
        # Sorting: the mean column (5) of the STREAM table, ascending then descending.
        ascending = [float(x) for x in browser.evaluate(SORT_JS + "('performance-stream', 5)")]
        descending = [float(x) for x in browser.evaluate(SORT_JS + "('performance-stream', 5)")]
        height = min(int(browser.evaluate("document.documentElement.scrollHeight")), 6000)
        shot = os.path.join(out_dir, "report-html.png")
        if os.path.exists(shot):
            os.remove(shot)
        browser.screenshot(shot, 1280, height)
        console = browser.events_named("Runtime.consoleAPICalled", "Runtime.exceptionThrown",
                                       "Log.entryAdded")
        requests = [e["params"]["request"]["url"]
                    for e in browser.events_named("Network.requestWillBeSent")]
        other_pages = {}
        for name, path in (("compare", compare_page), ("trend", trend_page)):
            browser.events = []  # this page's events only
            browser.navigate("file://" + path)
            other_pages[name] = (
                "file://" + path, browser.evaluate(PAGE_COUNTS_JS),
                browser.events_named("Runtime.consoleAPICalled", "Runtime.exceptionThrown",
                                     "Log.entryAdded"),
                [e["params"]["request"]["url"]
                 for e in browser.events_named("Network.requestWillBeSent")])
    finally:
        browser.close()
    if console:
        fail("the page logged to the console: " + json.dumps(console)[:2000])
    if requests != [url]:
        fail(f"the page made requests besides itself: {requests}")
    if len(ascending) < 2 or ascending != sorted(ascending) or descending != sorted(ascending,
                                                                                  reverse=True):
        fail(f"sorting by mean: {ascending} then {descending}")

    headline, latency_curves, figures = expected_marks(journal)
    bars = [c for c in charts if c[0] == "bar-chart"]
    curves = [c for c in charts if c[0] == "curve-chart"]
    scatters = [c for c in charts if c[0] == "scatter-chart"]
    if sum(c[2] for c in bars) != headline:
        fail(f"bar marks {sum(c[2] for c in bars)}, expected {headline} headline figures")
    if [c[2] for c in curves] != latency_curves:
        fail(f"latency marks {[c[2] for c in curves]}, expected {latency_curves}")
    if len(scatters) != 1 or scatters[0][2] != 0:
        fail(f"price scatter {scatters}: a local campaign has no price, so no point")
    for kind, declared, counted in charts:
        if declared != counted:
            fail(f"{kind}: data-marks {declared} but {counted} marks in the DOM")
    for name, (page_url, counts, page_console, page_requests) in other_pages.items():
        if page_console:
            fail(f"{name} page logged to the console: " + json.dumps(page_console)[:2000])
        if page_requests != [page_url]:
            fail(f"{name} page made requests besides itself: {page_requests}")
    marks, no_significant, compared = other_pages["compare"][1]
    if not no_significant or compared != figures:
        fail(f"compare page of a journal with itself: significant table absent {no_significant},"
             f" {compared} rows, expected {figures} figures")
    trend_marks = other_pages["trend"][1][0]
    if trend_marks != 2 * headline:
        fail(f"trend page: {trend_marks} points, expected {2 * headline} (two journals)")
    with open(shot, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail(f"{shot} is not a PNG")
    print(f"ok: {len(charts)} charts, {headline} bars, latency points {latency_curves}; "
          f"screenshot {shot}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
