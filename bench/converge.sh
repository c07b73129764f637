#!/usr/bin/env bash
# Converge from empty: `podkeeper apply` (JVM start included) against 14 sequential `podman run -d`
# making the same seed-shaped stack on the same private engine, alternated, median ratio.
# Then the engine calls of a converged apply at 14 and at 200 containers.
#
#   bench/converge.sh [ROUNDS]      (default 5; as root; builds nothing: run `mvn -DskipTests package` first)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=$(mktemp -d /tmp/pk-bench.XXXXXX)
engine=$work/engine
sock=$(scripts/podman-engine.sh start "$engine")
trap 'scripts/podman-engine.sh stop "$engine" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
image=$(scripts/build-test-image.sh "$sock" localhost/podkeeper-bench:1)
podman=(podman --url "$sock")
stack=bench$$
net=pk-bench-$$
bench/seed-stack.sh 14 "$stack" "$net" 10.89.91 28080 "$image" >"$work/stack14.yaml"

now_ms() { date +%s%3N; }
clean() {
  "${podman[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${podman[@]}" network rm -f "$net" >/dev/null 2>&1 || true
}
cli_run() { # the same stack by hand: network, provider, members, services
  "${podman[@]}" network create --subnet 10.89.91.0/24 "$net" >/dev/null
  "${podman[@]}" run -d --name vpn --network "$net" -p 127.0.0.1:28080:8080 -p 127.0.0.1:28081:8085 "$image" >/dev/null
  "${podman[@]}" run -d --name member-a --network container:vpn "$image" sh -c "trap 'exit 0' TERM; httpd -f -p 8080 -h /tmp & wait" >/dev/null
  "${podman[@]}" run -d --name member-b --network container:vpn "$image" sh -c "trap 'exit 0' TERM; httpd -f -p 8085 -h /tmp & wait" >/dev/null
  for i in $(seq 1 11); do
    "${podman[@]}" run -d --name "svc-$i" --network "$net" -p "127.0.0.1:$((28081 + i)):80" "$image" \
      sh -c "trap 'exit 0' TERM; httpd -f -p 80 -h /tmp & wait" >/dev/null
  done
}
apply() {
  bin/podkeeper --podman-socket "$sock" apply "$1" >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; return 1; }
}

cli_times=() pk_times=()
for r in $(seq 1 "$rounds"); do
  clean; t0=$(now_ms); cli_run; cli_times+=($(( $(now_ms) - t0 )))
  clean; t0=$(now_ms); apply "$work/stack14.yaml"; pk_times+=($(( $(now_ms) - t0 )))
done
clean
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'; }
cli_med=$(median "${cli_times[@]}") pk_med=$(median "${pk_times[@]}")
echo "converge from empty, 14 containers, $rounds alternated rounds"
echo "  14 x podman run -d : ${cli_times[*]} ms  (median $cli_med ms)"
echo "  podkeeper apply    : ${pk_times[*]} ms  (median $pk_med ms)"
echo "  ratio podkeeper/cli: $(awk -v a="$pk_med" -v b="$cli_med" 'BEGIN { printf "%.2f", a / b }')"

echo "engine calls of a converged apply (the pass after the one that converged):"
for n in 14 200; do
  bench/seed-stack.sh "$n" "$stack" "$net" 10.89.91 28080 "$image" >"$work/stack$n.yaml"
  apply "$work/stack$n.yaml"
  apply "$work/stack$n.yaml"
  calls=$(grep -o 'engine calls [0-9]*' "$work/apply.log" | tail -n1 | awk '{ print $3 }')
  echo "  $n containers: ${calls:-?} engine calls"
  clean
done
