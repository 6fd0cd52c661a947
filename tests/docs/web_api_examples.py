#!/usr/bin/python3
"""Runs every ```sh example of docs/web-api.md against a real `swelltrack serve` and compares its output
with the ```text block that follows it. Usage: web_api_examples.py SWELLTRACK_BIN SOURCE_DIR

The examples run in order in one bash (so TOKEN and cookies.txt carry over), in a temporary folder,
with BASE and PASSWORD set. A difference prints both and fails."""
import os
import re
import signal
import subprocess
import sys
import tempfile

binary, source = sys.argv[1], sys.argv[2]
doc = open(os.path.join(source, "docs", "web-api.md"), encoding="utf-8").read()
pairs = re.findall(r"```sh\n(.*?)```\s*```text\n(.*?)```", doc, re.S)
if len(pairs) < 8:
    sys.exit(f"web-api.md: expected at least 8 examples with outputs, found {len(pairs)}")

with tempfile.TemporaryDirectory() as work:
    db = os.path.join(work, "clinic.db")

    def st(*args, stdin=None):
        r = subprocess.run([binary, "--db", db, *args], input=stdin, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"swelltrack {' '.join(args)} failed: {r.stderr}")

    for f in ("clients.csv", "sessions.json"):
        st("import", os.path.join(source, "sample-data", f))
    password = "a long therapist passphrase"
    st("user", "add", "tess", "--role", "therapist", stdin=password + "\n")
    server = subprocess.Popen([binary, "--db", db, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()
        m = re.search(r"listening on (http://\S+)", first)
        if not m:
            sys.exit(f"serve did not start: {first}{server.stderr.read()}")
        marker = "----swelltrack-example-end----"
        script = "set -u\n" + "".join(f"{code}\necho {marker}\n" for code, _ in pairs)
        r = subprocess.run(["bash", "-c", script], cwd=work, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "BASE": m.group(1), "PASSWORD": password})
        outputs = r.stdout.split(marker + "\n")
        failures = 0
        for i, (code, expected) in enumerate(pairs):
            got = outputs[i] if i < len(outputs) else "(no output: the script stopped)\n"
            if got != expected:
                failures += 1
                print(f"example {i + 1} differs:\n{code}\n--- expected ---\n{expected}--- got ---\n{got}")
        if r.stderr.strip():
            print("stderr of the examples:\n" + r.stderr)
        if failures:
            sys.exit(f"{failures} of {len(pairs)} examples in docs/web-api.md differ from what the server does")
        print(f"all {len(pairs)} examples in docs/web-api.md give the output shown")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            sys.exit("serve did not stop on SIGTERM within 10 s")
        if server.returncode != 0:
            sys.exit(f"serve exited with {server.returncode} on SIGTERM")
