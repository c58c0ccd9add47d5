"""Two `okra serve` on one PostgreSQL behind a real load balancer (haproxy), as an organization runs Okra when
one machine is not enough. Started by scripts/two-instances.sh with the okra binary, DATABASE_URL and a work
folder; stdlib only. It checks, and prints what it measured:

1. someone signed in through the balancer is served by both instances (sessions live in the database);
2. a check-in through instance A reaches an event stream held by instance B (LISTEN/NOTIFY), and how long after
   the check-in was sent;
3. a webhook subscribed once is delivered once per check-in, and the weekly reminder to the team chat is posted
   once, though both instances run a delivery worker and a reminder round every minute;
4. instance A killed with SIGKILL in the middle of a burst of check-ins loses none that were acknowledged, and
   instance B goes on serving through the balancer.
"""

import http.cookiejar
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from datetime import datetime

OKRA, DATABASE_URL, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
PASSWORD = "okra-demo-2026"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url, process=None, seconds=120):
    for _ in range(seconds * 5):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return True
        except Exception:
            if process is not None and process.poll() is not None:
                return False
            time.sleep(0.2)
    return False


processes = []


def start(arguments, log):
    process = subprocess.Popen(arguments, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    processes.append(process)
    return process


def stop_all():
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


# MARK: The organization, in PostgreSQL

demo_port = free_port()
demo = start([OKRA, "demo", "--db", f"{WORK}/demo.db", "--port", str(demo_port)], f"{WORK}/demo.log")
assert wait_until_answers(f"http://127.0.0.1:{demo_port}/health", demo), open(f"{WORK}/demo.log").read()
demo.terminate()
demo.wait(timeout=30)
subprocess.run([OKRA, "copy", "--from", f"{WORK}/demo.db", "--to", DATABASE_URL], check=True)

# MARK: A webhook receiver (the outside world)

deliveries = []
deliveries_lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with deliveries_lock:
            deliveries.append(
                {"path": self.path, "delivery": self.headers.get("X-Okra-Delivery"), "body": json.loads(body)})
        self.send_response(204)
        self.end_headers()


receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
receiver_url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
chat_url = f"http://127.0.0.1:{receiver.server_address[1]}/chat"

# MARK: Two instances and the balancer

balancer_port = free_port()
balancer = f"http://127.0.0.1:{balancer_port}"
ports = {"a": free_port(), "b": free_port()}
instances = {}
for name, port in ports.items():
    instances[name] = start(
        [OKRA, "serve", "--database-url", DATABASE_URL, "--port", str(port), "--allow-private-webhooks",
         "--public-url", balancer],
        f"{WORK}/okra-{name}.log")
for name, port in ports.items():
    assert wait_until_answers(f"http://127.0.0.1:{port}/health", instances[name]), \
        open(f"{WORK}/okra-{name}.log").read()

config = f"""
global
    maxconn 1000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    retries 3
    option redispatch
frontend okra
    bind 127.0.0.1:{balancer_port}
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /health
    http-response set-header X-Okra-Instance %s
    server a 127.0.0.1:{ports["a"]} check inter 500ms fall 2 rise 2
    server b 127.0.0.1:{ports["b"]} check inter 500ms fall 2 rise 2
"""
with open(f"{WORK}/haproxy.cfg", "w") as out:
    out.write(config)
haproxy = start(["haproxy", "-db", "-f", f"{WORK}/haproxy.cfg"], f"{WORK}/haproxy.log")
assert wait_until_answers(balancer + "/health", haproxy), open(f"{WORK}/haproxy.log").read()
time.sleep(1.5)  # both servers pass their first health checks

token = subprocess.run(
    [OKRA, "token", "create", "--database-url", DATABASE_URL, "--email", "admin@okra.demo"],
    check=True, capture_output=True, text=True).stdout.strip()


def api(base, method, path, body=None):
    request = urllib.request.Request(
        base + "/api/v1" + path, data=None if body is None else json.dumps(body).encode(), method=method)
    request.add_header("Authorization", "Bearer " + token)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, json.loads(response.read() or b"{}"), response.headers.get("X-Okra-Instance")


# MARK: 1. One session, both instances

jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
browser.open(balancer + "/sign-in").read()
csrf = next(cookie.value for cookie in jar if cookie.name == "okra_csrf")
form = urllib.parse.urlencode({"email": "nam@okra.demo", "password": PASSWORD, "csrf": csrf, "next": "/"})
browser.open(balancer + "/sign-in", data=form.encode()).read()
session = next((cookie.value for cookie in jar if cookie.name == "okra_session"), None)
check(session is not None, "signed in through the balancer")
served_by = set()
statuses = set()
signed_in = True
for _ in range(12):
    response = browser.open(balancer + "/company")
    statuses.add(response.status)
    served_by.add(response.headers.get("X-Okra-Instance"))
    signed_in = signed_in and 'class="signout"' in response.read().decode()
check(statuses == {200} and signed_in, f"12 pages through the balancer, all 200 and signed in: {sorted(statuses)}")
check(served_by == {"a", "b"}, f"served by both instances: {sorted(s or '?' for s in served_by)}")

# MARK: 3a. The weekly reminder is due now: the check-in moment is today at midnight, and the team chat is set

admin_jar = http.cookiejar.CookieJar()
admin = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(admin_jar))
admin.open(balancer + "/sign-in").read()
admin_csrf = next(cookie.value for cookie in admin_jar if cookie.name == "okra_csrf")
admin.open(balancer + "/sign-in", data=urllib.parse.urlencode(
    {"email": "admin@okra.demo", "password": PASSWORD, "csrf": admin_csrf, "next": "/"}).encode()).read()
admin_csrf = next(cookie.value for cookie in admin_jar if cookie.name == "okra_csrf")
saved = admin.open(balancer + "/settings/reminders", data=urllib.parse.urlencode(
    {"webhook": chat_url, "csrf": admin_csrf}).encode())
check(saved.status == 200 and "saved=1" in saved.url, "the team chat's webhook set on /settings/reminders")
# Someone who joined today has not checked in this week, so the reminder has someone to name.
status, _, _ = api(balancer, "POST", "/users",
                   {"id": "p-moi", "name": "Người Mới Vào", "email": "moi@okra.demo", "role": "member",
                    "team_ids": ["sales"]})
check(status == 201, "a new member added through the balancer")
_, settings, _ = api(balancer, "GET", "/settings")
today = datetime.now(zoneinfo.ZoneInfo(settings["time_zone"])).strftime("%A").lower()
status, _, _ = api(balancer, "PATCH", "/settings",
                   {"check_in_day": today, "check_in_time": "00:00", "version": settings["version"]})
check(status == 200, f"the check-in moment set to {today} 00:00")
reminders_configured = time.monotonic()

# MARK: 2. A check-in on A reaches a stream on B

status, hook, _ = api(balancer, "POST", "/webhooks", {"url": receiver_url, "events": ["check_in.created"]})
check(status == 201, "a webhook subscribed through the balancer")

stream = socket.create_connection(("127.0.0.1", ports["b"]))
stream.sendall(
    f"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: okra_session={session}\r\n\r\n"
    .encode())
stream.settimeout(10)
received = b""
while b"retry: 2000" not in received:
    received += stream.recv(65536)
sent_at = time.monotonic()
status, answer, _ = api(f"http://127.0.0.1:{ports['a']}", "POST", "/key-results/kr-mkt-email/check-ins",
                        {"value": 133, "confidence": 8, "note": "qua máy A"})
acknowledged_at = time.monotonic()
check(status == 201, "a check-in through instance A")
first_check_in = answer["check_in"]["id"]
delay = None
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    if b'"key_result":"kr-mkt-email"' in received:
        delay = time.monotonic() - sent_at
        break
    try:
        received += stream.recv(65536)
    except socket.timeout:
        break
stream.close()
check(delay is not None, "instance B's event stream heard the check-in made on A")
if delay is not None:
    print(f"MEASURED check-in on A → event on B: {delay * 1000:.0f} ms after sending "
          f"({(delay - (acknowledged_at - sent_at)) * 1000:.0f} ms after A acknowledged it)", flush=True)
    check(delay < 5, "the event arrived well within seconds")

# MARK: 3b. The reminder went to the chat once, after both instances ran a round (every minute)

while time.monotonic() < reminders_configured + 70:
    time.sleep(1)
with deliveries_lock:
    chat = [d for d in deliveries if d["path"] == "/chat"]
check(len(chat) == 1 and "Người Mới Vào" in chat[0]["body"].get("text", ""),
      f"the weekly reminder, naming the newcomer, was posted to the team chat once by two instances ({len(chat)} posts)")
if chat:
    print("chat reminder:", chat[0]["body"].get("text", "")[:120].replace("\n", " "), flush=True)

# MARK: 4. Kill A in the middle of a burst

key_results = ["kr-mkt-adwords", "kr-mkt-organic", "kr-sales-trial", "kr-eng-tickets", "kr-eng-load"]
acknowledged = []
refused = 0
killed_at = None
for step in range(240):
    if step == 80:
        instances["a"].send_signal(signal.SIGKILL)
        killed_at = step
    kr = key_results[step % len(key_results)]
    try:
        status, answer, _ = api(balancer, "POST", f"/key-results/{kr}/check-ins",
                                {"value": 10 + step % 50, "confidence": 7, "note": f"burst {step}"})
        if status == 201:
            acknowledged.append((kr, answer["check_in"]["id"]))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        refused += 1
check(killed_at is not None and instances["a"].wait(timeout=10) == -signal.SIGKILL, "instance A was killed (SIGKILL)")
print(f"burst: {len(acknowledged)} acknowledged, {refused} failed in flight", flush=True)
stored = set()
for kr in key_results:
    cursor = None
    while True:
        query = "?limit=200" + (f"&cursor={cursor}" if cursor else "")
        status, page, instance = api(balancer, "GET", f"/key-results/{kr}/check-ins{query}")
        stored.update(item["id"] for item in page["data"])
        cursor = page.get("next_cursor")
        if not cursor:
            break
lost = [check_in for _, check_in in acknowledged if check_in not in stored]
check(not lost, f"every acknowledged check-in is stored ({len(acknowledged)}; lost: {lost[:5]})")
status, _, instance = api(balancer, "GET", "/objectives?limit=5")
check(status == 200 and instance == "b", f"instance B goes on serving through the balancer ({instance})")

# MARK: 3. Each check-in's webhook once

wanted = {check_in for _, check_in in acknowledged} | {first_check_in}
deadline = time.monotonic() + 150  # a job A had claimed when it died is taken over after its claim expires
while time.monotonic() < deadline:
    with deliveries_lock:
        delivered = {d["body"]["data"]["check_in"]["id"] for d in deliveries
                     if d["path"] == "/hook" and d["body"]["event"] == "check_in.created"}
    if wanted <= delivered:
        break
    time.sleep(0.5)
with deliveries_lock:
    events = [d["body"]["id"] for d in deliveries if d["path"] == "/hook"]
duplicates = sorted({event for event in events if events.count(event) > 1})
check(wanted <= delivered, f"every acknowledged check-in was delivered to the webhook ({len(wanted - delivered)} missing)")
check(not duplicates, f"no event was delivered twice ({len(events)} deliveries; duplicates: {duplicates[:5]})")

stop_all()
receiver.shutdown()
print("two instances:", "FAILED" if failures else "passed", flush=True)
sys.exit(1 if failures else 0)
