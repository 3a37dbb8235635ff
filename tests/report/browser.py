"""Headless Chromium for the report tests: open a page at a given width, time it, find overflow.

The report has no script; to measure it, a copy of the page gets one small script at the end
that runs on the load event, forces layout, and posts what it measured to the page around it,
which writes it into its DOM for `--dump-dom` to print. Chromium's own process start is not
part of the time: it is the page's navigation start to the end of layout (`performance.now()`
after reading a layout property).

The page is opened in an iframe of the width asked for, because a headless window is never
narrower than 500 px: the iframe is the viewport its media queries see.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars")

MEASURE_SCRIPT = """<script>
addEventListener("load", () => {
  const root = document.documentElement;
  const scrollWidth = root.scrollWidth;  // forces style and layout of the whole page
  const openMs = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  const width = innerWidth, overflow = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
      overflow.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(box.right)}`);
      if (overflow.length >= 20) break;
    }
  }
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    const box = text.getBoundingClientRect();
    if (box.height > 0 && box.height < 7) { small.push(text.textContent.slice(0, 30)); if (small.length >= 5) break; }
  }
  parent.postMessage(JSON.stringify({open_ms: openMs, dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    scroll_width: scrollWidth, viewport: width, overflow: overflow, small_chart_text: small,
    ids: document.querySelectorAll("[id]").length}), "*");
});
</script>"""
FRAME_PAGE = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="measured.html" style="border:0;width:{width}px;height:{height}px"></iframe>
<pre id="sg-measure"></pre>
<script>addEventListener("message", e => {{ document.getElementById("sg-measure").textContent = e.data; }});</script>
</body></html>"""
FRAME_SCREENSHOT = """<!DOCTYPE html><html><body style="margin:0;background:#888">
<iframe src="{src}" style="border:0;width:{width}px;height:{height}px;background:#fff"></iframe></body></html>"""
MIN_WINDOW = 500


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(browser: str, args: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile_dir:
        return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile_dir}", *args],
                              capture_output=True, text=True, timeout=timeout)


def measure(browser: str, page: Path, width: int, height: int = 900) -> dict[str, Any]:
    """Open `page` at `width` x `height` CSS pixels; return what MEASURE_SCRIPT found."""
    html = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "measured.html"
        copy.write_text(html.replace("</body>", MEASURE_SCRIPT + "</body>", 1), encoding="utf-8")
        frame = Path(folder) / "frame.html"
        frame.write_text(FRAME_PAGE.format(width=width, height=height), encoding="utf-8")
        run = _run(browser, [f"--window-size={max(width, MIN_WINDOW)},{height}", "--dump-dom", frame.as_uri()])
    match = re.search(r'<pre id="sg-measure">(.+?)</pre>', run.stdout, re.S)
    if run.returncode != 0 or match is None:
        raise RuntimeError(f"chromium failed ({run.returncode}): {run.stderr[-2000:]}")
    return json.loads(match.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&amp;", "&"))


def screenshot(browser: str, page: Path, width: int, out: Path, height: int = 2400) -> Path:
    """A PNG of the top `height` pixels of `page` at `width` (in a frame; grey beside it when narrow)."""
    frame = out.with_suffix(".frame.html")
    frame.write_text(FRAME_SCREENSHOT.format(src=page.as_uri(), width=width, height=height), encoding="utf-8")
    run = _run(browser, [f"--window-size={max(width, MIN_WINDOW)},{height}", f"--screenshot={out}",
                         frame.as_uri()])
    if run.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium screenshot failed ({run.returncode}): {run.stderr[-2000:]}")
    return out


def console_messages(browser: str, page: Path) -> tuple[str, list[str]]:
    """(the page's DOM after load, every console message Chromium logged)."""
    run = _run(browser, ["--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()])
    if run.returncode != 0:
        raise RuntimeError(f"chromium failed ({run.returncode}): {run.stderr[-2000:]}")
    return run.stdout, [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
