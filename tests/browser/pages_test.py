#!/usr/bin/python3
"""swelltrack's web pages in a real browser (headless Chromium through Selenium).

    pages_test.py [PATH/TO/swelltrack]      (or SWELLTRACK_BIN=...)

Makes its own database and server, then walks a client (on a phone-sized screen) and a therapist
(on a desktop) through the pages: signing in by keyboard, logging a session, a value that looks
like a mistake, a value out of range, the PDF, another client's page, the calendar feed, the
therapist's list and its search, and dark mode. On every HTML page it runs axe-core (serious and
critical violations fail), and checks there is no sideways scrolling at 390 px, chart text (and the
session form's point guide's) is drawn at 11 px or more and inside its drawing with legend entries
apart, the page with its CSS and JS stays under 100 KB, nothing is loaded from another origin, and the
console has no error. It saves a full-page screenshot of each to $SWELLTRACK_SCREENSHOTS (default
build/browser-screenshots), of each chart at 360 px, and of the unfolded point guide (*-guide.png).

Chromium sees only the fonts that .ci/install-deps installs (a fontconfig of the test's own, written
from those packages' file lists), so a font that happens to be on this machine (Liberation, say)
cannot hide chart text measured in one font and drawn in another. The pages are also seen at 360 px.

Needs chromium, chromium-driver and python3-selenium (.ci/install-deps) and axe-core
(npm ci --prefix tests/browser). Exits non-zero on any failure.
"""
import http.cookiejar  # noqa: F401  (urllib below sends the browser's cookie by hand)
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AXE = os.path.join(HERE, "node_modules", "axe-core", "axe.min.js")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("SWELLTRACK_SCREENSHOTS", os.path.join(ROOT, "build", "browser-screenshots"))
PHONE = (390, 844)
NARROW_PHONE = (360, 740)
DESKTOP = (1280, 900)
MAX_PAGE_BYTES = 100 * 1024
MAKE_TEST_PHOTO = os.environ.get("SWELLTRACK_MAKE_TEST_PHOTO", "")
PASSWORD = "correct horse battery staple"
MARIA = "Maria Keller"

problems = []  # what the per-page checks found; the scenarios' own asserts stop the test at once
page_sizes = {}  # page name -> bytes (HTML + the CSS and JS it loads)


def fail(message):
    print("FAIL: " + message, flush=True)
    problems.append(message)


# ---- The binary and the server ------------------------------------------------------------------


class Swelltrack:
    def __init__(self, binary, db):
        self.binary, self.db = binary, db

    def run(self, *args, stdin=None, check=True):
        p = subprocess.run([self.binary, "--db", self.db, *args], input=stdin, capture_output=True, text=True,
                           timeout=60)
        if check and p.returncode != 0:
            raise AssertionError(f"swelltrack {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
        return p.stdout

    def json(self, *args):
        return json.loads(self.run(*args))


def start_server(st, log_path):
    log = open(log_path, "w")
    server = subprocess.Popen([st.binary, "--db", st.db, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                              stderr=log, text=True)
    line = server.stdout.readline()
    m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
    if not m:
        server.kill()
        raise AssertionError(f"swelltrack serve did not say where it listens: {line!r}; see {log_path}")
    return server, m.group(1)


def http_get(url, cookie=None):
    """(status, headers, body bytes) of a GET outside the browser, optionally with its session cookie."""
    req = urllib.request.Request(url)
    if cookie:
        req.add_header("Cookie", f"{cookie['name']}={cookie['value']}")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# ---- The browser --------------------------------------------------------------------------------


def font_packages():
    """The font packages .ci/install-deps installs (fonts-*), read from the script itself."""
    with open(os.path.join(ROOT, ".ci", "install-deps"), encoding="utf-8") as f:
        names = set(re.findall(r"(?<![\w-])(fonts-[a-z0-9-]+)", f.read()))
    assert names, ".ci/install-deps names no font package"
    return sorted(names)


def pin_fonts(tmp):
    """Points fontconfig (and so Chromium, started after this) at a config that lists only the font
    files of .ci/install-deps' font packages. Checks with fc-list that nothing else is visible."""
    dirs = set()
    for package in font_packages():
        listing = subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True)
        assert listing.returncode == 0, f"{package} is not installed: run .ci/install-deps"
        dirs.update(os.path.dirname(p) for p in listing.stdout.split() if p.endswith((".ttf", ".ttc", ".otf")))
    assert dirs, f"no font files in {font_packages()}"
    conf = os.path.join(tmp, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n')
        f.writelines(f"  <dir>{d}</dir>\n" for d in sorted(dirs))
        f.write(f"  <cachedir>{os.path.join(tmp, 'fontconfig-cache')}</cachedir>\n")
        # The system's rules (which family "sans-serif" means, hinting), but not those that add
        # the user's or the machine's own font folders.
        rules = "/etc/fonts/conf.d"
        for rule in sorted(os.listdir(rules) if os.path.isdir(rules) else []):
            if rule.endswith(".conf") and rule not in ("50-user.conf", "51-local.conf"):
                f.write(f'  <include ignore_missing="yes">{os.path.join(rules, rule)}</include>\n')
        f.write("</fontconfig>\n")
    os.environ["FONTCONFIG_FILE"] = conf
    seen = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True, check=True).stdout
    files = [x for x in seen.split("\n") if x]
    assert files, "fc-list sees no font through the test's fontconfig"
    stray = [x for x in files if os.path.dirname(x) not in dirs]
    assert not stray, f"fontconfig still shows fonts that .ci/install-deps does not install: {stray[:5]}"
    print(f"fonts: only {', '.join(font_packages())} ({len(files)} files)", flush=True)


def make_driver(size, mobile, profile):
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--lang=en-US", f"--user-data-dir={profile}",
              f"--window-size={size[0]},{size[1]}"]:
        o.add_argument(a)
    if mobile:
        o.add_experimental_option("mobileEmulation",
                                  {"deviceMetrics": {"width": size[0], "height": size[1], "pixelRatio": 1}})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    o.binary_location = CHROMIUM
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
    d.set_page_load_timeout(30)
    d.set_script_timeout(60)
    d.swell_size, d.swell_mobile = size, mobile
    metrics(d)
    return d


def metrics(d, height=None):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": d.swell_size[0], "height": height or d.swell_size[1], "deviceScaleFactor": 1,
                       "mobile": d.swell_mobile})


def wait_new_page(d, old_html, timeout=15):
    def gone(_):
        # The old page's <html> is gone once a new document replaced it. While Chromium swaps
        # documents, asking about the old node can fail with "Node ... does not belong to the
        # document" (a WebDriverException, not StaleElementReferenceException): gone as well.
        try:
            old_html.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(d, timeout).until(gone)
    WebDriverWait(d, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def submit_and_wait(d, button):
    old = d.find_element(By.TAG_NAME, "html")
    button.click()
    wait_new_page(d, old)


def text_of(d):
    return d.find_element(By.TAG_NAME, "body").text


def console_errors(d, expected=()):
    """Console entries at SEVERE since the last call; `expected` substrings excuse one (a 4xx page)."""
    out = []
    for e in d.get_log("browser"):
        if e.get("level") == "SEVERE" and not any(x in e.get("message", "") for x in expected):
            out.append(e["message"])
    return out


# The size of an SVG <text> as drawn, in CSS px: its font size times its drawing's scale on screen.
TEXT_PX_JS = ("const textPx = t => { const m = t.getScreenCTM();"
              " return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); };")


def check_page(d, name, origin, expected_console=()):
    """Every page's checks: axe, no sideways scrolling, size, same origin only, console, screenshot."""
    WebDriverWait(d, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # axe-core: serious and critical violations fail.
    if not d.execute_script("return typeof window.axe !== 'undefined'"):
        with open(AXE, encoding="utf-8") as f:
            d.execute_script(f.read())
    result = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
        " help: v.help, nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}))}),"
        " e => done({error: String(e)}));")
    if "error" in result:
        fail(f"{name}: axe-core failed: {result['error']}")
    else:
        for v in result["violations"]:
            line = f"{name}: axe {v['impact']} {v['id']}: {v['help']}"
            if v["impact"] in ("serious", "critical"):
                nodes = "".join(f"\n    {n['target']}: {(n['summary'] or '').splitlines()[-1:]}" for n in v["nodes"][:8])
                fail(line + nodes)
            else:
                print("note: " + line + f" ({len(v['nodes'])} node(s))")
    # No sideways scrolling.
    sw, iw = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if sw > iw:
        fail(f"{name}: scrolls sideways at {iw} px: the page is {sw} px wide")
    # Chart text is drawn in the chart font the server sends, both faces, since the layout measured
    # it in that font (any other font, wider or narrower, would not fit as laid out).
    if d.find_elements(By.CSS_SELECTOR, "svg.chart"):
        faces = d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "document.fonts.ready.then(() => done([...document.fonts]"
            ".filter(f => f.family.replace(/\"/g, '') === 'swelltrack-chart')"
            ".map(f => f.weight + ' ' + f.status)));")
        for weight in ("400", "700"):
            if weight + " loaded" not in faces:
                fail(f"{name}: the chart font's weight {weight} was not loaded: {faces}")
    # Chart text legible as drawn (11 px or more: its font size times the chart's scale on screen) and
    # inside its chart; legend entries apart from each other and from the plot.
    smallest, found = d.execute_script(
        TEXT_PX_JS + "const out = [], sizes = [];"
        "const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;"
        "const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5"
        "  && a.bottom <= b.bottom + 0.5;"
        "for (const svg of document.querySelectorAll('svg.chart')) {"
        "  const name = svg.getAttribute('aria-label') + ': ', box = svg.getBoundingClientRect(), small = [];"
        "  for (const t of svg.querySelectorAll('text')) {"
        "    const px = textPx(t);"
        "    sizes.push(px);"
        "    if (px < 11) small.push(JSON.stringify(t.textContent) + ' ' + px.toFixed(1) + ' px');"
        "    if (!inside(t.getBoundingClientRect(), box))"
        "      out.push(name + JSON.stringify(t.textContent) + ' is cut off at the edge of the chart');"
        "  }"
        "  if (small.length) out.push(name + small.length + ' text(s) under 11 px: ' + small.slice(0, 3).join(', '));"
        "  const plot = svg.querySelector('.frame').getBoundingClientRect();"
        "  const items = [...svg.querySelectorAll('.legend > g')].map(g => [g.getBoundingClientRect(),"
        "    JSON.stringify([...g.querySelectorAll('text')].map(t => t.textContent).join(' '))]);"
        "  items.forEach(([a, what], i) => {"
        "    if (meet(a, plot)) out.push(name + 'the legend entry ' + what + ' is over the plot');"
        "    for (const [b, other] of items.slice(i + 1))"
        "      if (meet(a, b)) out.push(name + 'the legend entries ' + what + ' and ' + other + ' overlap');"
        "  });"
        "}"
        "return [sizes.length ? Math.min(...sizes) : null, out];")
    if smallest is not None:
        print(f"  {name}: chart text at {d.swell_size[0]} px wide is {smallest:.1f} px or larger", flush=True)
    for c in found:
        fail(f"{name}: chart text: {c}")
    # Size, and nothing from elsewhere.
    # The server compresses: encodedBodySize is what went over the wire, decodedBodySize what the
    # phone parses. The limit is on the larger, uncompressed one.
    # Photos are what she chose to keep, not the page's own weight: they are not counted (a thumbnail
    # is at most 320 px, loaded lazily), but must come from this origin like everything else.
    entries = d.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(e => ({name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize,"
        " photo: e.initiatorType === 'img' && /\\/photos\\/\\d+/.test(e.name)}))")
    counted = [e for e in entries if not e["photo"]]
    sent, size = sum(e["encoded"] for e in counted), sum(e["decoded"] for e in counted)
    page_sizes[name] = (sent, size)
    if size > MAX_PAGE_BYTES:
        fail(f"{name}: {size} bytes (uncompressed) with its CSS and JS, more than {MAX_PAGE_BYTES}: "
             + ", ".join(f"{e['name']} {e['decoded']}" for e in entries))
    for e in entries:
        if not e["name"].startswith(origin + "/"):
            fail(f"{name}: a request to another origin: {e['name']}")
    # The console (CSP violations show there).
    for message in console_errors(d, expected_console):
        fail(f"{name}: console error: {message}")
    screenshot(d, name)


def screenshot(d, name):
    os.makedirs(SHOTS, exist_ok=True)
    h = d.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    metrics(d, min(h, 12000))
    time.sleep(0.15)
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))
    metrics(d)


def login_with_form(d, base, login):
    d.get(base + "/login")
    d.find_element(By.ID, "login").send_keys(login)
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
    assert "/login" not in d.current_url, f"{login} could not sign in: {text_of(d)[:300]}"


def session_cookie(d):
    cookies = d.get_cookies()
    assert len(cookies) == 1, f"expected one session cookie, the browser has {cookies}"
    return cookies[0]


# ---- Scenarios ------------------------------------------------------------------------------------


def keyboard_login(d, base, origin):
    """The login page by keyboard alone: Tab reaches login, password, the button; Enter signs in."""
    d.get(base + "/login")
    check_page(d, "login", origin)
    d.find_element(By.TAG_NAME, "body").click()
    active = lambda: d.execute_script(
        "const a = document.activeElement; return a ? (a.id || a.tagName.toLowerCase() + ':' + (a.type || '')) : ''")
    order = []
    for _ in range(6):  # the skip link and the brand come first
        d.switch_to.active_element.send_keys(Keys.TAB)
        order.append(active())
        if order[-1] == "login":
            break
    assert order[-1] == "login", f"Tab never reached the login field: {order}"
    d.switch_to.active_element.send_keys("maria")
    d.switch_to.active_element.send_keys(Keys.TAB)
    assert active() == "password", f"Tab from login went to {active()}, not the password"
    d.switch_to.active_element.send_keys(PASSWORD)
    d.switch_to.active_element.send_keys(Keys.TAB)
    assert active() == "button:submit", f"Tab from the password went to {active()}, not the Sign in button"
    old = d.find_element(By.TAG_NAME, "html")
    d.switch_to.active_element.send_keys(Keys.ENTER)
    wait_new_page(d, old)
    assert d.current_url == base + "/clients/Maria%20Keller", f"after signing in maria is at {d.current_url}"
    check_page(d, "client", origin)


def last_values(d):
    """{input id: last time's value} from the hints beside the points ("last 19.2")."""
    out = {}
    for inp in d.find_elements(By.CSS_SELECTOR, "fieldset.points input"):
        key = inp.get_attribute("id")
        hint = d.find_element(By.ID, key + "-last").text
        m = re.fullmatch(r"last (\d+(?:[.,]\d+)?)", hint.strip())
        assert m, f"the hint beside {key} is {hint!r}, not 'last N'"
        out[key] = float(m.group(1).replace(",", "."))
    assert any(k.startswith("left_") for k in out) and any(k.startswith("right_") for k in out), \
        f"the form has no points of both sides: {sorted(out)}"
    return out


def fill_points(d, values):
    for key, v in values.items():
        el = d.find_element(By.ID, key)
        el.clear()
        el.send_keys(f"{v:.1f}")


def positions(values, side):
    keys = sorted((k for k in values if k.startswith(side + "_")), key=lambda k: float(k.split("_")[1]))
    return [values[k] for k in keys]


def newest_session(st):
    """How many sessions Maria has (swelltrack history), and every value of the newest one. Through
    the export: `session show --at` cannot tell two sessions of the same minute apart."""
    history = st.json("history", MARIA, "--format", "json")
    newest = history[-1]["recorded_at"]
    exported = st.json("export", MARIA, "--format", "json")["clients"][0]["sessions"]
    found = [s for s in exported if s["recorded_at"] == newest]
    assert len(found) == 1, f"the export has {len(found)} session(s) at {newest}, history's newest"
    return len(history), found[0]


def same_mm(stored, typed_cm, what):
    want = [round(v * 10, 6) for v in typed_cm]
    got = [None if v is None else round(v, 6) for v in stored]
    assert got == want, f"{what}: stored {got} mm, typed {want} mm"


def open_point_guide(d, name):
    """Unfolds the point guide above the form's points and checks it: the wrist or ankle, then a label
    for each point as the inputs name them; its text 11 px or more as drawn and inside the drawing.
    Saves a screenshot of it alone."""
    guide = d.find_element(By.CSS_SELECTOR, "form.log details.guide")
    guide.find_element(By.TAG_NAME, "summary").click()
    assert guide.get_attribute("open") is not None, f"{name}: the point guide did not unfold"
    texts, found = d.execute_script(
        TEXT_PX_JS + "const svg = arguments[0].querySelector('svg.point-guide'), box = svg.getBoundingClientRect();"
        "const out = [], texts = [...svg.querySelectorAll('text')];"
        "for (const t of texts) {"
        "  const px = textPx(t), r = t.getBoundingClientRect(), what = JSON.stringify(t.textContent);"
        "  if (px < 11) out.push(what + ' is ' + px.toFixed(1) + ' px');"
        "  if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5"
        "      || r.bottom > box.bottom + 0.5) out.push(what + ' is cut off at the edge of the drawing');"
        "}"
        "return [texts.map(t => t.textContent), out];", guide)
    points = [e.text for e in d.find_elements(By.CSS_SELECTOR, "fieldset.points label[for^=left_]")]
    assert points and texts[0] in ("wrist", "ankle") and texts[1:] == points, \
        f"{name}: the point guide says {texts}, the form's points are {points}"
    for f in found:
        fail(f"{name}: point guide: {f}")
    os.makedirs(SHOTS, exist_ok=True)
    guide.screenshot(os.path.join(SHOTS, f"{name}-guide.png"))


def open_log_form(d, base):
    d.get(base + "/clients/Maria%20Keller")
    link = d.find_element(By.LINK_TEXT, "Log a session")
    old = d.find_element(By.TAG_NAME, "html")
    link.click()
    wait_new_page(d, old)
    assert d.current_url.endswith("/clients/Maria%20Keller/log"), f"the log link went to {d.current_url}"


def sign_in_ended(d, st, base, origin):
    """A sign-in that ends while she types loses nothing: Save lands on the sign-in page, which says
    so; signed in again she is back on the form with every value in place, and saves it once."""
    count_before, _ = newest_session(st)
    open_log_form(d, base)
    typed = {k: round(v + 0.2, 1) for k, v in last_values(d).items()}
    fill_points(d, typed)
    d.find_element(By.ID, "pain").send_keys("4")
    d.find_element(By.ID, "skin_dryness").click()
    d.find_element(By.ID, "note").send_keys("Typed before the sign-in ended")
    d.delete_all_cookies()  # as when another tab signs out, or the server restarts
    submit_and_wait(d, save_button(d))
    assert "/login?" in d.current_url, f"Save without a sign-in went to {d.current_url}"
    said = d.find_element(By.CSS_SELECTOR, ".login .message.ok").text
    assert said.startswith("Your sign-in had ended, so nothing was saved."), f"the sign-in page says {said!r}"
    check_page(d, "signin-kept", origin)
    d.find_element(By.ID, "login").send_keys("maria")
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
    assert d.current_url == base + "/clients/Maria%20Keller/log", f"signed in again on {d.current_url}"
    assert d.find_element(By.ID, "draft-note").is_displayed(), "the form does not say its values came back"
    back = {k: float(d.find_element(By.ID, k).get_attribute("value")) for k in typed}
    assert back == typed, f"the points came back as {back}, typed {typed}"
    assert d.find_element(By.ID, "pain").get_attribute("value") == "4", "the pain did not come back"
    assert d.find_element(By.ID, "skin_dryness").is_selected(), "the dry skin box did not come back"
    assert d.find_element(By.ID, "note").get_attribute("value") == "Typed before the sign-in ended"
    check_page(d, "log-form-draft", origin)
    submit_and_wait(d, save_button(d))
    assert "?saved=" in d.current_url, f"saving the draft went to {d.current_url}: {text_of(d)[:400]}"
    count_after, s = newest_session(st)
    assert count_after == count_before + 1, f"{count_after - count_before} sessions stored, not 1"
    same_mm(s["left_mm"], positions(typed, "left"), "left side")
    assert s["notes"] == "Typed before the sign-in ended" and s["symptoms"]["pain"] == 4, f"stored: {s}"
    # Saved, the draft is gone: the next form starts empty.
    open_log_form(d, base)
    assert not d.find_element(By.ID, "draft-note").is_displayed(), "a saved draft came back"
    assert d.find_element(By.ID, "pain").get_attribute("value") == "", "a saved draft filled the next form"


def older_sessions(d, st, base, origin):
    """Her whole history, twelve sessions a page: Older sessions, then Newer, from the first page."""
    history = st.json("history", MARIA, "--format", "json")
    pages = (len(history) + 11) // 12
    d.get(base + "/clients/Maria%20Keller")
    submit_and_wait(d, d.find_element(By.LINK_TEXT, "Older sessions"))
    assert d.current_url == base + "/clients/Maria%20Keller?page=2#sessions", f"Older went to {d.current_url}"
    assert d.find_element(By.CSS_SELECTOR, "nav.pages [aria-current=page]").text == f"Page 2 of {pages}"
    whens = [e.text for e in d.find_elements(By.CSS_SELECTOR, "ol.sessions > li .when")]
    # The 13th newest to the 24th: history is oldest first.
    expected = [h["recorded_at"][:10] + " " + h["recorded_at"][11:16] for h in history[-24:-12]][::-1]
    assert [w[:16] for w in whens] == expected, f"page 2 lists {whens}, not {expected}"
    check_page(d, "client-page-2", origin)
    submit_and_wait(d, d.find_element(By.LINK_TEXT, "Newer sessions"))
    assert d.current_url == base + "/clients/Maria%20Keller?page=1#sessions", f"Newer went to {d.current_url}"


def save_button(d):
    return d.find_element(By.XPATH, "//button[normalize-space()='Save the session']")


def log_a_session(d, st, base, origin):
    open_log_form(d, base)
    check_page(d, "log-form", origin)
    last = last_values(d)
    typed = {k: round(v + 0.1, 1) for k, v in last.items()}
    fill_points(d, typed)
    for key, v in {"heaviness": "3", "tightness": "2", "pain": "1", "swelling": "2"}.items():
        d.find_element(By.ID, key).send_keys(v)
    d.find_element(By.ID, "skin_redness").click()
    Select(d.find_element(By.ID, "compression")).select_by_index(1)
    d.find_element(By.ID, "note").send_keys("Logged from the browser test")
    submit_and_wait(d, save_button(d))
    assert d.current_url.startswith(base + "/clients/Maria%20Keller?saved="), \
        f"saving went to {d.current_url}: {text_of(d)[:600]}"
    msg = d.find_element(By.CSS_SELECTOR, ".message.ok").text
    # "Saved. Your new figures:", then the saved session's time, its volumes in plain words (no RVC on
    # her own page) and everything else she entered.
    m = re.fullmatch(r"Saved\. Your new figures:\n(\d{4}-\d\d-\d\d \d\d:\d\d)\n"
                     r"Left arm (\d+) mL, right arm (\d+) mL\n"
                     r"Heaviness 3, tightness 2, pain 1, swelling 2 \(0-10\); skin: redness; no compression worn\n"
                     r"Logged from the browser test", msg)
    assert m, f"no 'Saved. Your new figures:' message with the session's time, volumes and entries: {msg!r}"
    history = st.json("history", MARIA, "--format", "json")
    shown = (int(m.group(2)), int(m.group(3)))
    stored = tuple(round(history[-1]["volume_ml"][side]) for side in ("left", "right"))
    assert shown == stored, f"the saved answer shows {shown} mL, history has {stored}"
    first = d.find_element(By.CSS_SELECTOR, "ol.sessions > li")
    assert first.find_element(By.CSS_SELECTOR, ".when").text.startswith(m.group(1)), \
        f"the newest of Recent sessions is not the saved one ({m.group(1)}): {first.text!r}"
    assert "Logged from the browser test" in first.text, f"the new session's note is not listed: {first.text!r}"
    check_page(d, "client-saved", origin)

    _, s = newest_session(st)
    same_mm(s["left_mm"], positions(typed, "left"), "left side")
    same_mm(s["right_mm"], positions(typed, "right"), "right side")
    assert s["symptoms"]["pain"] == 1 and s["symptoms"]["heaviness"] == 3, f"symptoms stored: {s['symptoms']}"
    assert "redness" in s["skin"], f"skin stored: {s['skin']}"
    assert s["notes"] == "Logged from the browser test", f"notes stored: {s['notes']!r}"
    audit = st.run("audit", MARIA)
    assert "maria (web)" in audit, f"the audit trail does not name 'maria (web)':\n{audit}"


def implausible_then_confirmed(d, st, base, origin):
    open_log_form(d, base)
    typed = {k: round(v + 0.1, 1) for k, v in last_values(d).items()}
    typed["left_0"] = round(typed["left_0"] + 10, 1)
    fill_points(d, typed)
    submit_and_wait(d, save_button(d))
    error = d.find_element(By.ID, "form-error").text
    assert "look like a mistake" in error, f"an implausible value was not refused: {error!r}"
    for key, v in typed.items():
        kept = d.find_element(By.ID, key).get_attribute("value")
        assert kept == f"{v:.1f}", f"{key} came back as {kept!r}, typed {v:.1f}"
    for key in typed:
        marked = d.find_element(By.ID, key).get_attribute("aria-invalid")
        assert marked == ("true" if key == "left_0" else "false"), f"{key}: aria-invalid={marked} after the refusal"
    assert "form-error" in d.find_element(By.ID, "left_0").get_attribute("aria-describedby"), \
        "the implausible point is not described by the error message"
    check_page(d, "log-implausible", origin, expected_console=["status of 422"])
    box = d.find_element(By.ID, "confirm")
    label = d.find_element(By.CSS_SELECTOR, "label[for=confirm]").text
    assert "These values are right" in label, f"the confirm box says {label!r}"
    box.click()
    submit_and_wait(d, save_button(d))
    assert "?saved=" in d.current_url, f"confirming did not save: {text_of(d)[:600]}"
    _, s = newest_session(st)
    same_mm(s["left_mm"], positions(typed, "left"), "the confirmed left side")


def out_of_range(d, st, base, origin):
    before, _ = newest_session(st)
    open_log_form(d, base)
    d.find_element(By.ID, "pain").send_keys("11")
    submit_and_wait(d, save_button(d))
    error = d.find_element(By.ID, "form-error").text
    assert re.search(r"\bpain\b", error, re.I), f"the error for pain 11 does not name the field: {error!r}"
    assert d.find_element(By.ID, "pain").get_attribute("aria-invalid") == "true", "pain is not marked invalid"
    assert d.find_element(By.ID, "pain").get_attribute("value") == "11", "pain's value was not kept"
    assert "form-error" in d.find_element(By.ID, "pain").get_attribute("aria-describedby"), \
        "pain is not described by the error message"
    check_page(d, "log-out-of-range", origin, expected_console=["status of 422"])
    after, _ = newest_session(st)
    assert after == before, f"pain 11 stored a session: {before} -> {after}"


def correct_then_delete(d, st, base, origin):
    """Her newest session: Correct (the form filled in, a reason), then Delete (a reason, a confirm page)."""
    count, before = newest_session(st)
    newest_id = st.json("history", MARIA, "--format", "json")[-1]["id"]
    d.get(base + "/clients/Maria%20Keller")
    first = d.find_element(By.CSS_SELECTOR, "ol.sessions > li")
    old = d.find_element(By.TAG_NAME, "html")
    first.find_element(By.LINK_TEXT, "Correct").click()
    wait_new_page(d, old)
    assert d.current_url.endswith(f"/sessions/{newest_id}/edit"), f"Correct went to {d.current_url}"
    pain = d.find_element(By.ID, "pain")
    shown = pain.get_attribute("value")
    want = str(before["symptoms"]["pain"]) if before["symptoms"]["pain"] is not None else ""
    assert shown == want, f"the correction form shows pain {shown!r}, stored {want!r}"
    pain.clear()
    pain.send_keys("4")
    d.find_element(By.ID, "reason").send_keys("I typed the wrong pain")
    check_page(d, "correct-form", origin)
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Save the correction']"))
    assert "?corrected=" in d.current_url, f"the correction was not saved: {text_of(d)[:600]}"
    msg = d.find_element(By.CSS_SELECTOR, ".message.ok").text
    assert msg.startswith("Corrected; the old values are kept."), f"after a correction the page says {msg!r}"
    check_page(d, "client-corrected", origin)
    count2, after = newest_session(st)
    assert count2 == count and after["symptoms"]["pain"] == 4, f"pain after the correction: {after['symptoms']}"
    assert after["left_mm"] == before["left_mm"], "the correction changed values that were not touched"
    # The page's Corrections say it in words, as `swelltrack audit` does: the field as the form
    # names it, old -> new, the reason, her login.
    when = before["recorded_at"][:10] + " " + before["recorded_at"][11:16]
    was = "not recorded" if before["symptoms"]["pain"] is None else str(before["symptoms"]["pain"])
    said = d.find_elements(By.CSS_SELECTOR, "ul.corrections > li")[-1].text
    want = f"Session of {when} corrected: Pain: {was} -> 4 (I typed the wrong pain) - by maria (web), "
    assert said.startswith(want), f"the page's last correction reads {said!r}, not {want!r}..."
    assert st.run("audit", MARIA).splitlines()[-1] == said, "the page and `swelltrack audit` word it differently"

    first = d.find_element(By.CSS_SELECTOR, "ol.sessions > li")
    old = d.find_element(By.TAG_NAME, "html")
    first.find_element(By.LINK_TEXT, "Delete").click()
    wait_new_page(d, old)
    assert "Delete the session of" in d.find_element(By.TAG_NAME, "h1").text, f"no confirm page: {text_of(d)[:300]}"
    d.find_element(By.ID, "reason").send_keys("saved it twice")
    check_page(d, "delete-confirm", origin)
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Delete the session']"))
    msg = d.find_element(By.CSS_SELECTOR, ".message.ok").text
    assert msg.startswith("Deleted the session of "), f"after deleting the page says {msg!r}"
    check_page(d, "client-deleted", origin)
    ids = [e["id"] for e in st.json("history", MARIA, "--format", "json")]
    assert newest_id not in ids and len(ids) == count - 1, f"the session {newest_id} is still in history: {ids}"


def pdf_download(d, base):
    status, headers, body = http_get(base + "/clients/Maria%20Keller/report.pdf", session_cookie(d))
    assert status == 200 and body.startswith(b"%PDF"), f"report.pdf: {status}, starts {body[:20]!r}"
    text = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, timeout=60).stdout.decode()
    assert MARIA in text, "the PDF does not name Maria Keller"


def not_her_pages(d, base):
    d.get(base + "/clients/Jonas%20Weber")
    page = d.page_source
    assert "Jonas" not in page and "Weber" not in page, f"Jonas's page leaks to maria: {text_of(d)[:300]!r}"
    cookie = session_cookie(d)
    status, _, body = http_get(base + "/clients/Jonas%20Weber", cookie)
    assert status == 404 and b"Jonas" not in body, f"/clients/Jonas%20Weber for maria: {status} {body[:200]!r}"
    status, _, body = http_get(base + "/api/status", cookie)
    assert status == 403, f"/api/status for maria: {status} {body[:200]!r}"
    console_errors(d)  # the 404 above is expected


def calendar(d, st, base, origin):
    """Her reminders: Sundays at 07:30 set on her page, the feed's address to open (webcal:) or copy, a
    week she has measured without a reminder, a new address that retires the old one."""
    d.get(base + "/clients/Maria%20Keller")
    d.find_element(By.ID, "remind_sun").click()
    d.execute_script("arguments[0].value = '07:30'", d.find_element(By.ID, "remind_at"))
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Save the reminders']"))
    said = d.find_element(By.XPATH, "//h2[@id='reminders']/following-sibling::p[2]").text
    assert said.startswith("A reminder on Sunday at 07:30, unless a session has been logged"), f"reminders: {said!r}"
    make = d.find_element(By.XPATH, "//button[normalize-space()='Make a calendar address']")
    submit_and_wait(d, make)
    url = d.find_element(By.ID, "calendar-url").get_attribute("value")
    assert url.startswith(base + "/clients/Maria%20Keller/schedule.ics?token="), f"the calendar address: {url!r}"
    webcal = d.find_element(By.LINK_TEXT, "Open in your calendar").get_attribute("href")
    assert webcal == "webcal" + url[len("http"):], f"the webcal: link {webcal!r} for {url!r}"
    d.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["clipboardReadWrite",
                                                                                   "clipboardSanitizedWrite"]})
    copy = d.find_element(By.XPATH, "//button[normalize-space()='Copy the address']")
    assert copy.is_displayed(), "the copy button is hidden where the browser can copy"
    copy.click()
    copied = d.execute_async_script("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('' + e))")
    assert copied == url, f"the copy button copied {copied!r}"
    status, headers, body = http_get(url)
    assert status == 200, f"the feed without cookies: {status}"
    assert headers.get("Content-Type", "").startswith("text/calendar"), f"feed type {headers.get('Content-Type')}"
    feed = body.decode().replace("\r\n ", "")
    # Her newest session (logged today by this test) covers this week: the first reminder is the
    # first Sunday on or after that day + 7.
    newest = datetime.date.fromisoformat(st.json("history", MARIA, "--format", "json")[-1]["recorded_at"][:10])
    due = max(datetime.date.today(), newest + datetime.timedelta(days=7))
    first = due + datetime.timedelta(days=(6 - due.weekday()) % 7)
    for line in [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SU",
                 "TRIGGER;RELATED=START:PT7H30M"]:
        assert "\r\n" + line + "\r\n" in feed, f"the feed has no {line!r}: {feed!r}"
    check_page(d, "client-calendar", origin)
    renew = d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'New address')]")
    submit_and_wait(d, renew)
    new_url = d.find_element(By.ID, "calendar-url").get_attribute("value")
    assert new_url != url, "New address kept the old address"
    assert http_get(url)[0] == 404, "the old calendar address still works after 'New address'"
    assert http_get(new_url)[0] == 200, "the new calendar address does not work"


def dark_mode(d, base, origin, suffix=""):
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        for name, path in [("client-dark" + suffix, "/clients/Maria%20Keller"),
                           ("log-form-dark" + suffix, "/clients/Maria%20Keller/log")]:
            d.get(base + path)
            bg = d.execute_script("return getComputedStyle(document.body).backgroundColor")
            rgb = [int(x) for x in re.findall(r"\d+", bg)[:3]]
            assert len(rgb) == 3 and sum(rgb) / 3 < 60, f"{name}: the body's background in dark mode is {bg}"
            if path.endswith("/log"):
                open_point_guide(d, name)
            check_page(d, name, origin)
    finally:
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def narrow_phone(d, base, origin):
    """The smallest common phone width: her page, light and dark, and the form."""
    login_with_form(d, base, "maria")
    for name, path in [("client-360", "/clients/Maria%20Keller"), ("log-form-360", "/clients/Maria%20Keller/log")]:
        d.get(base + path)
        if path.endswith("/log"):
            open_point_guide(d, name)
        check_page(d, name, origin)
        for i, figure in enumerate(d.find_elements(By.CSS_SELECTOR, ".charts figure")):
            figure.screenshot(os.path.join(SHOTS, f"{name}-chart-{i + 1}.png"))  # to look at each one closely
    dark_mode(d, base, origin, suffix="-360")


def list_names(d):
    return [e.text for e in d.find_elements(By.CSS_SELECTOR, "table.clients tbody tr .name")]


def click_link(d, text):
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.PARTIAL_LINK_TEXT, text).click()
    wait_new_page(d, old)


def therapist(d, st, base, origin):
    """The list: a table in status's order, each overdue client marked; sorted by a column and back,
    filtered, searched whatever the case and spaces, an empty search offering every client; cards
    at phone width."""
    login_with_form(d, base, "tess")
    assert d.current_url == base + "/", f"tess landed on {d.current_url}"
    check_page(d, "home", origin)
    status = st.json("status", "--format", "json")
    rows = d.find_elements(By.CSS_SELECTOR, "table.clients tbody tr")
    names = [r.find_element(By.CSS_SELECTOR, ".name").text for r in rows]
    assert names == [s["name"] for s in status], f"the list {names} is not in status's order {[s['name'] for s in status]}"
    for row, s in zip(rows, status):
        marked = "Overdue" in [b.text for b in row.find_elements(By.CSS_SELECTOR, ".badge")]
        assert marked == s["overdue"], f"{s['name']}: overdue {s['overdue']} but the row's mark is {marked}"
    click_link(d, "Client")
    assert list_names(d) == sorted(names, key=str.casefold), f"sorted by name: {list_names(d)}"
    click_link(d, "Client")
    assert list_names(d) == sorted(names, key=str.casefold, reverse=True), f"by name, reversed: {list_names(d)}"
    click_link(d, "Days since")
    days = {s["name"]: s["days_since_last"] for s in status}
    shown = list_names(d)
    assert [days[n] for n in shown] == sorted(days.values(), reverse=True), f"by days since: {shown}"
    # Not measured for a while: the clients without a schedule past the clinic's 90 days.
    click_link(d, "Not measured for a while")
    due = [s["name"] for s in status if s["days_since_last"] > 90 and s["name"] != MARIA]  # Maria has a schedule
    assert sorted(list_names(d)) == sorted(due), f"not measured for a while: {list_names(d)}, want {due}"
    check_page(d, "home-due", origin)
    box = d.find_element(By.ID, "q")
    box.send_keys("  JONAS ")
    old = d.find_element(By.TAG_NAME, "html")
    box.send_keys(Keys.ENTER)
    wait_new_page(d, old)
    assert list_names(d) == ["Jonas Weber"], f"searching '  JONAS ' shows {list_names(d)}"
    check_page(d, "home-search", origin)
    d.get(base + "/?q=nobody")
    said = d.find_element(By.CSS_SELECTOR, "main .message").text
    assert said == "No client\u2019s name matches \u201Cnobody\u201D. Show all clients", f"an empty search says {said!r}"
    check_page(d, "home-nomatch", origin)
    click_link(d, "Show all clients")
    assert list_names(d) == names, "Show all clients does not list them all"
    # The clinic's settings: every threshold with its allowed range.
    d.get(base + "/")
    click_link(d, "Settings")
    assert d.find_element(By.ID, "check_in_days").get_attribute("value") == "90", "the check-in interval is not shown"
    check_page(d, "settings", origin)
    # Adding a client: the form, filled and sent, lands on her page.
    d.get(base + "/")
    click_link(d, "Add a client")
    check_page(d, "new-client", origin)
    d.find_element(By.ID, "name").send_keys("Eva Nowak")
    Select(d.find_element(By.ID, "limb")).select_by_visible_text("leg")
    Select(d.find_element(By.ID, "affected")).select_by_visible_text("both")
    d.find_element(By.ID, "every_days").send_keys("14")
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Add the client']"))
    assert d.current_url == base + "/clients/Eva%20Nowak?added=1", f"adding a client went to {d.current_url}"
    eva = st.json("export", "Eva Nowak", "--format", "json")["clients"][0]
    assert (eva["limb"], eva["affected"], eva["every_days"]) == ("leg", "both", 14), f"stored: {eva}"
    # A schedule and a baseline move on a client's page.
    d.get(base + "/clients/Jonas%20Weber")
    box = d.find_element(By.ID, "every_days")
    box.clear()
    box.send_keys("14")
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Save the schedule']"))
    assert d.current_url.endswith("?schedule=saved#care"), f"saving the schedule went to {d.current_url}"
    assert st.json("export", "Jonas Weber", "--format", "json")["clients"][0]["every_days"] == 14
    check_page(d, "client-care", origin)
    link = d.find_elements(By.LINK_TEXT, "Make it the baseline")[-1]  # the oldest on the page
    old = d.find_element(By.TAG_NAME, "html")
    link.click()
    wait_new_page(d, old)
    chosen = d.current_url.split("/sessions/")[1].split("/")[0]
    d.find_element(By.ID, "reason").send_keys("the first sessions were over a bandage")
    check_page(d, "baseline-confirm", origin)
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Make it the baseline']"))
    said = d.find_element(By.CSS_SELECTOR, ".message.ok").text
    assert said.startswith("The baseline of leg-4cm is now the session of "), f"after the move the page says {said!r}"
    pinned = [h for h in st.json("history", "Jonas Weber", "--format", "json") if str(h["id"]) == chosen]
    assert pinned and said.startswith(f"The baseline of leg-4cm is now the session of {pinned[0]['recorded_at'][:10]}")
    assert st.run("audit", "Jonas Weber").splitlines()[-1].startswith("Baseline for leg-4cm moved: "), "not audited"
    check_page(d, "client-baseline-moved", origin)
    # Two sessions side by side: the baseline against the newest unless chosen.
    click_link(d, "Compare two sessions")
    rows = d.find_elements(By.CSS_SELECTOR, "table.compare tbody tr")
    assert len(rows) == 2 + 2 * 16, f"the comparison has {len(rows)} rows, not 2 volumes and 32 points of leg-4cm"
    check_page(d, "compare", origin)
    # A phone's width: each client a card, nothing wider than the screen (check_page).
    d.swell_size, d.swell_mobile = PHONE, True
    metrics(d)
    d.get(base + "/")
    shown = d.execute_script("return getComputedStyle(document.querySelector('table.clients tbody tr')).display")
    assert shown == "block", f"at phone width a client's row is laid out as {shown!r}, not a card"
    check_page(d, "home-phone", origin)
    d.swell_size, d.swell_mobile = DESKTOP, False
    metrics(d)
    for name, path in [("client-desktop", "/clients/Jonas%20Weber"), ("log-form-desktop", "/clients/Jonas%20Weber/log"),
                       ("client-inches-desktop", "/clients/Dorothy%20Evans")]:
        d.get(base + path)
        if path.endswith("/log"):
            open_point_guide(d, name)
        check_page(d, name, origin)


def squashed(text):
    return " ".join(text.split())


def her_courses(d, base, origin):
    """Her page says what her treatment did in her words, worked by hand in sample_data_test: the
    intensive phase took 50.44% of the extra swelling off, and 4 weeks after it 48.83% was still
    gone. The maintenance phase runs on: its figure so far counts the sessions this test logged."""
    d.get(base + "/clients/Maria%20Keller")
    said = [p.text for p in d.find_elements(By.XPATH, "//h2[@id='courses']/following-sibling::p")][:2]
    assert len(said) == 2, f"her page's treatment part: {said}"
    running = "Since your maintenance phase began on 2024-10-21, the extra swelling of your left arm went up by "
    assert said[0].startswith(running) and said[0].endswith("%."), f"her page says {said[0]!r} of the maintenance"
    want = ("During your intensive treatment from 2024-09-30 to 2024-10-18, the extra swelling of your left arm went "
            "down by 50.4%. 4 weeks after it ended, 48.8% of it was still gone.")
    assert said[1] == want, f"her page says {said[1]!r}, not {want!r}"
    legend = d.find_element(By.CSS_SELECTOR, ".charts figure svg.chart").text
    assert "your intensive treatment" in legend and "your maintenance phase" in legend, f"the volume chart's legend: {legend!r}"
    check_page(d, "client-courses", origin)


def photos(d, st, base, origin):
    """Her phone's photo (GPS, camera, time, turned by EXIF orientation 6) sent from the session form's
    file input with the session, then a second of the same site from her page's photo form: both kept
    upright without the metadata, shown side by side, the first with its session; at 390 px."""
    st.run("client", "edit", MARIA, "--photo-consent", "yes")
    shot = os.path.join(os.path.dirname(st.db), "IMG_0001.jpg")
    subprocess.run([MAKE_TEST_PHOTO, shot, "900", "600"], check=True)
    exif = subprocess.run(["exiftool", "-s", "-n", "-GPSLatitude", "-Orientation", shot], capture_output=True,
                          text=True, check=True).stdout
    assert "GPSLatitude" in exif and "Orientation                     : 6" in exif, f"the test photo's tags: {exif}"
    # With the session: the form's camera field.
    open_log_form(d, base)
    check_page(d, "log-form-photo", origin)
    fill_points(d, {k: round(v + 0.1, 1) for k, v in last_values(d).items()})
    d.find_element(By.ID, "photo").send_keys(shot)
    d.find_element(By.ID, "photo_site").send_keys("left forearm")
    submit_and_wait(d, save_button(d))
    assert "?saved=" in d.current_url, f"the session with a photo went to {d.current_url}: {text_of(d)[:600]}"
    kept = st.json("photo", "list", MARIA, "--format", "json")
    assert len(kept) == 1 and kept[0]["session"] == newest_session(st)[1]["recorded_at"], f"photos: {kept}"
    assert (kept[0]["width"], kept[0]["height"]) == (600, 900), f"not turned upright: {kept[0]}"
    # A second of the same site from her page's photo form.
    d.get(base + "/clients/Maria%20Keller#photos")
    form = d.find_element(By.CSS_SELECTOR, "form[action$='/photos']")
    form.find_element(By.ID, "photo").send_keys(shot)
    form.find_element(By.ID, "photo_site").send_keys("left forearm")
    submit_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "#photos" in d.current_url, f"the photo form went to {d.current_url}: {text_of(d)[:600]}"
    pair = d.find_element(By.CSS_SELECTOR, "ul.photos li")
    captions = [f.text for f in pair.find_elements(By.TAG_NAME, "figcaption")]
    assert len(captions) == 2 and captions[0].startswith("Before, ") and captions[1].startswith("Then, "), \
        f"the site's two photos side by side: {captions}"
    d.execute_script("arguments[0].scrollIntoView()", pair)
    WebDriverWait(d, 10).until(lambda d: d.execute_script(
        "return [...arguments[0].querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)", pair))
    # Upright: the red corner the phone stored top-left is now top-right, as the phone showed it.
    corner = d.execute_script(
        "const i = arguments[0].querySelector('img'), c = document.createElement('canvas');"
        "c.width = i.naturalWidth; c.height = i.naturalHeight; const g = c.getContext('2d'); g.drawImage(i, 0, 0);"
        "return [[...g.getImageData(c.width - 8, 8, 1, 1).data], [...g.getImageData(8, 8, 1, 1).data]];", pair)
    right, left = corner
    assert right[0] > 180 and right[1] < 80 and left[1] > 100, f"the thumbnail's corners (top-right, top-left): {corner}"
    for p in kept + st.json("photo", "list", MARIA, "--format", "json")[1:]:
        path = os.path.join(os.path.dirname(st.db), f"kept-{p['id']}.jpg")
        st.run("photo", "export", MARIA, str(p["id"]), "-o", path, "--force")
        left_over = subprocess.run(["exiftool", "-s", "-GPS:all", "-EXIF:all", "-XMP:all", "-IPTC:all", path],
                                   capture_output=True, text=True, check=True).stdout
        assert left_over == "", f"photo {p['id']} kept metadata: {left_over}"
    check_page(d, "client-photos", origin)
    d.execute_script("arguments[0].scrollIntoView()", pair)
    screenshot(d, "client-photos-pair")


def courses(d, st, base, origin):
    """The therapist's view of Maria's courses: every line `course show` gives, in the same words, and
    each course shaded in the volume chart; a course overlapping another refused with the reason and
    nothing stored; the maintenance ended on a day and a new course added through the forms; at a
    desktop's width and a phone's."""
    d.get(base + "/clients/Maria%20Keller")
    page = squashed(text_of(d))
    for course in st.json("course", "list", MARIA, "--format", "json"):
        shown = st.run("course", "show", MARIA, "--id", str(course["id"])).splitlines()
        lines = [squashed(l) for l in shown[1:] if l.startswith("    ")]  # the limb's labelled lines
        assert len(lines) >= 4, f"course show gave {shown}"
        for line in lines + [squashed(shown[1]).removeprefix(f"Course {course['id']}: ")]:
            assert line in page, f"the therapist's page lacks {line!r} of course {course['id']}"
    legend = d.find_element(By.CSS_SELECTOR, ".charts figure svg.chart").text
    assert "intensive phase (CDT)" in legend and "maintenance phase" in legend, f"the volume chart's legend: {legend!r}"
    check_page(d, "client-courses-desktop", origin)
    # A course inside the running maintenance: refused, saying which, nothing stored.
    Select(d.find_element(By.ID, "kind")).select_by_visible_text("Course")
    d.execute_script("arguments[0].value = '2025-01-06'", d.find_element(By.ID, "from"))
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Add the course']"))
    said = d.find_element(By.CSS_SELECTOR, ".message.error").text
    assert "shares days with the client's maintenance since 2024-10-21 (running)" in said, f"the overlap says {said!r}"
    assert d.find_element(By.ID, "from").get_attribute("aria-invalid") == "true", "the first day is not marked invalid"
    assert len(st.json("course", "list", MARIA, "--format", "json")) == 2, "a refused course was stored"
    check_page(d, "course-refused", origin, expected_console=["status of 422"])
    # End the maintenance on the day of her last session, then add the course after it.
    d.get(base + "/clients/Maria%20Keller")
    click_link(d, "Change or end")
    check_page(d, "course-change", origin)
    d.execute_script("arguments[0].value = '2025-04-27'", d.find_element(By.ID, "on"))
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='End the course']"))
    assert d.current_url.endswith("/clients/Maria%20Keller#course-2"), f"ending went to {d.current_url}"
    stored = st.json("course", "list", MARIA, "--format", "json")
    assert stored[1]["to"] == "2025-04-27", f"the maintenance is now {stored[1]}"
    Select(d.find_element(By.ID, "kind")).select_by_visible_text("Intensive phase (CDT)")
    d.execute_script("arguments[0].value = '2025-05-05'", d.find_element(By.ID, "from"))
    d.find_element(By.ID, "note").send_keys("A new sleeve and a week of MLD")
    submit_and_wait(d, d.find_element(By.XPATH, "//button[normalize-space()='Add the course']"))
    stored = st.json("course", "list", MARIA, "--format", "json")
    assert [(c["kind"], c["from"], c["to"]) for c in stored[2:]] == [("cdt-intensive", "2025-05-05", None)], stored
    audit = st.run("audit", MARIA).splitlines()[-2:]
    assert audit[0].startswith("course.end maintenance 2024-10-21 to 2025-04-27: ") and " - by tess (web), " in audit[0], audit
    assert audit[1].startswith("course.add cdt-intensive since 2025-05-05 (running): ") and " - by tess (web), " in audit[1], audit
    d.swell_size, d.swell_mobile = PHONE, True
    metrics(d)
    d.get(base + "/clients/Maria%20Keller#courses")
    check_page(d, "client-courses-phone", origin)
    d.swell_size, d.swell_mobile = DESKTOP, False
    metrics(d)


def invitation(d, st, base, origin):
    """Tess gives Dorothy a login on her page; the link, opened, sets Dorothy's password and signs her in."""
    d.get(base + "/clients/Dorothy%20Evans")
    d.find_element(By.ID, "invite-login").send_keys("dorothy")
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form.invite button[type=submit]"))
    check_page(d, "invite-made", origin)
    link = d.find_element(By.ID, "invite-url").get_attribute("value")
    assert link.startswith(base + "/invite/"), f"the invitation's link: {link!r}"
    assert d.find_element(By.CSS_SELECTOR, "button[data-copy='invite-url']").is_displayed(), "no copy button"
    d.get(link)
    check_page(d, "invite", origin)
    for field in ("password", "password2"):
        d.find_element(By.ID, field).send_keys(PASSWORD)
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert d.current_url == base + "/clients/Dorothy%20Evans", f"after the invitation: {d.current_url}"
    assert "Signed in as dorothy" in text_of(d), "the invitation did not sign her in"
    assert [u["login"] for u in st.json("user", "list", "--format", "json")].count("dorothy") == 1
    assert http_get(link)[0] == 404, "the invitation's link works a second time"


def report_link(d, st, base, origin):
    """Tess shares Jonas's report with his doctor: the link opens with no sign-in, shows his charts and the
    PDF, is audited, and is dead once she revokes it."""
    d.delete_all_cookies()  # the invitation signed this browser in as Dorothy
    login_with_form(d, base, "tess")
    d.get(base + "/clients/Jonas%20Weber")
    d.find_element(By.ID, "share-label").send_keys("Dr. Weber, oncology")
    days = d.find_element(By.ID, "share-days")
    days.clear()
    days.send_keys("30")
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form.share button[type=submit]"))
    check_page(d, "share-made", origin)
    link = d.find_element(By.ID, "share-url").get_attribute("value")
    assert link.startswith(base + "/shared/"), f"the report link: {link!r}"
    assert d.find_element(By.CSS_SELECTOR, "button[data-copy='share-url']").is_displayed(), "no copy button"
    d.delete_all_cookies()  # a clinician's browser: never signed in here
    d.get(link)
    check_page(d, "shared", origin)
    assert d.find_elements(By.CSS_SELECTOR, ".charts svg"), "the shared page shows no charts"
    assert not d.find_elements(By.TAG_NAME, "form"), "the shared page has a form"
    assert "Shared by tess for Dr. Weber, oncology" in text_of(d), "the shared page does not say who shared it"
    pdf = d.find_element(By.LINK_TEXT, "PDF report").get_attribute("href")
    status, _, body = http_get(pdf)
    assert status == 200 and body.startswith(b"%PDF"), f"the shared PDF: {status}"
    trail = st.run("audit", "Jonas Weber")
    for opened in ("the page", "the PDF"):
        assert f"Report link for Dr. Weber, oncology opened ({opened})" in trail, f"{opened} not audited"
    login_with_form(d, base, "tess")
    d.get(base + "/clients/Jonas%20Weber")
    submit_and_wait(d, d.find_element(By.CSS_SELECTOR, "form[action$='/share/revoke'] button[type=submit]"))
    assert "Revoked: the link no longer opens." in text_of(d), "no word that the link was revoked"
    check_page(d, "client-share-revoked", origin)
    assert http_get(link)[0] == 404, "a revoked link still opens"
    assert http_get(pdf)[0] == 404, "a revoked link's PDF still opens"


# ---- Main ---------------------------------------------------------------------------------------------


def main():
    started = time.monotonic()
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SWELLTRACK_BIN", "")
    assert binary and os.access(binary, os.X_OK), "give the swelltrack binary as the argument or in SWELLTRACK_BIN"
    for tool, what in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver"), (AXE, "axe-core (npm ci --prefix tests/browser)"),
                       (MAKE_TEST_PHOTO or "SWELLTRACK_MAKE_TEST_PHOTO", "make_test_photo (ctest sets its path)"),
                       ("/usr/bin/exiftool", "libimage-exiftool-perl")]:
        assert os.path.exists(tool), f"{tool} is missing: install {what} (.ci/install-deps)"
    tmp = tempfile.mkdtemp(prefix="swelltrack-browser-")
    shutil.rmtree(SHOTS, ignore_errors=True)
    server, drivers = None, []
    ok = False
    try:
        pin_fonts(tmp)
        st = Swelltrack(binary, os.path.join(tmp, "clinic.db"))
        st.run("import", os.path.join(ROOT, "sample-data", "clients.csv"))
        st.run("import", os.path.join(ROOT, "sample-data", "sessions.json"))
        st.run("user", "add", "tess", "--role", "therapist", stdin=PASSWORD + "\n")
        st.run("user", "add", "maria", "--role", "client", "--client", MARIA, stdin=PASSWORD + "\n")
        st.run("client", "edit", MARIA, "--every", "7d")
        server, base = start_server(st, os.path.join(tmp, "serve.log"))
        origin = base

        phone = make_driver(PHONE, True, os.path.join(tmp, "phone-profile"))
        drivers.append(phone)
        steps = [("keyboard sign-in", lambda: keyboard_login(phone, base, origin)),
                 ("log a session", lambda: log_a_session(phone, st, base, origin)),
                 ("implausible, then confirmed", lambda: implausible_then_confirmed(phone, st, base, origin)),
                 ("out of range", lambda: out_of_range(phone, st, base, origin)),
                 ("correct, then delete", lambda: correct_then_delete(phone, st, base, origin)),
                 ("sign-in ended, nothing lost", lambda: sign_in_ended(phone, st, base, origin)),
                 ("older sessions", lambda: older_sessions(phone, st, base, origin)),
                 ("PDF", lambda: pdf_download(phone, base)),
                 ("another client's page", lambda: not_her_pages(phone, base)),
                 ("calendar", lambda: calendar(phone, st, base, origin)),
                 ("dark mode", lambda: dark_mode(phone, base, origin)),
                 ("her treatment in her words", lambda: her_courses(phone, base, origin)),
                 ("photos from the camera field", lambda: photos(phone, st, base, origin))]
        for name, step in steps:
            t = time.monotonic()
            step()
            print(f"ok: {name} ({time.monotonic() - t:.1f} s)", flush=True)
        phone.quit()
        drivers.remove(phone)

        narrow = make_driver(NARROW_PHONE, True, os.path.join(tmp, "narrow-profile"))
        drivers.append(narrow)
        t = time.monotonic()
        narrow_phone(narrow, base, origin)
        print(f"ok: her pages at 360 px ({time.monotonic() - t:.1f} s)", flush=True)
        narrow.quit()
        drivers.remove(narrow)

        desktop = make_driver(DESKTOP, False, os.path.join(tmp, "desktop-profile"))
        drivers.append(desktop)
        t = time.monotonic()
        therapist(desktop, st, base, origin)
        print(f"ok: the therapist's list and search ({time.monotonic() - t:.1f} s)", flush=True)
        t = time.monotonic()
        courses(desktop, st, base, origin)
        print(f"ok: treatment courses: figures, refused overlap, ended, added ({time.monotonic() - t:.1f} s)", flush=True)
        t = time.monotonic()
        invitation(desktop, st, base, origin)
        print(f"ok: an invitation sets her password ({time.monotonic() - t:.1f} s)", flush=True)
        t = time.monotonic()
        report_link(desktop, st, base, origin)
        print(f"ok: a report link opens without a sign-in until revoked ({time.monotonic() - t:.1f} s)", flush=True)
        ok = True
    except Exception:
        traceback.print_exc()
        if drivers:
            try:
                screenshot(drivers[-1], "failure")
                print(f"the page at the failure: {drivers[-1].current_url}\n{text_of(drivers[-1])[:1500]}")
            except Exception:
                pass
    finally:
        for d in drivers:
            try:
                d.quit()
            except Exception:
                pass
        if server:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log = open(os.path.join(tmp, "serve.log")).read().strip()
            if log and not ok:
                print("swelltrack serve said:\n" + log)
        shutil.rmtree(tmp, ignore_errors=True)

    print("\npage sizes, HTML + CSS + JS (bytes):     sent  uncompressed")
    for name, (sent, size) in page_sizes.items():
        print(f"  {name:34} {sent:7} {size:13}")
    print(f"screenshots in {SHOTS}")
    print(f"took {time.monotonic() - started:.1f} s")
    if problems:
        print(f"\n{len(problems)} problem(s) in the pages:\n" + "\n".join("  " + p for p in problems))
    if not ok or problems:
        print("FAILED")
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
