#!/usr/bin/env bash
# Times `bin/podkeeper validate FILE` as a user meets it: a whole process each run, JVM start included.
# Prints the median and the 95th percentile (nearest rank) of the wall time, with the machine's load
# for context. Uses hyperfine when it is installed (apt-get install -y hyperfine), else a bash loop.
#
#   scripts/bench-validate.sh [RUNS] [FILE]        defaults: 20 runs of examples/hwc-server.yaml
#
# Environment passed on to bin/podkeeper, e.g. PODKEEPER_CDS=off to time it without its CDS archive.
# Method and figures: docs/benchmarks.md, "validate".
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
file="${2:-examples/hwc-server.yaml}"
command=(bin/podkeeper validate "$file")

if [[ ! -f agent/target/podkeeper.jar ]]; then
  echo "bench-validate: build first: mvn -q -DskipTests package" >&2
  exit 1
fi
# One untimed run: it must pass, and it makes the CDS archive if this build has none yet.
"${command[@]}" >/dev/null

times_ms=()
cpu_ms=""
if command -v hyperfine >/dev/null; then
  method="hyperfine, 3 warm-up runs, no intermediate shell"
  json="$(mktemp)"
  trap 'rm -f "$json"' EXIT
  hyperfine --style basic -N --warmup 3 --runs "$runs" --export-json "$json" "${command[*]}" >&2
  # The JSON's "times" array holds each run's wall time in seconds; "user" and "system" the mean CPU time,
  # which says more than the wall time when other work shares the machine.
  mapfile -t times_ms < <(awk '/"times": \[/ {inside=1; next} inside && /\]/ {exit}
    inside {gsub(/[ ,]/, ""); printf "%d\n", $0 * 1000}' "$json")
  cpu_ms=$(awk -F': ' '/"user":|"system":/ {gsub(/,/, "", $2); sum += $2} END {printf "%d", sum * 1000}' "$json")
else
  method="bash loop over date +%s%N, 3 warm-up runs"
  for _ in 1 2 3; do "${command[@]}" >/dev/null; done
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "${command[@]}" >/dev/null
    times_ms+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
fi

mapfile -t sorted < <(printf '%s\n' "${times_ms[@]}" | sort -n)
count=${#sorted[@]}
median=$(( count % 2 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2 ))
p95=${sorted[$(( (95 * count + 99) / 100 - 1 ))]}

echo "validate $file: $count runs ($method)"
echo "  median ${median} ms   p95 ${p95} ms   min ${sorted[0]} ms   max ${sorted[count - 1]} ms${cpu_ms:+   mean CPU (user+sys) ${cpu_ms} ms}"
echo "  $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
