#!/usr/bin/env bash
# podkeeper's benchmarks, against a private Podman engine of their own (never the host's containers):
#
#   1. converge from empty: `podkeeper apply` (JVM start included) vs 14 sequential `podman run -d` making
#      the same seed-shaped stack, alternated rounds, medians and ratio;
#   2. a converged pass at 14, 100, 300 and 1000 containers: wall ms of `podkeeper apply`, the pass itself, the
#      same pass warm inside `podkeeper run`, and its engine calls (counted on the wire by a proxy);
#   3. repair with `podkeeper run` running: podman kill -> running again; podman restart of the namespace
#      provider -> every member running in its new netns; an appended container -> running;
#   4. idle RSS and CPU of `podkeeper run` with a 14-container stack, without and with --metrics (s4, s4m);
#   5. startup (exec) to the READY=1 datagram on a NOTIFY_SOCKET bound here;
#   6. a registry check of 30 followed references (`plan --check-updates`) against a docker-registry of its own:
#      requests by method from the registry's access log, and the check's ms.
#   7. a converged pass with 30 routes in a Caddy of the run's own: its admin API requests, counted on the
#      wire by the same kind of proxy (PKBENCH_SECTIONS=s7 runs it alone).
#   8. a soak (bench/soak.py): 10,000 passes of `podkeeper run` with kills, provider restarts, file edits,
#      engine restarts and cut event streams between them, every repair checked, and RSS, heap after GC, fds,
#      threads and engine connections every 500 passes with their trend. Only when asked for:
#      PKBENCH_SECTIONS=s8 (alone, about 8 min; --quick: 1500 passes, 2 min) or PKBENCH_SOAK=1 (with the rest).
#
#   bench/run.sh [--quick]     as root; full ~20 min on an idle 2-core VM, --quick (fewer rounds, no 300 or 1000) ~4
#
# Prints the figures and writes them, with the machine, its load and the method, to docs/benchmarks.md
# between the "bench/run.sh" markers (other sections of that file are left alone). Not part of
# scripts/test.sh. Builds podkeeper (mvn -o -DskipTests package) only if its jar is missing or older than
# the sources, then runs a private copy of it, so that a concurrent build cannot swap the jar mid-run.
# PKBENCH_SECTIONS="s3 s5" (names as in the output) runs a subset and leaves docs/benchmarks.md alone.
# PKBENCH_PROFILE=1 records section 2's warm agents with JFR and prints where their CPU went.
# Networks are host-wide: the stack's network takes a free 10.89.x.0/22 and its ports a free range >= 28400.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)

quick=0
case ${1:-} in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac
[[ $EUID -eq 0 ]] || { echo "bench/run.sh: run it as root (it starts a private Podman engine)" >&2; exit 2; }
for tool in podman python3 java jq ss timeout curl; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 2; }
done

if ((quick)); then
  mode=quick CONVERGE_ROUNDS=3 SIZES=(14 100) CONVERGED_REPS=3 WARM_SECONDS=10 EDITS=2 KILLS=5 RESTARTS=3
  IDLE_SECONDS=20 READY_RUNS=3
else
  mode=full CONVERGE_ROUNDS=5 SIZES=(14 100 300 1000) CONVERGED_REPS=5 WARM_SECONDS=20 EDITS=3 KILLS=20 RESTARTS=10
  IDLE_SECONDS=120 READY_RUNS=5
fi

py=(python3 "$root/bench/pkbench.py")
work=$(mktemp -d /tmp/pkbench.XXXXXX)
engine=$work/engine
results=$work/results
pk=$work/pk/bin/podkeeper
: >"$results"
: >"$work/pids"
keep_work=${PKBENCH_KEEP:-0} # 1: keep the work dir (logs) even after a good run
stack=pkbench$$
net=pkbench$$-net
image=localhost/podkeeper-bench:1
sock=""
subnet=""

say() { printf '[bench %(%T)T] %s\n' -1 "$*" >&2; }
put() { printf '%s=%s\n' "$1" "$2" >>"$results"; } # key=value, the last one wins
get() { awk -v k="$1" 'index($0, k "=") == 1 { v = substr($0, length(k) + 2) } END { print v }' "$results"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
ms_now() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
# median of numbers: an integer for integers (ms), two decimals otherwise (ratios)
median() {
  printf '%s\n' "$@" | sort -n | awk '/\./ { dec = 1 } { a[NR] = $1 }
    END { if (NR) printf (dec ? "%.2f\n" : "%.0f\n"), (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}
remote() { timeout 300 podman --url "$sock" "$@"; }

# ---------------------------------------------------------------- cleanup: only what this run made

stop_pid() { # PID: SIGTERM, then SIGKILL after 15 s; only processes this run started (listed in $work/pids)
  local pid=$1
  grep -qx "$pid" "$work/pids" || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 75); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  local pid
  while read -r pid; do
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
  done <"$work/pids"
  if [[ -n $sock ]]; then
    # containers first (members before their provider: rm --all orders them), then the host-wide network
    remote rm -af -t 0 >/dev/null 2>&1 || remote rm -af -t 0 >/dev/null 2>&1
    remote network rm "$net" >/dev/null 2>&1 || remote network rm -f "$net" >/dev/null 2>&1
  fi
  scripts/podman-engine.sh stop "$engine" >/dev/null 2>&1
  if [[ -n $subnet ]] && ip -4 route | grep -qF "$subnet "; then
    say "WARNING: a route to $subnet is left (network $net): remove it by hand"
  fi
  if ((keep_work)) || ((rc != 0)); then
    say "logs kept in $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- podkeeper: a private copy of the built tree

jar=agent/target/podkeeper.jar
stale() { # whether a module's main sources (or a pom) are newer than what the agent's classpath holds of it
  local m built
  [[ -f $jar ]] || return 0
  for m in model podman-adapter systemd-adapter agent; do
    if [[ $m == agent ]]; then built=$jar; else built=$(ls agent/target/lib/podkeeper-$m-*.jar 2>/dev/null | head -n1); fi
    [[ -n $built ]] || return 0
    [[ -z $(find "$m/src/main" "$m/pom.xml" -newer "$built" -type f -print -quit 2>/dev/null) ]] || return 0
  done
  [[ pom.xml -nt $jar ]]
}
if stale; then
  say "building podkeeper (mvn -q -o -DskipTests package)"
  if ! timeout 900 mvn -q -o -DskipTests package >"$work/build.log" 2>&1; then
    # others edit this tree too: a half-done change elsewhere must not stop the benchmark if a build exists
    [[ -f $jar ]] || { cat "$work/build.log" >&2; echo "bench/run.sh: the build failed" >&2; exit 1; }
    say "the build failed (last lines below); measuring the jar already built"
    tail -n 5 "$work/build.log" >&2
    put run.build_failed 1
  fi
fi
# bin/podkeeper as it is in the tree, with the jars and the script (and stack) that train its CDS archive
mkdir -p "$work/pk/bin" "$work/pk/agent/target" "$work/pk/packaging/src/deb"
cp bin/podkeeper "$work/pk/bin/"
cp -r agent/target/podkeeper.jar agent/target/lib "$work/pk/agent/target/"
cp -r packaging/src/deb/share "$work/pk/packaging/src/deb/"
for j in "$work/pk/agent/target/podkeeper.jar" "$work/pk/agent/target/lib"/podkeeper-*.jar; do
  python3 -m zipfile -t "$j" >/dev/null \
    || { echo "bench/run.sh: the copied $j is damaged (a build running meanwhile?); run again" >&2; exit 1; }
done
"$pk" --version >/dev/null # also lets the launcher make whatever it makes on first use, before any timing
sync # the archive it may have just written: its write-back would otherwise overlap the first timings

# ---------------------------------------------------------------- a subnet and a port range nobody uses

subnet_free() { # 10.89.X.0/22 (X a multiple of 4): no network config's subnet and no route overlaps it
  python3 - "10.89.$1.0/22" /etc/containers/networks/*.json <<'EOF'
import ipaddress, re, subprocess, sys
wanted = ipaddress.ip_network(sys.argv[1])
used = re.findall(r"\b(\d+\.\d+\.\d+\.\d+(?:/\d+)?)", subprocess.run(["ip", "-4", "route"], capture_output=True, text=True).stdout)
for config in sys.argv[2:]:
    try:
        used += re.findall(r'"subnet":\s*"([0-9.]+/\d+)"', open(config).read())
    except OSError:
        pass
sys.exit(any(wanted.overlaps(ipaddress.ip_network(u, strict=False)) for u in used))
EOF
}
for x in 96 100 104 108 112 116; do
  if subnet_free "$x"; then subnet=10.89.$x.0/22; break; fi
done
[[ -n $subnet ]] || { echo "bench/run.sh: no free 10.89.x.0/22 between 10.89.96 and 10.89.119" >&2; exit 1; }
listening=$(ss -Htln | awk '{ n = split($4, p, ":"); print p[n] }' | sort -un)
base=""
ports_span=1010 # the seed stack of N containers publishes N - 1 ports from the base up; 1005-1009 are for the
# sections' own listeners (Caddy's site, the soak and the metrics), above every stack
for b in 28400 29500 30600 31700; do
  if ! awk -v lo="$b" -v hi=$((b + ports_span)) '$1 >= lo && $1 <= hi { found = 1 } END { exit !found }' <<<"$listening"; then
    base=$b; break
  fi
done
[[ -n $base ]] || { echo "bench/run.sh: no free port range of $ports_span from 28400 up" >&2; exit 1; }

stack_file() { # N -> the seed-shaped stack file of N containers (one /22 network for every size)
  local f=$work/stack$1.yaml
  [[ -f $f ]] || bench/seed-stack.sh "$1" "$stack" "$net" "$subnet" "$base" "$image" >"$f"
  echo "$f"
}

# ---------------------------------------------------------------- the machine

cores=$(nproc)
load_start=$(loadavg)
put machine.cores "$cores"
put machine.mem "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
put machine.kernel "$(uname -r)"
put machine.podman "$(podman --version | awk '{ print $3 }')"
put machine.java "$(java -version 2>&1 | head -n1 | sed 's/"//g')"
if [[ $(stat -fc %T /sys/fs/cgroup) == cgroup2fs ]]; then
  put machine.cgroup "cgroup v2"
elif [[ -d /sys/fs/cgroup/unified ]]; then
  put machine.cgroup "cgroup v1, hybrid"
else
  put machine.cgroup "cgroup v1"
fi
put machine.load_start "$load_start"
put run.commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
put run.jar_time "$(date -u -d @"$(stat -c %Y "$jar" agent/target/lib/podkeeper-*.jar | sort -n | tail -n1)" '+%Y-%m-%d %H:%M UTC')"
put run.dirty "$(git status --porcelain -- bin model podman-adapter systemd-adapter agent pom.xml 2>/dev/null | grep -c '/src/main/\|bin/\|pom.xml' || true)"
put run.date "$(date -u '+%Y-%m-%d %H:%M UTC')"
put run.started_ms "$(ms_now)"

say "mode $mode; work dir $work; subnet $subnet; ports $base..$((base + ports_span)); load $load_start on $cores cores"
sock=$(scripts/podman-engine.sh start "$engine")
put machine.runtime "$(scripts/podman-engine.sh podman "$engine" info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null || echo '?')"
scripts/build-test-image.sh "$sock" "$image" >/dev/null
"${py[@]}" proxy "$work/proxy.sock" "$engine/podman.sock" "$work/proxy.log" </dev/null >/dev/null 2>"$work/proxy.err" &
echo $! >>"$work/pids"
: >"$work/proxy.log"
for _ in $(seq 1 50); do [[ -S $work/proxy.sock ]] && break; sleep 0.1; done
proxy=unix://$work/proxy.sock

# ---------------------------------------------------------------- helpers for the sections

clean_stack() { # no container, no network of this run's stack
  # twice if need be: Podman refuses to remove a namespace provider before its members, and --all may
  # list the provider first
  remote rm -af -t 0 >/dev/null 2>&1 || remote rm -af -t 0 >/dev/null
  remote network rm -f "$net" >/dev/null 2>&1 || true
}

# apply FILE [SOCKET]: one `podkeeper apply`; sets apply_ms (wall, JVM included), pass_ms, actions, converged
apply() {
  local file=$1 via=${2:-$sock} t0 rc=0
  t0=$(ms_now)
  timeout 1200 "$pk" --podman-socket "$via" --log-format json apply "$file" >"$work/apply.out" 2>"$work/apply.err" || rc=$?
  apply_ms=$(($(ms_now) - t0))
  local summary
  summary=$(jq -c 'select(has("converged"))' "$work/apply.out" 2>/dev/null | tail -n1)
  pass_ms=$(jq -r '.duration_ms // empty' <<<"$summary")
  actions=$(jq -r '.actions // empty' <<<"$summary")
  converged=$(jq -r '.converged // empty' <<<"$summary")
  if ((rc != 0)); then
    echo "podkeeper apply $file exited $rc; its failed actions (the first 5), then the last lines:" >&2
    jq -c 'select(.outcome == "failed")' "$work/apply.out" 2>/dev/null | head -n 5 >&2
    tail -n 20 "$work/apply.out" "$work/apply.err" >&2
    return 1
  fi
}

# start_agent FILE SOCKET [ARGS...]: `podkeeper run` in the background; sets agent_pid, waits for its first pass
start_agent() {
  local file=$1 via=$2
  shift 2
  agent_log=$work/agent-$(ms_now).log
  # --log-every-pass: the warm and idle figures count and time the passes that change nothing
  "$pk" --podman-socket "$via" --log-format json --log-every-pass run --status-socket "$work/status-$$.sock" "$@" "$file" \
    >"$agent_log" 2>"$agent_log.err" </dev/null &
  agent_pid=$!
  echo "$agent_pid" >>"$work/pids"
  for _ in $(seq 1 900); do
    grep -q '"converged"' "$agent_log" 2>/dev/null && return 0
    kill -0 "$agent_pid" 2>/dev/null || { echo "podkeeper run exited:" >&2; cat "$agent_log.err" >&2; return 1; }
    sleep 0.2
  done
  echo "podkeeper run: no pass within 180 s" >&2
  return 1
}

added() { # OLD NEW: the lines NEW adds to OLD (the seed stack only appends entries)
  { diff "$1" "$2" || true; } | sed -n 's/^> //p'
}

# ensure N: the live stack is the seed stack of N containers, converged
ensure() {
  apply "$(stack_file "$1")"
  [[ $converged == "$(($1 + 1))/$(($1 + 1))" ]] || { echo "stack of $1 did not converge ($converged)" >&2; return 1; }
}

# run_section NAME FUNCTION: in a subshell with errexit, so that a failing section is recorded and the next runs
run_section() {
  local name=$1 fn=$2 t0 rc=0
  if [[ -n ${PKBENCH_SECTIONS:-} && " $PKBENCH_SECTIONS " != *" $name "* ]]; then
    return 0
  fi
  say "section $name: start (load $(loadavg))"
  put "$name.load" "$(loadavg)"
  t0=$(ms_now)
  set +e
  (
    set -eE
    trap 'echo "bench/run.sh: section $name failed at line $LINENO: $BASH_COMMAND" >&2' ERR
    "$fn"
  )
  rc=$?
  set -e
  put "$name.seconds" "$((($(ms_now) - t0) / 1000))"
  if ((rc != 0)); then
    put "$name.failed" "exit $rc; the run's stderr says where"
    keep_work=1
    say "section $name: FAILED (exit $rc)"
  else
    say "section $name: done in $((($(ms_now) - t0) / 1000)) s"
  fi
}

# ---------------------------------------------------------------- 1. converge from empty

cli_stack() { # the seed-shaped stack of 14 by hand, as `podkeeper apply` makes it: network, provider, members, services
  local serve="trap 'exit 0' TERM; httpd -f -p %s -h /tmp & wait" i
  remote network create --subnet "$subnet" "$net" >/dev/null
  remote run -d --name vpn --network "$net" -p "127.0.0.1:$base:8080" -p "127.0.0.1:$((base + 1)):8085" "$image" >/dev/null
  # shellcheck disable=SC2059
  remote run -d --name member-a --network container:vpn "$image" sh -c "$(printf "$serve" 8080)" >/dev/null
  # shellcheck disable=SC2059
  remote run -d --name member-b --network container:vpn "$image" sh -c "$(printf "$serve" 8085)" >/dev/null
  for i in $(seq 1 11); do
    # shellcheck disable=SC2059
    remote run -d --name "svc-$i" --network "$net" -p "127.0.0.1:$((base + 1 + i)):80" "$image" \
      sh -c "$(printf "$serve" 80)" >/dev/null
  done
}

# The executor's width (ExecutorOptions.DEFAULT.threads): the floor sends its calls as many at a time.
EXECUTOR_THREADS=2

floor_stack() { # THREADS: the engine floor of the stack of 14 (bench/pkbench.py floor); sets floor_ms
  floor_ms=$("${py[@]}" floor "$sock" 14 "$stack" "$net" "$subnet" "$base" "$image" "$1" | jq -r .ms)
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

section_converge() {
  local f r t0 who cli=() pkt=() pass=() floor=() ratios=() pk_floor=() cli_floor=() pass_floor=()
  local runners=(floor cli pk)
  f=$(stack_file 14)
  for r in $(seq 1 "$CONVERGE_ROUNDS"); do
    # each round starts with another of the three, so that none is always first (or last) after a clean
    local k=$(((r - 1) % 3)) order
    order=("${runners[@]:k}" "${runners[@]:0:k}")
    for who in "${order[@]}"; do
      clean_stack
      case $who in
        floor) floor_stack "$EXECUTOR_THREADS"; floor+=("$floor_ms") ;;
        cli) t0=$(ms_now); cli_stack; cli+=($(($(ms_now) - t0))) ;;
        pk)
          apply "$f"
          [[ $converged == 15/15 ]] || { echo "apply did not converge: $converged" >&2; return 1; }
          pkt+=("$apply_ms"); pass+=("$pass_ms") ;;
      esac
    done
    ratios+=("$(ratio "${pkt[-1]}" "${cli[-1]}")")
    pk_floor+=("$(ratio "${pkt[-1]}" "${floor[-1]}")")
    cli_floor+=("$(ratio "${cli[-1]}" "${floor[-1]}")")
    pass_floor+=("$(ratio "${pass[-1]}" "${floor[-1]}")")
    say "  round $r (${order[*]}): floor ${floor[-1]} ms, podman run ${cli[-1]} ms, podkeeper apply ${pkt[-1]} ms (pass ${pass[-1]} ms)"
  done
  put s1.cli "${cli[*]}"
  put s1.pk "${pkt[*]}"
  put s1.pass "${pass[*]}"
  put s1.floor "${floor[*]}"
  put s1.ratios "${ratios[*]}"
  put s1.pk_floor "${pk_floor[*]}"
  put s1.cli_floor "${cli_floor[*]}"
  put s1.pass_floor "${pass_floor[*]}"
  put s1.cli_med "$(median "${cli[@]}")"
  put s1.pk_med "$(median "${pkt[@]}")"
  put s1.pass_med "$(median "${pass[@]}")"
  put s1.floor_med "$(median "${floor[@]}")"
  put s1.ratio_med "$(median "${ratios[@]}")"
  put s1.pk_floor_med "$(median "${pk_floor[@]}")"
  put s1.cli_floor_med "$(median "${cli_floor[@]}")"
  put s1.pass_floor_med "$(median "${pass_floor[@]}")"
  # how wide the engine wants it: the floor at 1 to 4 calls at a time, the widths alternated
  local t width=() rounds=$((quick ? 2 : 3))
  for r in $(seq 1 "$rounds"); do
    for t in 1 2 3 4; do
      clean_stack; floor_stack "$t"; width[t]+="$floor_ms "
    done
  done
  for t in 1 2 3 4; do
    put "s1.width$t" "${width[t]% }"
    # shellcheck disable=SC2086
    put "s1.width${t}_med" "$(median ${width[t]})"
  done
  say "  floor by width (median ms): 1: $(get s1.width1_med), 2: $(get s1.width2_med), 3: $(get s1.width3_med), 4: $(get s1.width4_med)"
}

# ---------------------------------------------------------------- 2. converged pass at N containers

list_ms() { # QUERY: ms of one libpod container list with that query, curl on the engine's socket
  curl -s -o /dev/null -w '%{time_total}' --unix-socket "$engine/podman.sock" "http://d/v4.0.0/libpod/containers/json?$1" |
    awk '{ printf "%d", $1 * 1000 }'
}

section_converged() { # one size: $SIZE
  local n=$SIZE f walls=() passes=() before calls i
  f=$(stack_file "$n")
  apply "$f" # converge first; at 100 and up this creates the missing containers
  put "s2.$n.create_actions" "$actions"
  put "s2.$n.create_ms" "$apply_ms"
  [[ $converged == "$((n + 1))/$((n + 1))" ]] || { echo "stack of $n did not converge ($converged)" >&2; return 1; }
  for i in $(seq 1 "$CONVERGED_REPS"); do
    apply "$f"
    [[ $actions == 0 ]] || { echo "a converged pass at $n made $actions actions" >&2; return 1; }
    walls+=("$apply_ms"); passes+=("$pass_ms")
  done
  # the engine's side of the pass: the container list podkeeper makes (without namespaces, see NetworkNamespaces),
  # straight to the socket with curl; and, alternated with it, the same with every container's namespaces
  # (namespace=true, which the pass asked for until 2026-12-04), for comparison
  local lists=() ns_lists=() bytes
  for i in 1 2 3 4 5; do
    lists+=("$(list_ms 'all=true')")
    ns_lists+=("$(list_ms 'all=true&namespace=true')")
  done
  bytes=$(curl -s --unix-socket "$engine/podman.sock" 'http://d/v4.0.0/libpod/containers/json?all=true' | wc -c)
  put "s2.$n.list_med" "$(median "${lists[@]}")"
  put "s2.$n.ns_list_med" "$(median "${ns_lists[@]}")"
  put "s2.$n.list_kb" "$((bytes / 1024))"
  before=$(wc -l <"$work/proxy.log")
  apply "$f" "$proxy"
  "${py[@]}" count-calls "$work/proxy.log" "$before" >"$work/calls$n.json"
  calls=$(jq -r .calls "$work/calls$n.json")
  # the same pass warm, inside the agent: resync passes every 2 s for WARM_SECONDS, the first few dropped
  # PKBENCH_PROFILE=1: the warm agent runs under JFR, and where its CPU went is printed at the end (JFR's
  # start-up lines off: they would go to stdout, among the agent's JSON lines)
  local jfr=$work/warm$n.jfr profile=""
  [[ ${PKBENCH_PROFILE:-0} != 1 ]] || profile="-XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true,jdk.ExecutionSample#period=2ms -XX:FlightRecorderOptions=stackdepth=256 -Xlog:jfr+startup=off"
  PODKEEPER_JAVA_OPTS=$profile start_agent "$f" "$sock" --resync 2s
  # and the list again in the same window, right after each of its passes: the engine's time drifts over the
  # minutes between the curl runs above and this window, by as much as the pass's own work
  "${py[@]}" lists-after-passes "$agent_log" "$engine/podman.sock" "$WARM_SECONDS" >"$work/window-lists$n.json" &
  local sampler=$!
  "${py[@]}" idle "$agent_pid" "$WARM_SECONDS" >"$work/warm$n.json"
  wait "$sampler"
  stop_pid "$agent_pid"
  local window_lists
  window_lists=$(jq -r '.list_ms[]' "$work/window-lists$n.json" | tail -n +3)
  # shellcheck disable=SC2086
  put "s2.$n.window_list_med" "$(median $window_lists)"
  put "s2.$n.rss_mb" "$(jq -r '.rss_end_kb / 1024 | floor' "$work/warm$n.json")"
  local warm
  warm=$(jq -r 'select(has("converged") and .trigger == "resync" and .actions == 0) | .duration_ms' "$agent_log" | tail -n +3)
  # shellcheck disable=SC2086
  put "s2.$n.warm_med" "$(median $warm)"
  put "s2.$n.warm_n" "$(wc -w <<<"$warm")"
  if [[ -f $jfr ]]; then
    say "  $n containers, where the warm agent's CPU went (JFR, $jfr):"
    "${py[@]}" jfr-top "$jfr" 25 | jq -r '"  samples: \(.samples)", "  threads: \(.threads | map("\(.at) \(.pct)%") | join(", "))",
      "  self:", (.self[] | "    \(.pct)% \(.at)"), "  podkeeper, inclusive:", (.podkeeper_inclusive[] | "    \(.pct)% \(.at)")' >&2
  fi
  # CPU of the agent per pass over the window (every resync pass in it, the dropped ones too)
  local window_passes
  window_passes=$(jq -n '[inputs | select(has("converged") and .trigger == "resync")] | length' "$agent_log")
  ((window_passes > 0)) && put "s2.$n.cpu_pass_ms" "$(($(jq -r .cpu_ms "$work/warm$n.json") / window_passes))"
  put "s2.$n.wall" "${walls[*]}"
  put "s2.$n.pass" "${passes[*]}"
  put "s2.$n.wall_med" "$(median "${walls[@]}")"
  put "s2.$n.pass_med" "$(median "${passes[@]}")"
  put "s2.$n.calls" "$calls"
  put "s2.$n.endpoints" "$(jq -r '.by_endpoint | to_entries | map("\(.value) x `\(.key)`") | join(", ")' "$work/calls$n.json")"
  say "  $n containers: apply ${walls[*]} ms, pass ${passes[*]} ms, warm pass median $(get "s2.$n.warm_med") ms, $calls engine calls, container list $(get "s2.$n.list_med") ms, between its passes $(get "s2.$n.window_list_med") ms"
}

# ---------------------------------------------------------------- 3. repair latencies

section_repair() {
  local live=$work/live.yaml k n snippet names=()
  ensure 14
  cp "$(stack_file 14)" "$live"
  start_agent "$live" "$sock"
  trap 'stop_pid "$agent_pid"' EXIT
  # file edit: append one container at a time (the entry bench/seed-stack.sh would write for it)
  local edits=()
  for k in $(seq 1 "$EDITS"); do
    n=$((14 + k))
    snippet=$work/snippet$n.yaml
    added "$(stack_file $((n - 1)))" "$(stack_file "$n")" >"$snippet"
    sleep 2
    "${py[@]}" file-edit "$sock" "$live" "svc-$((n - 3))" "$snippet" >"$work/edit$k.json"
    edits+=("$(jq -r .engine_ms "$work/edit$k.json")")
    say "  edit $k: svc-$((n - 3)) running $(jq -r .engine_ms "$work/edit$k.json") ms after the write"
  done
  put s3.edit "${edits[*]}"
  put s3.edit_med "$(median "${edits[@]}")"
  # kills: each container once (a second exit within 10 min would meet the crash-loop backoff, by design)
  n=$((14 + EDITS))
  if ((KILLS > n - 3)); then # more services, appended in one edit
    added "$live" "$(stack_file $((KILLS + 3)))" >>"$live"
    n=$((KILLS + 3))
  fi
  for k in $(seq 1 $((n - 3))); do names+=("svc-$k"); done
  timeout 300 "${py[@]}" wait-running "$sock" 240 "${names[@]}" >/dev/null
  timeout 1200 "${py[@]}" kill-repair "$sock" "${names[@]:0:KILLS}" >"$work/kill.json"
  put s3.kill_p50 "$(jq -r .engine.p50_ms "$work/kill.json")"
  put s3.kill_p95 "$(jq -r .engine.p95_ms "$work/kill.json")"
  put s3.kill_max "$(jq -r .engine.max_ms "$work/kill.json")"
  put s3.kill_seen_p50 "$(jq -r .seen.p50_ms "$work/kill.json")"
  put s3.kill_seen_p95 "$(jq -r .seen.p95_ms "$work/kill.json")"
  put s3.kill_all "$(jq -r '.engine.all_ms | join(" ")' "$work/kill.json")"
  put s3.kills "$KILLS"
  say "  kill -> running: $(jq -c .engine "$work/kill.json")"
  timeout 1200 "${py[@]}" provider-restart "$sock" vpn "$RESTARTS" member-a member-b >"$work/restart.json"
  put s3.restart_p50 "$(jq -r .engine.p50_ms "$work/restart.json")"
  put s3.restart_p95 "$(jq -r .engine.p95_ms "$work/restart.json")"
  put s3.restart_seen_p50 "$(jq -r .seen.p50_ms "$work/restart.json")"
  put s3.restart_seen_p95 "$(jq -r .seen.p95_ms "$work/restart.json")"
  put s3.restart_all "$(jq -r '.engine.all_ms | join(" ")' "$work/restart.json")"
  put s3.restart_cmd_med "$(median $(jq -r '.restart_cmd_ms[]' "$work/restart.json"))"
  put s3.restarts "$RESTARTS"
  put s3.restart_races "$(jq -r .restart_cmd_lost_race "$work/restart.json")"
  say "  provider restart -> members in the new netns: $(jq -c .engine "$work/restart.json")"
  # how long the agent's repair passes took (actions > 0), and whether any container was held back
  put s3.repair_pass_med "$(median $(jq -r 'select(has("converged") and .actions > 0 and .trigger != "startup") | .duration_ms' "$agent_log"))"
  put s3.held_back "$(cat "$agent_log" "$agent_log.err" | grep -c 'crash loop' || true)"
  put s3.held_back_first "$(cat "$agent_log" "$agent_log.err" | grep -m1 'crash loop' | cut -c1-300 || true)"
  put s3.failures "$(jq -s '[.[] | select(has("converged")) | .failures] | add // 0' "$agent_log")"
  put s3.passes "$(grep -c '"converged"' "$agent_log")"
  # engine calls of the kills' repair passes (the pass summary's own count: event passes that started a container)
  local repair_calls
  repair_calls=$(jq -r 'select(has("converged") and .trigger == "event" and .actions == 1) | .engine_calls' "$agent_log")
  # shellcheck disable=SC2086
  put s3.repair_calls_med "$(median $repair_calls)"
  put s3.repair_calls_max "$(printf '%s\n' $repair_calls | sort -n | tail -n1)"
  put s3.repair_calls_n "$(wc -w <<<"$repair_calls")"
  stop_pid "$agent_pid"
  # Podman's own start: one bare start API call on a stopped service, after a stop, with nothing else running
  local starts=()
  for k in $(seq 1 "$((quick ? 5 : 10))"); do
    starts+=("$("${py[@]}" start-call "$sock" "svc-$k" | jq -r .ms)")
  done
  put s3.start_call "${starts[*]}"
  put s3.start_call_med "$(median "${starts[@]}")"
  # why a repair starts the moment the process ends: Podman's start just after a kill, at once or after an inspect
  "${py[@]}" start-after-kill "$sock" svc-1 "$((quick ? 6 : 20))" >"$work/start-after-kill.json"
  put s3.start_at_once "$(jq -r .at_once.p50_ms "$work/start-after-kill.json")"
  put s3.start_after_inspect "$(jq -r .after_inspect.p50_ms "$work/start-after-kill.json")"
  put s3.start_after_kill_n "$(jq -r .at_once.n "$work/start-after-kill.json")"
  # the engine's share of a repair: how long podkeeper's start / restart actions took (Podman's start)
  put s3.start_action_med "$(median $(jq -r 'select(.action == "start-container" and .outcome == "ok") | .duration_ms' "$agent_log"))"
  put s3.restart_action_med "$(median $(jq -r 'select(.action == "restart-container" and .outcome == "ok") | .duration_ms' "$agent_log"))"
}

# ---------------------------------------------------------------- 4. idle

# idle KEY [ARGS...]: the agent of a converged 14-container stack left alone; figures under KEY (s4, s4m)
idle() {
  local key=$1 before after passes
  shift
  ensure 14
  start_agent "$(stack_file 14)" "$proxy" "$@"
  trap 'stop_pid "$agent_pid"' EXIT
  sleep $((quick ? 5 : 10)) # the startup pass's follow-ups, class loading, JIT
  before=$(wc -l <"$work/proxy.log")
  passes=$(grep -c '"converged"' "$agent_log")
  "${py[@]}" idle "$agent_pid" "$IDLE_SECONDS" >"$work/idle.json"
  after=$(wc -l <"$work/proxy.log")
  put "$key.cpu_pct" "$(jq -r .cpu_pct "$work/idle.json")"
  put "$key.cpu_ms" "$(jq -r .cpu_ms "$work/idle.json")"
  put "$key.window" "$(jq -r .seconds "$work/idle.json")"
  put "$key.rss_end_mb" "$(jq -r '.rss_end_kb / 1024 | floor' "$work/idle.json")"
  put "$key.rss_max_mb" "$(jq -r '.rss_max_kb / 1024 | floor' "$work/idle.json")"
  put "$key.rss_start_mb" "$(jq -r '.rss_start_kb / 1024 | floor' "$work/idle.json")"
  put "$key.calls" "$((after - before))"
  put "$key.passes" "$(($(grep -c '"converged"' "$agent_log") - passes))"
  put "$key.threads" "$(awk '/^Threads:/ { print $2 }' "/proc/$agent_pid/status")"
  say "  idle ($key): $(cat "$work/idle.json"), $((after - before)) engine calls"
}

section_idle() {
  idle s4
  put run.jvm_flags "$(jvm_flags "$agent_pid" | sed "s|$work/pk|…|g" | tr '\n' ' ' | sed 's/ $//')"
}

jvm_flags() { # the JVM flags on PID's command line, one a line, @argument files expanded, up to the jar
  local arg
  while IFS= read -r -d '' arg; do
    case $arg in
      -jar | -cp | -classpath) break ;;
      @*) sed 's/#.*//' "${arg#@}" | xargs printf '%s\n' ;;
      *) printf '%s\n' "$arg" ;;
    esac
  done < <(tail -z -n +2 "/proc/$1/cmdline")
}

# The same with --metrics, scraped every 15 s during the window as a Prometheus would (its scrape_interval)
section_idle_metrics() {
  local address=127.0.0.1:$((base + 1009)) scraper
  (while sleep 15; do curl -sf -o /dev/null "http://$address/metrics" && echo ok >>"$work/scrapes"; done) &
  scraper=$!
  echo "$scraper" >>"$work/pids"
  : >"$work/scrapes"
  idle s4m --metrics "$address"
  kill "$scraper" 2>/dev/null || true
  put s4m.scrapes "$(wc -l <"$work/scrapes")"
}

# ---------------------------------------------------------------- 5. startup to READY

section_ready() {
  local i ready=() cpus=() exits=() loaded=() started=() passes=() t0 log
  ensure 14
  at_ms() { # the epoch ms of the first diagnostic line of LOG (one JSON object, as --log-format json writes it) whose message has TEXT
    local time
    time=$(grep '^{' "$1" | jq -r --arg text "$2" 'select(.message? // "" | contains($text)) | .time' | head -n1)
    [[ -n $time ]] && date -d "$time" +%s%3N
  }
  for i in $(seq 1 "$READY_RUNS"); do
    log=$work/ready$i.log
    PKBENCH_AGENT_LOG=$log timeout 200 "${py[@]}" ready 180 -- "$pk" --podman-socket "$sock" --log-format json \
      run --status-socket "$work/ready-$i.sock" "$(stack_file 14)" >"$work/ready$i.json"
    ready+=("$(jq -r .ready_ms "$work/ready$i.json")")
    cpus+=("$(jq -r .ready_cpu_ms "$work/ready$i.json")")
    exits+=("$(jq -r .exit_ms "$work/ready$i.json")")
    # where the time went, from podkeeper's own log lines: the file read (JVM, command line, parse), the
    # agent started (wiring, event stream, watchers, status socket), then the first pass
    t0=$(jq -r .exec_epoch_ms "$work/ready$i.json")
    loaded+=($(($(at_ms "$log" "desired state loaded") - t0)))
    started+=($(($(at_ms "$log" "podkeeper agent keeping") - t0)))
    passes+=("$(grep '^{' "$log" | jq -r 'select(has("converged")) | .duration_ms' | head -n1)")
    say "  run $i: READY=1 after ${ready[-1]} ms, ${cpus[-1]} ms of CPU (file read at ${loaded[-1]}, agent started at ${started[-1]}, first pass ${passes[-1]} ms); exit ${exits[-1]} ms after SIGTERM"
  done
  put s5.loaded_med "$(median "${loaded[@]}")"
  put s5.started_med "$(median "${started[@]}")"
  put s5.pass_med "$(median "${passes[@]}")"
  put s5.ready "${ready[*]}"
  put s5.ready_med "$(median "${ready[@]}")"
  put s5.cpu_med "$(median "${cpus[@]}")"
  put s5.exit_med "$(median "${exits[@]}")"
  put s5.status "$(jq -r .status "$work/ready1.json")"
  # the JVM and picocli alone, for comparison: `podkeeper --version`
  local t0 versions=()
  for i in 1 2 3; do
    t0=$(ms_now); "$pk" --version >/dev/null; versions+=($(($(ms_now) - t0)))
  done
  put s5.version_med "$(median "${versions[@]}")"
}

# ---------------------------------------------------------------- 6. registry checks of 30 references

section_updates() {
  local refs=30 rounds=5 port reg=$work/registry file=$work/updates.yaml i t0 out walls=() checks=() plain=()
  command -v docker-registry >/dev/null || { echo "docker-registry is missing (scripts/install-deps.sh)" >&2; return 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$reg"
  printf 'version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$reg/storage" "$port" >"$reg/config.yml"
  docker-registry serve "$reg/config.yml" >"$reg/access.log" 2>&1 &
  registry_pid=$! # global: the EXIT trap runs after this function has returned
  echo "$registry_pid" >>"$work/pids"
  trap 'stop_pid "$registry_pid"' EXIT
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
  printf 'version: 1\nstack: %s\ncontainers:\n' "$stack-upd" >"$file"
  for i in $(seq 1 "$refs"); do
    remote push --tls-verify=false "$image" "127.0.0.1:$port/bench/app-$i:latest" >/dev/null 2>&1
    printf '  app-%s: { image: "127.0.0.1:%s/bench/app-%s:latest", update: { policy: registry, mode: report } }\n' \
      "$i" "$port" "$i" >>"$file"
  done
  local heads0 gets0
  heads0=$(grep -c '"HEAD /v2/bench/' "$reg/access.log" || true)
  gets0=$(grep -c '"GET /v2/bench/[^ ]*/manifests/' "$reg/access.log" || true)
  for i in $(seq 1 "$rounds"); do
    t0=$(ms_now); "$pk" --podman-socket "$sock" plan "$file" >/dev/null; plain+=($(($(ms_now) - t0)))
    t0=$(ms_now); out=$("$pk" --podman-socket "$sock" plan --check-updates "$file"); walls+=($(($(ms_now) - t0)))
    checks+=("$(sed -n 's/^Image updates (asked the registry now: [0-9]* references in \([0-9]*\) ms):$/\1/p' <<<"$out")")
  done
  put s6.refs "$refs"
  put s6.rounds "$rounds"
  put s6.heads_per_run "$((($(grep -c '"HEAD /v2/bench/' "$reg/access.log") - heads0) / rounds))"
  put s6.gets_per_run "$((($(grep -c '"GET /v2/bench/[^ ]*/manifests/' "$reg/access.log" || true) - gets0) / rounds))"
  put s6.check "${checks[*]}"
  put s6.check_med "$(median "${checks[@]}")"
  put s6.wall_med "$(median "${walls[@]}")"
  put s6.plain_med "$(median "${plain[@]}")"
}

# ---------------------------------------------------------------- 7. routes: Caddy's side of a converged pass

routes_stack() { # the seed stack of 14 with a site and 3 path routes on each of svc-1..svc-10 (30 routes)
  local caddy=$1
  awk -v caddy="$caddy" -v site="127.0.0.1:$((base + 1005))" '
    { print }
    /^stack: / {
      print "proxy:"; print "  caddy: " caddy; print "  sites:"
      print "    main: { host: bench.example.test, listen: [\"" site "\"] }"
    }
    /^  svc-[0-9]+:$/ && substr($1, 5, length($1) - 5) + 0 <= 10 {
      n = substr($1, 5, length($1) - 5)
      printf "    routes: [{ path: /svc-%s-a }, { path: /svc-%s-b, stripPrefix: true }, { path: /svc-%s-c }]\n", n, n, n
    }' "$(stack_file 14)" >"$work/routes.yaml"
  echo "$work/routes.yaml"
}

section_routes() {
  command -v caddy >/dev/null || { echo "caddy is missing (scripts/install-deps.sh)" >&2; return 1; }
  local dir=$work/caddy f before calls=() passes=()
  mkdir -p "$dir"
  # Caddy with its admin API on a unix socket of the run's own, and the counting proxy in front of it
  printf '{"admin": {"listen": "unix/%s"}, "apps": {"http": {"servers": {}}}}\n' "$dir/admin.sock" >"$dir/caddy.json"
  local caddy_pid proxy_pid
  XDG_CONFIG_HOME=$dir XDG_DATA_HOME=$dir HOME=$dir caddy run --config "$dir/caddy.json" >"$dir/caddy.log" 2>&1 </dev/null &
  caddy_pid=$!
  echo "$caddy_pid" >>"$work/pids"
  for _ in $(seq 1 100); do [[ -S $dir/admin.sock ]] && break; sleep 0.1; done
  "${py[@]}" proxy "$dir/proxy.sock" "$dir/admin.sock" "$dir/proxy.log" </dev/null >/dev/null 2>"$dir/proxy.err" &
  proxy_pid=$!
  echo "$proxy_pid" >>"$work/pids"
  : >"$dir/proxy.log"
  for _ in $(seq 1 50); do [[ -S $dir/proxy.sock ]] && break; sleep 0.1; done
  f=$(routes_stack "unix://$dir/proxy.sock")
  apply "$f" # containers as in s2.14, and the site and its 30 routes
  put s7.first_actions "$actions"
  put s7.first_requests "$(wc -l <"$dir/proxy.log")"
  [[ $converged == 46/46 ]] || { echo "the routes stack did not converge ($converged)" >&2; return 1; }
  for i in 1 2 3; do
    before=$(wc -l <"$dir/proxy.log")
    apply "$f"
    [[ $actions == 0 ]] || { echo "a converged pass with 30 routes made $actions actions" >&2; return 1; }
    "${py[@]}" count-calls "$dir/proxy.log" "$before" >"$dir/calls$i.json"
    calls+=("$(jq -r .calls "$dir/calls$i.json")")
    passes+=("$pass_ms")
  done
  put s7.calls "${calls[*]}"
  put s7.endpoints "$(jq -r '.by_endpoint | to_entries | map("\(.value) x `\(.key)`") | join(", ")' "$dir/calls3.json")"
  put s7.pass "${passes[*]}"
  put s7.pass_med "$(median "${passes[@]}")"
  put s7.config_bytes "$(curl -s --unix-socket "$dir/admin.sock" -H 'Host;' http://localhost/config/apps | wc -c)"
  say "  30 routes: converged passes made ${calls[*]} admin API requests ($(get s7.endpoints)); pass ${passes[*]} ms"
  # Caddy's site listener must not outlive the section: later sections' stacks publish ports of their own
  stop_pid "$proxy_pid"
  stop_pid "$caddy_pid"
}

# ---------------------------------------------------------------- 8. soak: many passes with churn

# Not part of the default run (its 10,000 passes take about as long as all the rest): PKBENCH_SECTIONS=s8
# runs it alone, PKBENCH_SOAK=1 adds it to a whole run. A run at full length rewrites its own part of
# docs/benchmarks.md (between the "bench/run.sh s8" markers), alone or not; --quick only prints.
section_soak() {
  local n=20 live=$work/soak.yaml snippet=$work/soak-extra.yaml address=127.0.0.1:$((base + 1008))
  # PKBENCH_SOAK_PASSES: another length in full mode (the figures are written to the docs only from 10,000 on)
  local passes=$((quick ? 1500 : ${PKBENCH_SOAK_PASSES:-10000})) every=$((quick ? 250 : 500))
  clean_stack
  ensure "$n"
  cp "$(stack_file "$n")" "$live"
  added "$(stack_file "$n")" "$(stack_file $((n + 1)))" >"$snippet" # svc-18: added and removed by the edits
  soak_log=$work/soak-agent.log
  timeout 3600 python3 "$root/bench/soak.py" --engine-dir "$engine" --proxy "$work/soak-proxy.sock" \
    --proxy-log "$work/soak-proxy.log" --metrics "$address" --status-socket "$work/soak-status.sock" \
    --file "$live" --agent-log "$soak_log" --extra "svc-$((n - 2))=$snippet" --pids "$work/pids" \
    --passes "$passes" --sample-every "$every" --churn-every $((every / 2)) --warmup $((passes / 5)) -- \
    "$pk" --podman-socket "unix://$work/soak-proxy.sock" --log-format json --log-every-pass \
    run --metrics "$address" --status-socket "$work/soak-status.sock" "$live" >"$work/soak.json"
  local j=$work/soak.json
  put s8.containers "$n"
  put s8.sample_every "$every"
  put s8.churn_every "$((every / 2))"
  put s8.passes "$(jq -r .passes "$j")"
  put s8.seconds "$(jq -r .seconds "$j")"
  put s8.steps "$(jq -r .churn_steps "$j")"
  put s8.lost "$(jq -r .lost_count "$j")"
  put s8.warmup "$(jq -r .warmup "$j")"
  put s8.verdicts "$(jq -r '.manual_verdicts | to_entries | map("\(.value) \(.key)") | join(", ")' "$j")"
  put s8.samples "$(jq -r '.samples[] | "| \(.passes) | \(.seconds) | \(.rss_kb / 1024 * 10 | round / 10) | \(.rss_anon_kb / 1024 * 10 | round / 10) / \(.rss_file_kb / 1024 * 10 | round / 10) | \(.heap_kb / 1024 * 10 | round / 10) | \(.fds) | \(.threads) | \(.engine_connections) |"' "$j" | tr '\n' '~')"
  # per figure, in the table's units (MB for the kB of memory), and whether its fitted line is flat
  put s8.trends "$(jq -r '.trends | to_entries[] | (if (.key | endswith("_kb")) then 1024 else 1 end) as $u
    | ({rss_kb: "RSS (MB)", heap_kb: "heap after GC (MB)", fds: "open fds", threads: "threads",
        engine_connections: "engine connections"}[.key]) as $name
    | .value | "| \($name) | \(.per_10k_passes / $u * 100 | round / 100) | \(.over_window / $u * 100 | round / 100) | \(.allowed / $u * 100 | round / 100) | **\(if .flat then "flat" else "RISING" end)** | \(.min / $u * 10 | round / 10) | \(.max / $u * 10 | round / 10) |"' "$j" | tr '\n' '~')"
  put s8.flat "$(jq -r 'if .flat then "all flat" else "NOT all flat" end' "$j")"
  put s8.by_trigger "$(jq -r '.by_trigger | to_entries | map("\(.value) \(.key)") | join(", ")' "$j")"
  put s8.by_outcome "$(jq -r '.by_outcome | to_entries | map("\(.value) \(.key)") | join(", ")' "$j")"
  put s8.rate "$(jq -r '.passes / .seconds | . * 10 | round / 10' "$j")"
  put s8.repairs "$(jq -r '.repairs | to_entries[] | "| \(.key) | \(.value.n) | \(.value.p50_ms) | \(.value.max_ms) |"' "$j" | tr '\n' '~')"
  say "  soak: $(get s8.passes) passes in $(get s8.seconds) s, $(get s8.steps) churn steps, $(get s8.lost) lost repairs"
  jq -c '.trends' "$j" >&2
  if [[ $(get s8.lost) != 0 ]]; then
    jq -r '.lost[] | "LOST REPAIR, step \(.step) (\(.kind): \(.what)): \(.problems | join("; "))\n" + (.agent_log | join("\n"))' "$j" >&2
    return 1
  fi
}

report_soak() {
  cat <<MD
<!-- begin bench/run.sh s8: generated by \`PKBENCH_SECTIONS=s8 bench/run.sh\`; edit that script, not this section -->
## Soak: $(v s8.passes) passes with churn (\`bench/run.sh\` section 8)

Last run: $(get run.date), tree $(get run.commit), $(v s8.seconds " s"), load average at its start $(v s8.load), $(get machine.cores) CPUs,
Podman $(get machine.podman), $(get machine.java). **$(v s8.lost) lost repairs** in $(v s8.steps) churn steps; past the
warm-up the figures are **$(v s8.flat)**. $(v s8.rate) passes a second; by trigger: $(v s8.by_trigger); by
outcome: $(v s8.by_outcome).

| passes | s | RSS (MB) | of it anonymous / files (MB) | heap after GC (MB) | open fds | threads | engine connections |
|---|---|---|---|---|---|---|---|
$(get s8.samples | tr '~' '\n')

Past the warm-up (the samples from pass $(v s8.warmup) on), each figure's least-squares line: its slope as the
change over 10,000 passes, the change it makes across the window, what "flat" allows there (5 % of the mean for
memory, whose live set moves with what the last pass held; 2 for the counts, as a pooled connection and its fd
come and go), and the range seen:

| figure | slope per 10,000 passes | fitted change across the window | allowed | | min | max |
|---|---|---|---|---|---|---|
$(get s8.trends | tr '~' '\n')

Repairs, from the churn step (or, for the kills after a break, from the kill) until the engine was as the file
says, polled every 100 ms (ms):

| step | n | p50 | max |
|---|---|---|---|
$(get s8.repairs | tr '~' '\n')

The agent is \`podkeeper run --metrics\` with the seed-shaped stack of $(v s8.containers) containers (a \`vpn\` provider,
two members in its namespace, workers on a bridge network), the default \`--resync\` (60 s), against the bench's
private engine through a proxy of \`bench/soak.py\`'s own (\`WireProxy\` of \`bench/pkbench.py\`), which counts the
agent's open engine connections and can cut them. The passes are manual passes asked for on the status socket
(what \`podkeeper apply\` sends to a running agent; answers: $(v s8.verdicts)), two at a time so that the loop never
waits for the client, counted by \`podkeeper_passes_total\` on the metrics endpoint, plus the passes the churn
causes. Every $(v s8.churn_every) passes the manual passes stop and one churn step runs, in turn: \`podman kill\` of
the worker that has gone longest without one, \`podman restart vpn\`, an edit of the file (one worker appended,
the next time removed again; one \`rename\` each), the engine's \`podman system service\` stopped (SIGTERM) and
started again, every engine connection cut at the proxy (the event stream included). After each, the soak waits,
without manual passes, until every declared container runs, both members are in vpn's network namespace and a
removed worker is gone: a repair that takes longer than 30 s (plus any crash-loop hold the kill meets by
design) is a lost repair, printed with the agent's log. After an engine restart and a cut stream a worker is
killed 3 s later as well: only an event stream that came back (or the resync its return asks for) repairs it in
time. Every $(v s8.sample_every) passes: VmRSS (and its RssAnon and RssFile) and Threads from \`/proc/PID/status\`, the used heap of every generation after
\`jcmd PID GC.run\` (\`GC.heap_info\`), the entries of \`/proc/PID/fd\`, and the proxy's open connections.
<!-- end bench/run.sh s8 -->
MD
}

run_section s1 section_converge
SIZE=14 run_section s2.14 section_converged
run_section s5 section_ready
run_section s4 section_idle
run_section s4m section_idle_metrics
run_section s3 section_repair
run_section s6 section_updates
run_section s7 section_routes
[[ ${PKBENCH_SOAK:-0} == 0 && -z ${PKBENCH_SECTIONS:-} ]] || run_section s8 section_soak
for SIZE in "${SIZES[@]:1}"; do
  SIZE=$SIZE run_section "s2.$SIZE" section_converged
done
put machine.load_end "$(loadavg)"
put run.seconds "$((($(ms_now) - $(get run.started_ms)) / 1000))"

# ---------------------------------------------------------------- the report

v() { # KEY [UNIT]: the value, or "n/a" (with the section's failure, if any)
  local x
  x=$(get "$1")
  if [[ -z $x ]]; then echo "n/a"; else echo "$x${2:-}"; fi
}
key_ratio() { # KEY_A KEY_B: A / B to two decimals, or "n/a" when either is missing
  local a b
  a=$(get "$1") b=$(get "$2")
  if [[ -z $a || -z $b ]]; then echo "n/a"; else ratio "$a" "$b"; fi
}
growth() { # SECTION FIGURE UNIT: "14 -> 100: +x UNIT per 100; ..." (per 100 containers) between successive sizes
  local prev="" n a b parts=()
  for n in $SIZES_LIST; do
    if [[ -n $prev ]]; then
      a=$(get "$1.$prev.$2") b=$(get "$1.$n.$2")
      if [[ -n $a && -n $b ]]; then
        parts+=("$prev -> $n: $(awk -v a="$a" -v b="$b" -v d=$((n - prev)) 'BEGIN { printf "%+.2f", (b - a) * 100 / d }')$3 per 100")
      fi
    fi
    prev=$n
  done
  if ((${#parts[@]})); then (IFS=';'; echo "${parts[*]}" | sed 's/;/; /g'); else echo "n/a"; fi
}
failed_note() { # SECTION: a line saying it failed, if it did
  local f
  f=$(get "$1.failed")
  [[ -z $f ]] || printf '\n**%s failed in this run** (%s); figures marked n/a are missing.\n' "$1" "$f"
}

report() {
  local lo hi under_load=""
  # the 1-min load average at the start, at each section's start and at the end
  read -r lo hi < <(awk -F= '$1 ~ /(\.load|load_start|load_end)$/ { split($2, l, " "); print l[1] }' "$results" \
    | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo, hi }')
  # The benchmark's own engine work keeps the load near 1; above one runnable task per core, other work competed.
  if awk -v l="$hi" -v c="$cores" 'BEGIN { exit !(l > c) }'; then
    under_load="**Taken under load**: the 1-min load average was between $lo and $hi during the run (at its start and \
at the start of each section) on $cores cores, so other work competed for the CPUs: absolute times are \
inflated and vary between sections; compare figures of the same section (the rounds of 1 alternate the tools)."
  fi
  cat <<MD
<!-- begin bench/run.sh: generated by \`bench/run.sh\`; edit that script, not this section -->
## Agent benchmarks (\`bench/run.sh\`)

Last run: $(get run.date), \`bench/run.sh$( ((quick)) && echo " --quick")\` ($mode mode, $(get run.seconds) s), tree $(get run.commit)
(jar built $(get run.jar_time)$([[ -z $(get run.build_failed) ]] || echo "; rebuilding the newer sources failed, so the jar is older than the tree")).

Machine: $(get machine.cores) CPUs, $(get machine.mem) RAM, kernel $(get machine.kernel), Podman $(get machine.podman)
(runtime $(get machine.runtime), $(get machine.cgroup)), $(get machine.java), started by the tree's
\`bin/podkeeper\` with \`$(v run.jvm_flags)\`$([[ $(get run.dirty) == 0 ]] || echo " (the tree had uncommitted changes to podkeeper's sources or launcher)").
Load average (1, 5, 15 min) at the start: $(get machine.load_start); at the end: $(get machine.load_end).
${under_load:+
$under_load
}
Every figure is against a private Podman engine (\`scripts/podman-engine.sh\`) with the busybox test image,
on a seed-shaped stack (\`bench/seed-stack.sh\`: a \`vpn\` provider with two loopback ports, two members in its
network namespace, the rest services on one bridge network, each with a loopback port); ms are wall-clock.

### 1. Converge from empty, 14 containers

| | per round (ms) | median | / engine floor, per round | median |
|---|---|---|---|---|
| **engine floor**: the same API calls bare, $EXECUTOR_THREADS at a time in dependency order | $(v s1.floor) | $(v s1.floor_med " ms") | | 1.00 |
| 14 sequential \`podman run -d\` (+ \`network create\`) | $(v s1.cli) | $(v s1.cli_med " ms") | $(v s1.cli_floor) | $(v s1.cli_floor_med) |
| \`podkeeper apply\` (JVM start included) | $(v s1.pk) | $(v s1.pk_med " ms") | $(v s1.pk_floor) | **$(v s1.pk_floor_med)** |
| its reconcile pass alone (the log's \`duration_ms\`) | $(v s1.pass) | $(v s1.pass_med " ms") | $(v s1.pass_floor) | $(v s1.pass_floor_med) |
| ratio podkeeper / podman, per round | $(v s1.ratios) | **$(v s1.ratio_med)** | | |

$(get s1.ratios | wc -w) rounds; each round starts with another of the three (floor, \`podman run\`, podkeeper), and
before each run every container and the network are removed. All go through the same engine (\`podman --url\` is
the remote client). The engine floor (\`bench/pkbench.py floor\`) is what no client can beat at that width: the
network create, then each container's create and start as bare HTTP calls on kept-alive connections, the
members once \`vpn\` is created (the executor's order), with the bodies podkeeper sends (same labels' size). The
ratios are per round, so that the machine's load moves both sides alike. Load at the start of this section: $(v s1.load).

The floor by width (calls at a time; medians of $(get s1.width1 | wc -w) rounds, widths alternated): 1: $(v s1.width1_med " ms"), 2: $(v s1.width2_med " ms"),
3: $(v s1.width3_med " ms"), 4: $(v s1.width4_med " ms") (rounds: $(v s1.width1) / $(v s1.width2) / $(v s1.width3) / $(v s1.width4)).
$(failed_note s1)

### 2. A converged pass (nothing to do)
MD
  cat <<MD

| containers | \`podkeeper apply\`, wall (median) | its pass (median) | warm pass inside \`podkeeper run\` (median) | engine calls | calls by endpoint | the container list alone (curl, median) | warm pass / list | the list with every namespace (curl, median) | warm pass / that list | the list between its passes (curl, median) | warm pass / that list | RSS of \`run\` | its CPU per pass |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
MD
  for n in $SIZES_LIST; do
    echo "| $n | $(v "s2.$n.wall_med" " ms") | $(v "s2.$n.pass_med" " ms") | $(v "s2.$n.warm_med" " ms") ($(v "s2.$n.warm_n") passes) | $(v "s2.$n.calls") | $(v "s2.$n.endpoints") | $(v "s2.$n.list_med" " ms") ($(v "s2.$n.list_kb" " KiB")) | $(key_ratio "s2.$n.warm_med" "s2.$n.list_med") | $(v "s2.$n.ns_list_med" " ms") | $(key_ratio "s2.$n.warm_med" "s2.$n.ns_list_med") | $(v "s2.$n.window_list_med" " ms") | $(key_ratio "s2.$n.warm_med" "s2.$n.window_list_med") | $(v "s2.$n.rss_mb" " MB") | $(v "s2.$n.cpu_pass_ms" " ms") |"
  done
  cat <<MD

The wall time is the whole \`podkeeper apply\` process; the pass is its summary line's \`duration_ms\`; the warm
pass is the same pass in a running agent (\`run --resync 2s\` for a few seconds, the first two resyncs
dropped). Engine calls are HTTP requests counted on the wire by a proxy in front of the engine socket
(\`bench/pkbench.py proxy\`), because podkeeper does not print its own count. The list alone is Podman's
share: the libpod container list podkeeper asks for (\`?all=true\`), timed with curl on the socket; the list with
every namespace (\`?all=true&namespace=true\`, five of each alternated) is what the pass asked for until it read the
few namespaces it compares on the host (\`NetworkNamespaces\`). The list between its passes is the same plain
list, timed right after each resync pass of the warm window (the first two dropped, as for the passes): the
engine's time drifts over the minutes between the curl runs and that window, by as much as the pass's own work,
so this ratio is the one that compares like with like. Converging to each size first (not
part of the figures; the stack grows, so only the missing containers are created):$(for n in $SIZES_LIST; do printf ' %s containers: %s actions in %s;' "$n" "$(v "s2.$n.create_actions")" "$(v "s2.$n.create_ms" " ms")"; done)
every size is on one /22 network. RSS is the agent's VmRSS at the end of its warm window; its CPU per pass is
utime+stime over that window divided by the resync passes in it (what the agent does between passes included,
so a little high).

How each figure grows, per 100 containers added from one size to the next: $(growth s2 list_med " ms") (the list);
$(growth s2 warm_med " ms") (the warm pass); $(growth s2 rss_mb " MB") (RSS).
$(for n in $SIZES_LIST; do failed_note "s2.$n"; done)

### 3. Repair latency, \`podkeeper run\` running

| event | p50 | p95 | samples (ms) |
|---|---|---|---|
| \`podman kill\` of a service -> running again | $(v s3.kill_p50 " ms") | $(v s3.kill_p95 " ms") | $(v s3.kill_all) |
| \`podman restart vpn\` -> both members running in vpn's new netns | $(v s3.restart_p50 " ms") | $(v s3.restart_p95 " ms") | $(v s3.restart_all) |
| container appended to the file -> running | $(v s3.edit_med " ms") (median) | | $(v s3.edit) |

- Kill: $(v s3.kills) kills, each of a different service (a second exit of the same container within 10 min meets
  the crash-loop backoff, 10 s, by design). Latency = the engine's new \`StartedAt\` minus the killed run's
  \`FinishedAt\`; as seen by polling the engine every 25 ms from \`podman kill\`'s return: p50 $(v s3.kill_seen_p50 " ms"),
  p95 $(v s3.kill_seen_p95 " ms"). Podman does not restart a killed container itself here, although podkeeper
  sets \`unless-stopped\`: every repair is podkeeper's.
- Provider restart: $(v s3.restarts) restarts. Latency = the later member's new \`StartedAt\` minus the provider's
  new \`StartedAt\`, counted only once both members' \`/proc/PID/ns/net\` equals the provider's; as seen by polling:
  p50 $(v s3.restart_seen_p50 " ms"), p95 $(v s3.restart_seen_p95 " ms"). \`podman restart vpn\` itself took $(v s3.restart_cmd_med " ms") (median);
  in $(v s3.restart_races) of the $(v s3.restarts) it failed (exit 125, "cannot start an already running container" or runc's start
  failing): podkeeper saw the stop (a die event) and started vpn itself between podman's stop and its start. Those
  rounds are measured all the same, from the provider's new start, whoever made it.
- File edit: one service entry appended to the watched file (one write), timed from the write to the new
  container's \`StartedAt\`; includes podkeeper's 200 ms debounce of file events.
- Podman's own start time, a bare start API call on a stopped service (\`bench/pkbench.py start-call\`, the agent
  stopped): $(v s3.start_call_med " ms") (median of $(v s3.start_call); compare with the kill's p50). The kills'
  repair passes (engine events, one action) made $(v s3.repair_calls_med) engine calls (median; at most
  $(v s3.repair_calls_max), $(v s3.repair_calls_n) passes; the pass summary's own count).
- Why the repair starts at once (\`bench/pkbench.py start-after-kill\`, the agent stopped, $(v s3.start_after_kill_n) kills
  each way, alternated): from the killed process's end (seen through a pidfd) to the start's answer,
  $(v s3.start_at_once " ms") (median) when the start is sent at once, $(v s3.start_after_inspect " ms") when an inspect
  comes first, as a repair on the engine's word does: the inspect waits on the container's lock, and the start
  after it waits behind Podman's \`container cleanup\`.
- Podman's share: podkeeper's \`start-container\` actions (the kills' repairs) took $(v s3.start_action_med " ms") and its
  \`restart-container\` actions (the members) $(v s3.restart_action_med " ms") (medians of the actions' \`duration_ms\`).
  The agent's repair passes (with actions) took $(v s3.repair_pass_med " ms") (median); $(v s3.passes) passes in all,
  $(v s3.failures) failed actions, $(v s3.held_back) crash-loop hold-backs$([[ -z $(get s3.held_back_first) ]] || printf ' (the first: `%s`)' "$(get s3.held_back_first | tr -d '`')"; [[ $(get s3.held_back_first) != *'"target":"vpn"'* ]] || printf '; podkeeper counts each `podman restart vpn` as an exit of vpn, so repeated restarts meet its crash-loop backoff; Podman'"'"'s own start follows anyway'). Load at the start: $(v s3.load).
$(failed_note s3)

### 4. Idle \`podkeeper run\`, 14 containers

| | RSS at the end | RSS max | CPU (one core = 100 %) | engine calls | passes | threads |
|---|---|---|---|---|---|---|
| \`run\` | $(v s4.rss_end_mb " MB") | $(v s4.rss_max_mb " MB") | $(v s4.cpu_pct " %") ($(v s4.cpu_ms " ms") over $(v s4.window " s")) | $(v s4.calls) | $(v s4.passes) | $(v s4.threads) |
| \`run --metrics\`, scraped every 15 s ($(v s4m.scrapes) scrapes in the section) | $(v s4m.rss_end_mb " MB") | $(v s4m.rss_max_mb " MB") | $(v s4m.cpu_pct " %") ($(v s4m.cpu_ms " ms") over $(v s4m.window " s")) | $(v s4m.calls) | $(v s4m.passes) | $(v s4m.threads) |

RSS is VmRSS of the java process (what \`ps -o rss\` shows); CPU is utime+stime from \`/proc/PID/stat\` over the
window, which starts $( ((quick)) && echo 5 || echo 10) s after the startup pass; default \`--resync\` (60 s); engine calls through
the counting proxy (the event stream is one long call, opened before the window). Load at the start: $(v s4.load).
$(failed_note s4)$(failed_note s4m)

### 5. Startup to READY, 14 containers converged

| runs (ms) | median | CPU used by READY=1 (median) | exit after SIGTERM (median) |
|---|---|---|---|
| $(v s5.ready) | **$(v s5.ready_med " ms")** | $(v s5.cpu_med " ms") | $(v s5.exit_med " ms") |

From the exec of \`bin/podkeeper run\` (JVM start included) to the \`READY=1\` datagram on a \`NOTIFY_SOCKET\`
bound by \`bench/pkbench.py\`; podkeeper sends it after its first pass (here a converged one, 0 actions). Its
STATUS= was: \`$(v s5.status)\`. Where the time goes (medians, from podkeeper's own log lines, ms after the exec):
the file is read and validated at $(v s5.loaded_med " ms") (JVM start, command line, parse), the agent has started at
$(v s5.started_med " ms") (wiring, event stream, file watcher, status socket), then the first pass takes $(v s5.pass_med " ms")
and READY=1 follows. The CPU time (all threads, from \`/proc/PID/stat\`) is the figure that load does not
inflate: with both cores busy elsewhere, the wall time tends towards it times the run queue's length. For comparison, \`podkeeper --version\` (JVM start and the command line
only) takes $(v s5.version_med " ms") (median of 3). Load at the start: $(v s5.load).
$(failed_note s5)

### 6. Registry checks, $(v s6.refs) followed references

| requests per check of all (HEAD / GET of manifests) | the checks alone (median) | \`plan --check-updates\`, wall (median) | \`plan\` without, wall (median) |
|---|---|---|---|
| $(v s6.heads_per_run) / $(v s6.gets_per_run) | **$(v s6.check_med " ms")** ($(v s6.check)) | $(v s6.wall_med " ms") | $(v s6.plain_med " ms") |

$(v s6.refs) containers, each following its own reference (\`update: { policy: registry, mode: report }\`) on a
Debian \`docker-registry\` on loopback (plain HTTP, no auth) that the bench image was pushed to; the containers do
not exist, so nothing but the checks differs between the two plans. Requests are counted in the registry's access
log; the checks' time is what \`plan --check-updates\` prints ("asked the registry now: N references in M ms"):
one HEAD after the other. $(v s6.rounds) rounds. Load at the start: $(v s6.load).
$(failed_note s6)

### 7. A converged pass with 30 routes, Caddy's side

| admin API requests per converged pass (3 passes) | by endpoint | pass (ms) | first pass: actions, requests |
|---|---|---|---|
| **$(v s7.calls)** | $(v s7.endpoints) | $(v s7.pass) | $(v s7.first_actions), $(v s7.first_requests) |

The 14-container stack of section 2 with one site and 3 path routes on each of 10 services (a third of them
stripped), in a \`caddy run\` of the run's own (2.6.2 from Debian; admin API on a unix socket, behind the counting
proxy of section 2). After the first \`podkeeper apply\` put the site and the routes in, each further apply is
converged (0 actions) and its requests to Caddy's admin API are counted on the wire. Caddy's config as read:
$(v s7.config_bytes " bytes"). Load at the start: $(v s7.load).
$(failed_note s7)
<!-- end bench/run.sh -->
MD
}

# write_doc BEGIN END FILE: FILE's text replaces docs/benchmarks.md's part from the line starting with BEGIN to
# END (appended to the file if it has none); the rest of the file is left alone
write_doc() {
  python3 - "$root/docs/benchmarks.md" "$@" <<'EOF'
import os, sys
path, begin, end, section = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4]).read().strip() + "\n"
text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
i, j = text.find(begin), text.find(end)
if i >= 0 and j > i:
    text = text[:i] + section + text[j + len(end):].lstrip("\n")
    if not text[i + len(section):].startswith("\n") and text[i + len(section):]:
        text = text[:i + len(section)] + "\n" + text[i + len(section):]
else:
    text = text.rstrip("\n") + "\n\n" + section
tmp = path + ".tmp-bench"
open(tmp, "w").write(text)
os.replace(tmp, path)
EOF
}

if [[ -n $(get s8.passes) ]]; then
  report_soak | cat -s >"$work/soak.md"
  cat "$work/soak.md"
  if ((quick)) || [[ -n $(get s8.failed) ]] || (($(get s8.passes) < 10000)); then
    say "the soak's figures are not written to docs/benchmarks.md (--quick, under 10,000 passes, or it failed)"
  else
    write_doc "<!-- begin bench/run.sh s8:" "<!-- end bench/run.sh s8 -->" "$work/soak.md"
    say "the soak's figures written to docs/benchmarks.md"
  fi
fi
[[ ${PKBENCH_SECTIONS:-} == s8 ]] && exit 0

SIZES_LIST="${SIZES[*]}"
report | cat -s >"$work/section.md"
cat "$work/section.md"
if [[ -n ${PKBENCH_SECTIONS:-} ]]; then
  say "PKBENCH_SECTIONS=$PKBENCH_SECTIONS (a debugging subset): docs/benchmarks.md left alone"
  exit 0
fi
write_doc "<!-- begin bench/run.sh:" "<!-- end bench/run.sh -->" "$work/section.md"
say "figures written to docs/benchmarks.md ($(get run.seconds) s in all)"
