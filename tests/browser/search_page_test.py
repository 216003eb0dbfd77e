#!/usr/bin/env python3
"""Browser test of the search page: headless Chromium, driven through chromedriver's WebDriver
HTTP API (standard library only), types `mutual defense` into the page served by the real
`nsearch serve` and checks that highlighted results appear.

usage: search_page_test.py NSEARCH_BINARY SCREENSHOT.png
Exit 0 on success; 1 with a message naming what failed.
"""
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CSS = "css selector"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        fail(f"WebDriver {method} {path}: {e.code} {e.read()[:500]!r}")


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    fail("timed out waiting for " + what)


def start_server(binary, workdir):
    log = open(os.path.join(workdir, "server.out"), "w+")
    server = subprocess.Popen([binary, "serve", "--port", "0"], stdout=log,
                              stderr=subprocess.STDOUT, cwd=workdir)

    def port():
        log.seek(0)
        text = log.read()
        marker = "http://127.0.0.1:"
        if marker in text:
            return int(text.split(marker, 1)[1].split()[0])
        if server.poll() is not None:
            fail("nsearch serve exited early: " + text)
        return None

    return server, wait_for(port, 30, "nsearch serve to listen")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, screenshot = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            fail(f"{tool} is missing: scripts/setup.sh installs chromium and chromium-driver")
    workdir = tempfile.mkdtemp(prefix="nsearch_browser_")
    server, port = start_server(binary, workdir)
    driver_port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={driver_port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{driver_port}"
    session = None
    try:
        def driver_ready():
            try:
                return call(base, "GET", "/status", timeout=2).get("ready")
            except (urllib.error.URLError, ConnectionError, OSError):
                return False
        wait_for(driver_ready, 30, "chromedriver")
        capabilities = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1000,1000",
                         f"--user-data-dir={workdir}/profile"],
            }}}}
        session = call(base, "POST", "/session", capabilities, timeout=60)["sessionId"]
        s = f"/session/{session}"
        call(base, "POST", s + "/url", {"url": f"http://127.0.0.1:{port}/"})
        box = call(base, "POST", s + "/element", {"using": CSS, "value": "#q"})
        box_id = next(iter(box.values()))
        call(base, "POST", f"{s}/element/{box_id}/value", {"text": "mutual defense"})

        def hits():
            found = call(base, "POST", s + "/elements", {"using": CSS, "value": "li.hit"})
            return found if found and len(found) >= 5 else None
        wait_for(hits, 10, "five results")
        script = """
          const hits = [...document.querySelectorAll('li.hit')];
          return {
            status: document.getElementById('status').textContent,
            first: hits[0].querySelector('.title').textContent,
            marks: hits.map(h => [...h.querySelectorAll('mark')].map(m => m.textContent)),
            latency: document.body.dataset.latencyMs,
            url: location.search,
          };"""
        page = call(base, "POST", s + "/execute/sync", {"script": script, "args": []})
        png = call(base, "GET", s + "/screenshot")
        with open(screenshot, "wb") as out:
            out.write(base64.b64decode(png))
        if not page["status"].startswith("5 results"):
            fail("status line is " + repr(page["status"]))
        if "Kim Jong Un and Putin sign mutual defense pact" not in page["first"]:
            fail("first result is " + repr(page["first"]))
        if not all(marks for marks in page["marks"]):
            fail("a result has no highlighted words: " + repr(page["marks"]))
        words = {w.lower() for marks in page["marks"] for w in marks}
        if not words <= {"mutual", "defense", "defensive", "defenses", "defence"} or \
                "mutual" not in words:
            fail("unexpected highlights: " + repr(sorted(words)))
        if page["url"] != "?q=mutual+defense":
            fail("the query is not in the address: " + repr(page["url"]))
        print(f"ok: 5 results, first {page['first']!r}; "
              f"results {page['latency']} ms after the last keystroke (40 ms of it debounce); "
              f"screenshot {screenshot}")
        return 0
    finally:
        if session:
            try:
                call(base, "DELETE", f"/session/{session}", timeout=10)
            except SystemExit:
                pass
        driver.terminate()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
