#!/usr/bin/env python3
"""Measuring helpers for bench/run.sh (standard library only). Each command prints one JSON object.

  pkbench.py proxy LISTEN_SOCKET UPSTREAM_SOCKET LOG
      A transparent unix-socket proxy in front of a Podman API socket that writes one line per HTTP request
      ("epoch method path") to LOG: podkeeper's engine calls, counted on the wire. Runs until killed.
  pkbench.py count-calls LOG SINCE_LINE
      Requests logged after line SINCE_LINE, total and by endpoint (ids and names folded to {id}).
  pkbench.py ready SECONDS -- COMMAND...
      Runs COMMAND with NOTIFY_SOCKET set to a datagram socket bound here; reports the time from exec to the
      READY=1 datagram and the CPU time it had used by then (all threads), then SIGTERMs it and reports the
      time to exit.
  pkbench.py kill-repair ENGINE_URI NAME...
      For each NAME: `podman kill` it, wait until it runs again; engine timestamps give the latency.
  pkbench.py provider-restart ENGINE_URI PROVIDER ROUNDS MEMBER...
      `podman restart PROVIDER`, then wait until every MEMBER runs in the provider's new network namespace.
  pkbench.py file-edit ENGINE_URI FILE NAME SNIPPET_FILE
      Appends SNIPPET_FILE to FILE and waits until container NAME runs.
  pkbench.py idle PID SECONDS
      RSS (as ps reports it) and CPU % of one core (utime+stime from /proc/PID/stat) over SECONDS.
  pkbench.py floor ENGINE_URI N STACK NETWORK SUBNET BASE_PORT IMAGE THREADS
      The engine floor of converging the seed stack of N from empty: the same network create, container
      creates and starts podkeeper sends, as bare API calls, THREADS at a time in dependency order.
  pkbench.py lists-after-passes AGENT_LOG SOCKET SECONDS
      For SECONDS, right after each converged resync pass the agent logs (JSON lines; the passes section 2
      times), times one libpod container list
      with curl on SOCKET, as bench/run.sh's list_ms does: the list in the same minutes, and the same state of
      the engine, as the passes it is compared with (the agent waits 2 s between resyncs).
  pkbench.py start-call ENGINE_URI NAME
      Stops NAME, then times one bare start API call: Podman's own start time.
  pkbench.py start-after-kill ENGINE_URI NAME ROUNDS
      Why a repair starts the moment the process ends: kills NAME (nothing else may start it), sees its process
      end through a pidfd, then starts it, in alternate rounds at once or after an inspect (what a repair that
      asks the engine first does); the time from the end to the start's answer, for each way.
  pkbench.py wait-running ENGINE_URI SECONDS NAME...
      Waits until every NAME runs.
  pkbench.py jfr-top RECORDING.jfr [N]
      Where a JFR recording's CPU samples (jdk.ExecutionSample, read with the JDK's `jfr`) went: by thread,
      the N hottest methods by self time, and the N hottest podkeeper methods counting every sample they are
      on the stack of.
"""
import calendar
import http.client
import json
import os
import re
import select
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

POLL = 0.025  # 25 ms between inspects


def out(obj):
    print(json.dumps(obj), flush=True)


# ---------------------------------------------------------------- engine access (libpod API over the socket)

class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=10):
        super().__init__("d", timeout=timeout)
        self._path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self._path)
        self.sock = s


class Engine:
    def __init__(self, uri):
        self.uri = uri
        self.path = uri[len("unix://"):] if uri.startswith("unix://") else uri
        self.conn = None

    def inspect(self, name):
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = _UnixConnection(self.path)
                self.conn.request("GET", "/v4.0.0/libpod/containers/%s/json" % name)
                r = self.conn.getresponse()
                body = r.read()
                if r.status == 404:
                    return None
                if r.status != 200:
                    raise RuntimeError("inspect %s: HTTP %d %s" % (name, r.status, body[:200]))
                return json.loads(body)
            except (OSError, http.client.HTTPException):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.05)

    def call(self, method, path, body=None, ok=(200, 201, 204, 304)):
        """One API request on this connection (kept alive, as an HTTP client's pool keeps it); the parsed answer."""
        data = None if body is None else json.dumps(body).encode()
        headers = {} if data is None else {"Content-Type": "application/json"}
        if self.conn is None:
            self.conn = _UnixConnection(self.path, timeout=120)
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        answer = r.read()
        if r.status not in ok:
            raise RuntimeError("%s %s: HTTP %d %s" % (method, path, r.status, answer[:300]))
        return json.loads(answer) if answer.strip() else None

    def podman(self, *args, timeout=60):
        r = subprocess.run(["podman", "--url", self.uri] + list(args), timeout=timeout,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError("podman %s exited %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))


_TS = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?\s*(Z|[+-]\d\d:?\d\d)?")


def ts(text):
    """Podman's RFC 3339 (nanoseconds) time as epoch seconds; None for Go's zero time."""
    m = _TS.match(text or "")
    if not m or m.group(1) == "0001":
        return None
    y, mo, d, h, mi, s = (int(m.group(i)) for i in range(1, 7))
    frac = float("0." + m.group(7)) if m.group(7) else 0.0
    epoch = calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0)) + frac
    tz = m.group(8)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        tz = tz[1:].replace(":", "")
        epoch -= sign * (int(tz[:2]) * 3600 + int(tz[2:]) * 60)
    return epoch


def state(info):
    st = (info or {}).get("State") or {}
    return {"running": bool(st.get("Running")), "pid": st.get("Pid") or 0,
            "started": ts(st.get("StartedAt")), "finished": ts(st.get("FinishedAt"))}


def netns(pid):
    try:
        return os.readlink("/proc/%d/ns/net" % pid) if pid else None
    except OSError:
        return None


def wait_until(predicate, timeout, what):
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.time() > deadline:
            raise TimeoutError("timed out after %.0f s waiting for %s" % (timeout, what))
        time.sleep(POLL)


def pct(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    k = max(1, -(-len(v) * p // 100))  # ceil
    return v[int(k) - 1]


def summary_ms(values):
    ms = [round(x * 1000) for x in values]
    return {"n": len(ms), "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95), "min_ms": min(ms), "max_ms": max(ms),
            "all_ms": ms}


def _bound_unix_socket(path, kind):
    """A unix socket of KIND bound to PATH, replacing whatever a previous run left there."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    sock = socket.socket(socket.AF_UNIX, kind)
    sock.bind(path)
    return sock


# ---------------------------------------------------------------- commands

class WireProxy:
    """A transparent unix-socket proxy in front of an API socket (Podman's, Caddy's admin) that writes one line
    per HTTP request ("epoch method path") to LOG. It knows its open connections (the soak counts the agent's
    engine connections so) and can cut them all (an event stream that breaks mid-way)."""

    def __init__(self, listen, upstream, logpath):
        self.upstream = upstream
        self.srv = _bound_unix_socket(listen, socket.SOCK_STREAM)
        self.srv.listen(128)
        self.log = open(logpath, "a", buffering=1)
        self.lock = threading.Lock()
        self.open = set()  # (client, upstream) pairs being served

    def _record(self, method, path):
        with self.lock:
            self.log.write("%.6f %s %s\n" % (time.time(), method, path))

    def connections(self):
        with self.lock:
            return len(self.open)

    def cut(self):
        """Ends every connection now, both ways, as a network or an engine that goes away would."""
        with self.lock:
            pairs = list(self.open)
        for pair in pairs:
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        return len(pairs)

    def _requests(self, c, u):
        """Client to engine: forward the bytes; parse them just enough to see where each request starts."""
        buf, st, remaining = b"", "head", 0
        try:
            while True:
                data = c.recv(65536)
                if not data:
                    break
                u.sendall(data)
                buf += data
                while True:
                    if st == "head":
                        i = buf.find(b"\r\n\r\n")
                        if i < 0:
                            break
                        head, buf = buf[:i].decode("latin-1"), buf[i + 4:]
                        lines = head.split("\r\n")
                        parts = lines[0].split(" ")
                        self._record(parts[0], parts[1] if len(parts) > 1 else "?")
                        hdr = {}
                        for line in lines[1:]:
                            k, _, v = line.partition(":")
                            hdr[k.strip().lower()] = v.strip().lower()
                        if "chunked" in hdr.get("transfer-encoding", ""):
                            st = "size"
                        elif int(hdr.get("content-length", "0") or 0) > 0:
                            st, remaining = "body", int(hdr["content-length"])
                    elif st in ("body", "chunk"):
                        n = min(remaining, len(buf))
                        buf, remaining = buf[n:], remaining - n
                        if remaining:
                            break
                        st = "head" if st == "body" else "size"
                    elif st == "size":
                        i = buf.find(b"\r\n")
                        if i < 0:
                            break
                        size = int(buf[:i].split(b";")[0].strip() or b"0", 16)
                        buf = buf[i + 2:]
                        st, remaining = ("trailer", 0) if size == 0 else ("chunk", size + 2)
                    elif st == "trailer":
                        i = buf.find(b"\r\n")
                        if i < 0:
                            break
                        line, buf = buf[:i], buf[i + 2:]
                        if not line:
                            st = "head"
        except OSError:
            pass
        finally:
            try:
                u.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    @staticmethod
    def _responses(u, c):
        try:
            while True:
                data = u.recv(65536)
                if not data:
                    break
                c.sendall(data)
        except OSError:
            pass
        finally:
            try:
                c.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def _serve(self, c):
        u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            u.connect(self.upstream)
        except OSError:
            c.close()
            u.close()
            return
        pair = (c, u)
        with self.lock:
            self.open.add(pair)
        t1 = threading.Thread(target=self._requests, args=(c, u), daemon=True)
        t2 = threading.Thread(target=self._responses, args=(u, c), daemon=True)
        t1.start()
        t2.start()
        t1.join()
        t2.join()
        with self.lock:
            self.open.discard(pair)
        c.close()
        u.close()

    def serve_forever(self):
        while True:
            c, _ = self.srv.accept()
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()


def cmd_proxy(listen, upstream, logpath):
    proxy = WireProxy(listen, upstream, logpath)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    proxy.serve_forever()


_ID = re.compile(r"/[0-9a-f]{64}(?=/|$)")


def cmd_count_calls(logpath, since):
    since = int(since)
    with open(logpath) as f:
        lines = f.read().splitlines()[since:]
    by = {}
    for line in lines:
        _, method, path = line.split(" ", 2)
        path = path.split("?")[0]
        path = re.sub(r"^/v[0-9.]+", "", path)
        path = _ID.sub("/{id}", path)
        path = re.sub(r"^(/(?:libpod/)?(?:containers|networks))/(?!json$|create$)[^/]+", r"\1/{name}", path)
        key = method + " " + path
        by[key] = by.get(key, 0) + 1
    out({"calls": len(lines), "by_endpoint": dict(sorted(by.items(), key=lambda kv: -kv[1]))})


def cmd_ready(timeout, command):
    timeout = float(timeout)
    path = "/tmp/pkbench-notify-%d.sock" % os.getpid()
    s = _bound_unix_socket(path, socket.SOCK_DGRAM)
    env = dict(os.environ, NOTIFY_SOCKET=path)
    env.pop("WATCHDOG_USEC", None)
    env.pop("WATCHDOG_PID", None)
    logf = open(os.environ.get("PKBENCH_AGENT_LOG", os.devnull), "ab")
    t0, t0_epoch = time.monotonic(), time.time()
    p = subprocess.Popen(command, env=env, stdout=logf, stderr=subprocess.STDOUT)
    result = {"pid": p.pid, "exec_epoch_ms": round(t0_epoch * 1000)}
    try:
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no READY=1 within %.0f s" % timeout)
            if p.poll() is not None:
                raise RuntimeError("podkeeper exited with %d before READY=1" % p.returncode)
            s.settimeout(min(left, 0.5))
            try:
                data = s.recv(65536).decode("utf-8", "replace")
            except socket.timeout:
                continue
            if "READY=1" in data.split("\n"):
                result["ready_ms"] = round((time.monotonic() - t0) * 1000)
                result["ready_cpu_ms"] = round(_cpu_ticks(p.pid) * 1000 / os.sysconf("SC_CLK_TCK"))
                result["status"] = next((l[7:] for l in data.split("\n") if l.startswith("STATUS=")), "")
                break
        t1 = time.monotonic()
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
        result["exit_ms"] = round((time.monotonic() - t1) * 1000)
        result["exit_code"] = p.returncode
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        s.close()
        os.unlink(path)
    out(result)


def cmd_kill_repair(uri, names):
    eng = Engine(uri)
    engine_lat, seen_lat = [], []
    for name in names:
        before = wait_until(lambda: (lambda s: s if s["running"] else None)(state(eng.inspect(name))), 60,
                            name + " running")
        time.sleep(1.0)  # let the agent finish the passes the previous round caused
        eng.podman("kill", name)
        killed = time.time()
        after = wait_until(lambda: (lambda s: s if s["running"] and s["started"] != before["started"] else None)(
            state(eng.inspect(name))), 120, name + " running again")
        seen = time.time()
        if after["finished"] is None or after["finished"] < before["started"]:
            raise RuntimeError("%s: no exit recorded between the runs" % name)
        engine_lat.append(after["started"] - after["finished"])
        seen_lat.append(seen - killed)
    out({"engine": summary_ms(engine_lat), "seen": summary_ms(seen_lat)})


def cmd_start_after_kill(uri, name, rounds):
    eng, killer = Engine(uri), Engine(uri)
    took = {"at_once": [], "after_inspect": []}
    for r in range(int(rounds)):
        way = "at_once" if r % 2 == 0 else "after_inspect"
        pid = wait_until(lambda: (lambda s: s["pid"] if s["running"] else None)(state(eng.inspect(name))), 60,
                         name + " running")
        time.sleep(0.5)  # the last start's own cleanup and events done
        fd = os.pidfd_open(pid)
        try:
            kill = threading.Thread(target=killer.call, args=("POST", "/v4.0.0/libpod/containers/%s/kill" % name))
            kill.start()
            select.select([fd], [], [], 10)
            ended = time.monotonic()
        finally:
            os.close(fd)
        if way == "after_inspect":
            wait_until(lambda: not state(eng.inspect(name))["running"], 10, name + " seen exited")
        eng.call("POST", "/v4.0.0/libpod/containers/%s/start" % name)
        took[way].append(time.monotonic() - ended)
        kill.join()
    out({way: summary_ms(values) for way, values in took.items()})


def cmd_provider_restart(uri, provider, rounds, members):
    eng = Engine(uri)

    def aligned(not_before=None):
        """Provider running (started after not_before) and every member running in its netns."""
        p = state(eng.inspect(provider))
        if not p["running"] or (not_before is not None and p["started"] == not_before):
            return None
        ns = netns(p["pid"])
        if ns is None:
            return None
        ms = []
        for m in members:
            s = state(eng.inspect(m))
            if not s["running"] or netns(s["pid"]) != ns:
                return None
            ms.append(s)
        return p, ms

    engine_lat, seen_lat, cmd_ms, raced, errors = [], [], [], 0, []
    for _ in range(int(rounds)):
        p, _ms = wait_until(aligned, 120, "members in the provider's namespace")
        time.sleep(1.0)
        t = time.time()
        try:
            eng.podman("restart", provider)
        except RuntimeError as e:
            # `podman restart` is a stop then a start: the agent may see the stop (a die event) and start the
            # provider first; podman's own start then fails ("cannot start an already running container", or
            # runc's start failing). Counted, and measured all the same if the provider did start anew.
            now = state(eng.inspect(provider))
            if not (now["started"] and now["started"] != p["started"]):
                raise
            raced += 1
            errors.append(str(e).splitlines()[0][-160:])
        cmd_ms.append(round((time.time() - t) * 1000))
        p2, ms2 = wait_until(lambda: aligned(p["started"]), 120, "members in the restarted provider's namespace")
        seen = time.time()
        engine_lat.append(max(m["started"] for m in ms2) - p2["started"])
        seen_lat.append(seen - p2["started"])
    out({"engine": summary_ms(engine_lat), "seen": summary_ms(seen_lat), "restart_cmd_ms": cmd_ms,
         "restart_cmd_lost_race": raced, "restart_cmd_errors": errors})


def cmd_file_edit(uri, path, name, snippet_file):
    eng = Engine(uri)
    if eng.inspect(name) is not None:
        raise RuntimeError(name + " exists already")
    with open(snippet_file) as f:
        snippet = f.read()
    with open(path, "a") as f:
        f.write(snippet)
    t0 = time.time()
    s = wait_until(lambda: (lambda s: s if s["running"] else None)(state(eng.inspect(name))), 120,
                   name + " running")
    seen = time.time()
    out({"engine_ms": round((s["started"] - t0) * 1000), "seen_ms": round((seen - t0) * 1000)})


SERVE = "trap 'exit 0' TERM; httpd -f -p %d -h /tmp & wait"


def seed_stack(n, net, base):
    """The containers of bench/seed-stack.sh's stack of N, in its order: (name, after, command, network, ports)."""
    stack = [("vpn", None, None, net, [(base, 8080), (base + 1, 8085)]),
             ("member-a", "vpn", SERVE % 8080, None, []),
             ("member-b", "vpn", SERVE % 8085, None, [])]
    stack += [("svc-%d" % i, None, SERVE % 80, net, [(base + 1 + i, 80)]) for i in range(1, n - 2)]
    return stack


def create_body(stack, name, image, command, network, ports, provider_id):
    """What podkeeper's create sends for a seed-stack container (compatible API), labels of the same size."""
    labels = {"dev.podkeeper.stack": stack, "dev.podkeeper.spec-hash": "0" * 64,
              "dev.podkeeper.spec-fields": "x" * 300, "dev.podkeeper.spec-values": "y" * 400}
    host = {"Privileged": False, "RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0}, "Binds": []}
    body = {"Image": image, "Labels": labels, "Env": [], "HostConfig": host}
    if command:
        body["Cmd"] = ["sh", "-c", command]
    if network:
        host["NetworkMode"] = network
    else:
        host["NetworkMode"] = "container:" + provider_id
        labels["dev.podkeeper.provider-id"] = provider_id
    if ports:
        body["ExposedPorts"] = {"%d/tcp" % c: {} for _, c in ports}
        host["PortBindings"] = {"%d/tcp" % c: [{"HostIp": "127.0.0.1", "HostPort": str(h)}] for h, c in ports}
    return body


def cmd_floor(uri, n, stack, net, subnet, base, image, threads):
    """The engine floor: the seed stack's network, creates and starts as bare API calls, THREADS at a time, each
    container once what it waits for is done (the executor's scheduling: plan order among the ready ones)."""
    n, base, threads = int(n), int(base), int(threads)
    t0 = time.monotonic()
    Engine(uri).call("POST", "/v4.0.0/libpod/networks/create",
                     {"name": net, "driver": "bridge", "dns_enabled": False, "labels": {"dev.podkeeper.stack": stack},
                      "subnets": [{"subnet": subnet}]})
    todo = seed_stack(n, net, base)
    ids, running, lock = {}, set(), threading.Condition()
    errors = []

    def worker():
        eng = Engine(uri)
        while True:
            with lock:
                while True:
                    if errors or not todo:
                        return
                    job = next((j for j in todo if j[1] is None or j[1] in ids), None)
                    if job is not None:
                        todo.remove(job)
                        break
                    lock.wait()
            name, after, command, network, ports = job
            try:
                created = eng.call("POST", "/v4.0.0/containers/create?name=" + name,
                                   create_body(stack, name, image, command, network, ports, ids.get(after)))
                eng.call("POST", "/v4.0.0/containers/%s/start" % created["Id"])
            except Exception as e:  # noqa: BLE001 - reported below, the others stop
                with lock:
                    errors.append(str(e))
                    lock.notify_all()
                return
            with lock:
                ids[name] = created["Id"]
                lock.notify_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if errors:
        raise RuntimeError("floor: " + errors[0])
    out({"ms": round((time.monotonic() - t0) * 1000), "containers": len(ids), "threads": threads})


def cmd_start_call(uri, name):
    """podman's own start: `stop` then one bare start API call on NAME, timed (the engine's share of a repair)."""
    eng = Engine(uri)
    eng.call("POST", "/v4.0.0/containers/%s/stop?t=0" % name)
    t0 = time.monotonic()
    eng.call("POST", "/v4.0.0/containers/%s/start" % name)
    out({"ms": round((time.monotonic() - t0) * 1000)})


def cmd_wait_running(uri, timeout, names):
    eng = Engine(uri)
    t0 = time.time()
    for name in names:
        left = max(1.0, float(timeout) - (time.time() - t0))
        wait_until(lambda: state(eng.inspect(name))["running"], left, name + " running")
    out({"waited_ms": round((time.time() - t0) * 1000)})


def _cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))


def _rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS for %d" % pid)


def cmd_idle(pid, seconds):
    pid, seconds = int(pid), float(seconds)
    hz = os.sysconf("SC_CLK_TCK")
    rss = [_rss_kb(pid)]
    c0, t0 = _cpu_ticks(pid), time.monotonic()
    while True:
        elapsed = time.monotonic() - t0
        if elapsed >= seconds:
            break
        time.sleep(min(5.0, seconds - elapsed))
        rss.append(_rss_kb(pid))
    c1, t1 = _cpu_ticks(pid), time.monotonic()
    out({"seconds": round(t1 - t0, 1), "cpu_pct": round((c1 - c0) / hz / (t1 - t0) * 100, 2),
         "cpu_ms": round((c1 - c0) * 1000 / hz), "rss_start_kb": rss[0], "rss_end_kb": rss[-1],
         "rss_max_kb": max(rss), "rss_median_kb": round(statistics.median(rss))})


def _frame(f):
    # JFR names types with slashes (dev/podkeeper/...), lambdas' hidden classes with dots
    return "%s.%s" % (f["method"]["type"]["name"].replace("/", "."), f["method"]["name"])


def cmd_lists_after_passes(log, sock, seconds):
    deadline = time.monotonic() + float(seconds)
    url = "http://d/v4.0.0/libpod/containers/json?all=true"
    times = []
    with open(log) as f:
        f.seek(0, os.SEEK_END)
        while time.monotonic() < deadline:
            line = f.readline()
            if not line:
                time.sleep(0.005)
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if "converged" in entry and entry.get("trigger") == "resync" and entry.get("actions") == 0:
                took = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total}", "--unix-socket", sock,
                                       url], capture_output=True, text=True, check=True).stdout
                times.append(int(float(took) * 1000))
    out({"list_ms": times})


def cmd_jfr_top(path, n="15"):
    n = int(n)
    text = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                          capture_output=True, text=True, check=True).stdout
    events = json.loads(text)["recording"]["events"]
    threads, own, on_stack = {}, {}, {}
    for e in events:
        v = e["values"]
        thread = re.sub(r"-?\d+$", "-N", (v.get("sampledThread") or {}).get("javaName") or "?")
        threads[thread] = threads.get(thread, 0) + 1
        frames = [_frame(f) for f in (v.get("stackTrace") or {}).get("frames") or []]
        if frames:
            own[frames[0]] = own.get(frames[0], 0) + 1
        for m in set(x for x in frames if x.startswith("dev.podkeeper.")):
            on_stack[m] = on_stack.get(m, 0) + 1

    def top(counts):
        return [{"samples": c, "pct": round(100.0 * c / max(1, len(events)), 1), "at": k}
                for k, c in sorted(counts.items(), key=lambda kv: -kv[1])[:n]]
    out({"samples": len(events), "threads": top(threads), "self": top(own), "podkeeper_inclusive": top(on_stack)})


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "proxy":
        cmd_proxy(*args)
    elif cmd == "count-calls":
        cmd_count_calls(*args)
    elif cmd == "ready":
        sep = args.index("--")
        cmd_ready(args[0], args[sep + 1:])
    elif cmd == "kill-repair":
        cmd_kill_repair(args[0], args[1:])
    elif cmd == "provider-restart":
        cmd_provider_restart(args[0], args[1], args[2], args[3:])
    elif cmd == "file-edit":
        cmd_file_edit(*args)
    elif cmd == "floor":
        cmd_floor(*args)
    elif cmd == "start-call":
        cmd_start_call(*args)
    elif cmd == "start-after-kill":
        cmd_start_after_kill(*args)
    elif cmd == "wait-running":
        cmd_wait_running(args[0], args[1], args[2:])
    elif cmd == "idle":
        cmd_idle(*args)
    elif cmd == "lists-after-passes":
        cmd_lists_after_passes(*args)
    elif cmd == "jfr-top":
        cmd_jfr_top(*args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
