#!/usr/bin/env python3
"""The endurance soak of bench/run.sh (section s8): many cheap passes of a running agent, churn between them,
the agent's footprint sampled as the passes add up, and every repair checked (standard library only).

  soak.py [options] -- AGENT_COMMAND...

AGENT_COMMAND is `podkeeper ... run --metrics ADDRESS --status-socket PATH FILE` with --podman-socket pointing
at --proxy, a socket this script serves in front of the engine (bench/pkbench.py's WireProxy): it counts the
agent's engine connections and cuts them to break the event stream. The script starts the agent itself, so
that the proxy is up first, and ends it on exit.

Passes are manual passes asked for on the status socket (what `podkeeper apply` sends to a running agent),
--pipeline at a time so that the loop never waits for the client. Every --churn-every passes the manual
passes stop and one churn step runs, in turn: a worker killed, the provider restarted, the file edited (a
worker added, then removed again), the engine service restarted, the event stream cut. Each step is followed
by a check that the engine is as the file says (every container running, the members in the provider's
network namespace, a removed worker gone) within --bound seconds, with no manual pass to help: only the
agent's own triggers (events, the stream's resync after a break) can repair it in time, the periodic resync
being longer than the bound. After an engine restart and a stream break a worker is killed as well, to see
that the events come back. A check that times out is a lost repair, printed with the agent's log lines of the
step. A worker killed again within 10 min of its last start meets the crash-loop backoff by design: its hold is
added to the bound and its repair counted apart ("-in-backoff"). Every --sample-every passes: RSS, heap after
a full GC (jcmd), open fds, threads, engine connections. Prints one JSON object: the samples, each metric's
slope past --warmup passes and whether it is flat (TOLERANCE), the repairs, the lost ones, the totals.
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pkbench  # noqa: E402 - beside this script

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHURN = ["kill", "provider-restart", "file-edit", "engine-restart", "stream-break"]
RESET_AFTER_UP = 600 + 20  # CrashLoopBackoff.RESET_AFTER_UP, and the time a kill takes to be repaired
METRICS = ["rss_kb", "heap_kb", "fds", "threads", "engine_connections"]


def log(msg):
    print("[soak %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


class Agent:
    """The agent process, its metrics endpoint and its status socket."""

    def __init__(self, command, metrics, status_socket, file, logpath):
        self.metrics, self.status_socket, self.file, self.logpath = metrics, status_socket, file, logpath
        self.log = open(logpath, "ab")
        self.proc = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def passes(self):
        """Every pass that ended: podkeeper_passes_total summed over its labels."""
        return sum(pass_counts(self)["outcome"].values())

    def manual_pass(self):
        """One `pass` request on the status socket; the verdict line (converged, not-converged, refused ...)."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(120)
        try:
            s.connect(self.status_socket)
            s.sendall(("pass json %s\n" % self.file).encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            s.close()
        return data.decode("utf-8", "replace").split("\n", 1)[0]

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def proc_status(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError("no %s for %d" % (key, pid))


def heap_after_gc_kb(pid):
    """`jcmd PID GC.run`, then the used heap as GC.heap_info reports it (every generation's "used")."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, stdout=subprocess.DEVNULL, timeout=60)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, stdout=subprocess.PIPE, text=True,
                          timeout=60).stdout
    used = [int(k) for k in re.findall(r"generation\s+total \d+K, used (\d+)K", info)]
    if not used:
        raise RuntimeError("no heap figures in jcmd GC.heap_info:\n" + info)
    return sum(used)


def sample(agent, proxy, passes, started):
    heap = heap_after_gc_kb(agent.pid)  # first: the collection also drops what the process holds for finalisation
    return {"passes": passes, "seconds": round(time.monotonic() - started, 1),
            "rss_kb": proc_status(agent.pid, "VmRSS"), "heap_kb": heap,
            # anonymous memory (heap, stacks, malloc) apart from mapped files (the jars, the class-data archive)
            "rss_anon_kb": proc_status(agent.pid, "RssAnon"), "rss_file_kb": proc_status(agent.pid, "RssFile"),
            "fds": len(os.listdir("/proc/%d/fd" % agent.pid)), "threads": proc_status(agent.pid, "Threads"),
            "engine_connections": proxy.connections()}


def slope(points):
    """Least-squares slope of (x, y) points; 0 for fewer than two distinct x."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in points) / sxx


# What "flat" allows past the warm-up: the change the fitted line makes across the window, at most 5 % of the
# mean for memory (the heap's live set moves with what a pass holds when the sample is taken), at most 2 for
# counts (a pooled connection and its fd come and go with the last pass's timing).
TOLERANCE = {"rss_kb": ("relative", 0.05), "heap_kb": ("relative", 0.05), "fds": ("absolute", 2),
             "threads": ("absolute", 2), "engine_connections": ("absolute", 2)}


def trends(samples, warmup):
    """Per metric, past the warm-up: the fitted change per 10,000 passes and across the window, whether that
    is flat, and the range of what was seen."""
    past = [s for s in samples if s["passes"] >= warmup]
    out = {}
    if len(past) < 2:
        return out
    window = past[-1]["passes"] - past[0]["passes"]
    for m in METRICS:
        ys = [s[m] for s in past]
        per_pass = slope([(s["passes"], s[m]) for s in past])
        mean = sum(ys) / len(ys)
        kind, limit = TOLERANCE[m]
        allowed = limit * mean if kind == "relative" else limit
        out[m] = {"per_10k_passes": round(per_pass * 10000, 2), "over_window": round(per_pass * window, 2),
                  "allowed": round(allowed, 2), "flat": abs(per_pass * window) <= allowed,
                  "min": min(ys), "max": max(ys), "mean": round(mean, 1), "samples": len(ys)}
    return out


def pass_counts(agent):
    """podkeeper_passes_total by trigger and by outcome, from the metrics endpoint."""
    with urllib.request.urlopen("http://%s/metrics" % agent.metrics, timeout=10) as r:
        text = r.read().decode()
    by = {"trigger": {}, "outcome": {}}
    for line in text.splitlines():
        if line.startswith("podkeeper_passes_total{"):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}", 1)[0]))
            n = int(float(line.rsplit(" ", 1)[1]))
            for key in by:
                by[key][labels.get(key, "?")] = by[key].get(labels.get(key, "?"), 0) + n
    return by


class Stack:
    """What the file declares (parsed from the seed stack's own layout) and whether the engine agrees."""

    def __init__(self, engine, file, provider, members, extra_name, extra_snippet):
        self.engine, self.file, self.provider, self.members = engine, file, provider, members
        self.extra_name, self.extra_snippet = extra_name, extra_snippet
        self.base_text = open(file).read()
        self.extra_present = False

    def declared(self):
        names = re.findall(r"^  ([A-Za-z0-9_.-]+):$", open(self.file).read(), re.M)
        return names[names.index(self.provider):]  # the containers: from the provider on (networks come first)

    def workers(self):
        return [n for n in self.declared() if n != self.provider and n not in self.members and n != self.extra_name]

    def toggle_extra(self):
        """The file edit: the extra worker appended, or the file put back without it (one write each)."""
        self.extra_present = not self.extra_present
        text = self.base_text + (self.extra_snippet if self.extra_present else "")
        tmp = self.file + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, self.file)  # an editor's save: the watcher sees one complete file
        return "added " + self.extra_name if self.extra_present else "removed " + self.extra_name

    def wrong(self):
        """What differs from the file now: [] when every container runs and the members share the netns."""
        problems = []
        states = {}
        for name in self.declared():
            st = pkbench.state(self.engine.inspect(name))
            states[name] = st
            if not st["running"]:
                problems.append(name + " not running")
        provider_ns = pkbench.netns(states.get(self.provider, {}).get("pid"))
        for m in self.members:
            if m in states and states[m]["running"] and pkbench.netns(states[m]["pid"]) != provider_ns:
                problems.append(m + " not in " + self.provider + "'s network namespace")
        if not self.extra_present and self.engine.inspect(self.extra_name) is not None:
            problems.append(self.extra_name + " still exists")
        return problems


class Soak:
    def __init__(self, args, agent, proxy, stack):
        self.args, self.agent, self.proxy, self.stack = args, agent, proxy, stack
        self.engine = stack.engine
        self.repairs = {}  # kind of step -> repair latencies (ms)
        self.lost = []
        self.steps = 0
        self.last_kill = {}  # worker -> (monotonic time of its last kill, kills in a row within 10 min)
        self.hold = 0  # the crash-loop hold the last kill meets, in seconds

    # ------------------------------------------------------------ passes

    def drive(self, until):
        """Manual passes, --pipeline at a time, until the agent has ended `until` passes."""
        stop = threading.Event()
        verdicts = {}
        lock = threading.Lock()

        def client():
            while not stop.is_set():
                try:
                    v = self.agent.manual_pass().split(" ", 1)[0]
                except OSError as e:
                    v = "error:" + type(e).__name__
                    time.sleep(0.2)
                with lock:
                    verdicts[v] = verdicts.get(v, 0) + 1

        pool = [threading.Thread(target=client, daemon=True) for _ in range(self.args.pipeline)]
        for t in pool:
            t.start()
        try:
            while self.agent.passes() < until:
                if not self.agent.alive():
                    raise RuntimeError("the agent exited (%s)" % self.agent.proc.returncode)
                time.sleep(0.2)
        finally:
            stop.set()
            for t in pool:
                t.join(timeout=150)
        return verdicts

    # ------------------------------------------------------------ churn

    def churn(self):
        kind = CHURN[self.steps % len(CHURN)]
        self.steps += 1
        log_from = os.path.getsize(self.agent.logpath)
        t0 = time.monotonic()
        self.hold = 0
        what = getattr(self, "_" + kind.replace("-", "_"))()
        self.check(kind, what, t0, log_from)
        if kind in ("engine-restart", "stream-break"):
            # the stream must be back: a kill right after is repaired by an event or by the stream's resync
            time.sleep(self.args.settle)
            log_from = os.path.getsize(self.agent.logpath)
            t1 = time.monotonic()
            self.check(kind, self._kill() + " after the " + kind, t1, log_from, key="kill-after-" + kind)

    def _kill(self):
        """The worker that has gone longest without a kill (never killed first). One killed again within
        10 min of its last start meets the crash-loop backoff by design (10 s, 20 s, ... CrashLoopBackoff):
        its hold is added to the bound, and its repair is counted apart."""
        now = time.monotonic()
        worker = min(self.stack.workers(), key=lambda w: self.last_kill.get(w, (-1e9, 0))[0])
        last, streak = self.last_kill.get(worker, (-1e9, 0))
        streak = streak + 1 if now - last < RESET_AFTER_UP else 1
        self.last_kill[worker] = (now, streak)
        self.hold = 0 if streak == 1 else min(10 * 2 ** (streak - 2), 300)
        self.engine.podman("kill", worker)
        return "killed " + worker + (" (crash-loop hold %d s expected)" % self.hold if self.hold else "")

    def _provider_restart(self):
        try:
            self.engine.podman("restart", self.stack.provider)
        except RuntimeError as e:
            # the agent saw restart's stop and started the provider first; Podman's own start then fails
            return "restarted %s (podman's start lost the race: %s)" % (self.stack.provider, str(e)[-80:])
        return "restarted " + self.stack.provider

    def _file_edit(self):
        return self.stack.toggle_extra()

    def _engine_restart(self):
        pidfile = os.path.join(self.args.engine_dir, "podman.pid")
        with open(pidfile) as f:
            pid = int(f.read().strip())
        os.kill(pid, signal.SIGTERM)
        pkbench.wait_until(lambda: not os.path.exists("/proc/%d" % pid), 30, "the engine service to exit")
        down = time.monotonic()
        subprocess.run([os.path.join(ROOT, "scripts", "podman-engine.sh"), "start", self.args.engine_dir],
                       check=True, stdout=subprocess.DEVNULL, timeout=60)
        return "engine service restarted (down %.1f s)" % (time.monotonic() - down)

    def _stream_break(self):
        return "cut %d engine connections" % self.proxy.cut()

    def check(self, kind, what, t0, log_from, key=None):
        """Waits until the engine is as the file says; a lost repair after --bound seconds."""
        time.sleep(0.2)  # the change is under way (a kill's exit, the watcher's debounce): not yet judged
        deadline = t0 + self.args.bound + self.hold
        key = (key or kind) + ("-in-backoff" if self.hold else "")
        problems = []
        while time.monotonic() < deadline:
            try:
                problems = self.stack.wrong()
            except (OSError, RuntimeError) as e:
                problems = ["engine: %s" % e]
            if not problems:
                self.repairs.setdefault(key, []).append(round((time.monotonic() - t0) * 1000))
                return
            time.sleep(pkbench.POLL * 4)
        with open(self.agent.logpath, "rb") as f:
            f.seek(log_from)
            lines = f.read().decode("utf-8", "replace").splitlines()
        self.lost.append({"step": self.steps, "kind": key, "what": what, "problems": problems,
                          "agent_log": lines[-200:]})
        log("LOST REPAIR at step %d (%s: %s): %s" % (self.steps, key, what, "; ".join(problems)))
        # what the agent did from here on, for the report: a full pass puts the stack right for the next step
        self.agent.manual_pass()


def first_pass_done(agent, stack):
    if not agent.alive():
        raise RuntimeError("the agent exited before its first pass; see " + agent.logpath)
    try:
        return agent.passes() >= 1 and not stack.wrong()
    except OSError:  # the metrics endpoint is not up yet
        return False


def repairs_summary(repairs):
    out = {}
    for kind, ms in repairs.items():
        if ms:
            s = sorted(ms)
            out[kind] = {"n": len(s), "p50_ms": pkbench.pct(s, 50), "max_ms": s[-1]}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine-dir", required=True, help="the private engine's DIR (scripts/podman-engine.sh)")
    ap.add_argument("--proxy", required=True, help="the socket to serve in front of DIR/podman.sock")
    ap.add_argument("--proxy-log", required=True)
    ap.add_argument("--metrics", required=True, help="the agent's --metrics ADDRESS")
    ap.add_argument("--status-socket", required=True)
    ap.add_argument("--file", required=True, help="the agent's FILE (edited by the soak)")
    ap.add_argument("--agent-log", required=True)
    ap.add_argument("--provider", default="vpn")
    ap.add_argument("--members", default="member-a,member-b")
    ap.add_argument("--extra", required=True, help="NAME=SNIPPET_FILE: the worker the file edits add and remove")
    ap.add_argument("--passes", type=int, default=10000)
    ap.add_argument("--sample-every", type=int, default=500)
    ap.add_argument("--churn-every", type=int, default=250)
    ap.add_argument("--warmup", type=int, default=2000)
    ap.add_argument("--bound", type=float, default=30.0, help="seconds a repair may take")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds after a break before the kill")
    ap.add_argument("--pipeline", type=int, default=2)
    ap.add_argument("--pids", help="a file to append the agent's PID to (the caller's cleanup)")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    engine = pkbench.Engine("unix://" + os.path.join(args.engine_dir, "podman.sock"))
    extra_name, snippet_file = args.extra.split("=", 1)
    stack = Stack(engine, args.file, args.provider, args.members.split(","), extra_name, open(snippet_file).read())
    proxy = pkbench.WireProxy(args.proxy, os.path.join(args.engine_dir, "podman.sock"), args.proxy_log)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    agent = Agent(command, args.metrics, args.status_socket, os.path.abspath(args.file), args.agent_log)
    if args.pids:
        with open(args.pids, "a") as f:
            f.write("%d\n" % agent.pid)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        pkbench.wait_until(lambda: first_pass_done(agent, stack), 180, "the agent's first pass")
        soak = Soak(args, agent, proxy, stack)
        started = time.monotonic()
        samples, verdicts = [], {}
        samples.append(sample(agent, proxy, agent.passes(), started))
        next_sample, next_churn = args.sample_every, args.churn_every
        while True:
            done = agent.passes()
            if done >= next_sample:
                samples.append(sample(agent, proxy, done, started))
                log("passes %d: %s" % (done, {m: samples[-1][m] for m in METRICS}))
                next_sample = (done // args.sample_every + 1) * args.sample_every
            if done >= args.passes:
                break
            if done >= next_churn:
                soak.churn()
                next_churn = (agent.passes() // args.churn_every + 1) * args.churn_every
                continue
            for v, n in soak.drive(min(next_sample, next_churn, args.passes)).items():
                verdicts[v] = verdicts.get(v, 0) + n
        seconds = time.monotonic() - started
        if stack.extra_present:  # leave the file as it was given
            stack.toggle_extra()
        counts = pass_counts(agent)
        pkbench.out({"passes": samples[-1]["passes"], "seconds": round(seconds), "churn_steps": soak.steps,
                     "by_trigger": counts["trigger"], "by_outcome": counts["outcome"],
                     "flat": all(t["flat"] for t in trends(samples, args.warmup).values()),
                     "manual_verdicts": verdicts, "samples": samples, "trends": trends(samples, args.warmup),
                     "warmup": args.warmup, "repairs": repairs_summary(soak.repairs),
                     "repairs_all": soak.repairs, "lost": soak.lost, "lost_count": len(soak.lost)})
    finally:
        agent.stop()


if __name__ == "__main__":
    main()
