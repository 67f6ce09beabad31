#!/usr/bin/env python3
"""The HTML report in headless Chromium (issue 11). A real local campaign (--local-quick)
is run, `report --format html` renders it, and Chromium loads the page:
- the page logs nothing to the console (no error, no CSP violation: the page's CSP is
  default-src 'none', so any request it attempted would be logged as blocked) and the
  host resolver maps every name to NOTFOUND besides;
- the page's script ran (sortable headers exist in the live DOM);
- each chart has the expected number of marks, counted from the journal's documents read
  with Python's own sqlite3 and json (not from the report code);
- a PNG screenshot is written to OUT_DIR/report-html.png for a person to open.
Also: `report` with a bad --format or a missing journal exits 2 and writes nothing.

usage: report_html_test.py COLLECTOR OUT_DIR"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exec_common import fail, rows, run  # noqa: E402

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
                  "--enable-logging=stderr", "--v=0"]
SWEEP_LABELS = ("working_set_bytes", "pages", "addresses")


class Charts(html.parser.HTMLParser):
    """Marks per chart: {chart index: (kind, data-marks, counted marks)}."""

    def __init__(self):
        super().__init__()
        self.charts = []
        self.sortable_headers = 0
        self.in_sortable = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg" and "chart" in classes:
            kind = [c for c in classes if c != "chart"][0]
            self.charts.append([kind, int(a["data-marks"]), 0])
        elif "mark" in classes and self.charts:
            self.charts[-1][2] += 1
        elif tag == "table" and "sortable" in classes:
            self.in_sortable = True
        elif tag == "th" and self.in_sortable:
            self.sortable_headers += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_sortable = False


def expected_marks(journal):
    headline, latency_curves = 0, []
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
    return headline, latency_curves


def chromium(args, user_dir):
    return subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={user_dir}", *args],
                          capture_output=True, text=True, timeout=120)


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

    run(binary, "report", "--state", journal, "--format", "html", "--output", page, check=0)
    with open(page) as f:
        source = f.read()
    for needle in ("http://", "https://", " src=", "@import", "url("):
        if needle in source:
            fail(f"the page refers to something outside itself: {needle!r}")

    user_dir = tempfile.mkdtemp(prefix="abc-chromium-")
    dom = chromium(["--dump-dom", "file://" + page], user_dir)
    if dom.returncode != 0:
        fail(f"chromium --dump-dom exited {dom.returncode}: {dom.stderr[-2000:]}")
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    if console:
        fail("the page logged to the console:\n" + "\n".join(console))

    charts = Charts()
    charts.feed(dom.stdout)
    headline, latency_curves = expected_marks(journal)
    bars = [c for c in charts.charts if c[0] == "bar-chart"]
    curves = [c for c in charts.charts if c[0] == "curve-chart"]
    scatters = [c for c in charts.charts if c[0] == "scatter-chart"]
    if sum(c[2] for c in bars) != headline:
        fail(f"bar marks {sum(c[2] for c in bars)}, expected {headline} headline figures")
    if [c[2] for c in curves] != latency_curves:
        fail(f"latency marks {[c[2] for c in curves]}, expected {latency_curves}")
    if len(scatters) != 1 or scatters[0][2] != 0:
        fail(f"price scatter {scatters}: a local campaign has no price, so no point")
    for kind, declared, counted in charts.charts:
        if declared != counted:
            fail(f"{kind}: data-marks {declared} but {counted} marks in the DOM")
    if charts.sortable_headers == 0:
        fail("no sortable table in the DOM")

    shot = os.path.join(out_dir, "report-html.png")
    if os.path.exists(shot):
        os.remove(shot)
    proc = chromium([f"--screenshot={shot}", "--window-size=1280,2400", "file://" + page],
                    tempfile.mkdtemp(prefix="abc-chromium-"))
    with open(shot, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail(f"{shot} is not a PNG")
    print(f"ok: {len(charts.charts)} charts, {headline} bars, latency points {latency_curves}; "
          f"screenshot {shot}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
