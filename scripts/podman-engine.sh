#!/usr/bin/env bash
# A private Podman API service for tests and the demo: own storage, own state, own socket.
#
#   scripts/podman-engine.sh start DIR   start it (if not already running), print its socket URI
#   scripts/podman-engine.sh stop DIR    remove its containers (all of them were made through it), stop it
#   scripts/podman-engine.sh podman DIR ARGS...   run the podman CLI against its storage (for tests)
#
# DIR holds root/ (images, containers), runroot/, tmp/ (state, events), podman.sock, podman.pid, podman.log
# and, only when this host needs it, containers.conf. Networks stay host-wide (netavark's config in
# /etc/containers/networks, bridges, port binds): callers must give theirs names that cannot clash.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR   |   $0 podman DIR ARGS..." >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd -P)
shift 2

sock=$dir/podman.sock
pidfile=$dir/podman.pid
conf=$dir/containers.conf
log=$dir/podman.log
# Podman's own default for both limits when it runs as root (define.RLimitDefaultValue).
podman_default_rlimit=1048576

# Global flags that make every podman call (service or CLI) use this DIR's state only. The events go to a
# file under tmp/ so that this engine reports its own containers' events, not the host journal's.
podman_flags=(--root "$dir/root" --runroot "$dir/runroot" --tmpdir "$dir/tmp" --events-backend file)

running() {
  [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  [[ -S $sock ]] && curl -sf --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1
}

has_cap_sys_resource() {
  local eff
  eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
  (( (16#$eff >> 24) & 1 ))
}

# Prints "nofile=N:N" / "nproc=N:N" when the hard limit is below what Podman would ask for and this
# process cannot raise it; Podman's setrlimit would then fail ("Operation not permitted").
limit_needed() {
  local name=$1 hard=$2
  [[ $hard == unlimited ]] && return 0
  if (( hard < podman_default_rlimit )) && ! has_cap_sys_resource; then
    # nproc at the hard limit itself (96364 here) is still refused by runc's setrlimit on these VMs;
    # 32768 was verified to work (test-rig.md), so never ask for more than that.
    [[ $name == nproc ]] && (( hard > 32768 )) && hard=32768
    echo "\"$name=$hard:$hard\""
  fi
}

# crun refuses cgroup v1 hybrid mode; runc does not. Use runc whenever the host is not on pure cgroup v2.
runtime_needed() {
  if [[ $(stat -fc %T /sys/fs/cgroup) != cgroup2fs ]]; then
    command -v runc >/dev/null || { echo "podman-engine.sh: cgroup v1 host needs runc (scripts/install-deps.sh)" >&2; exit 1; }
    echo runc
  fi
}

write_conf_if_needed() {
  local ulimits=() runtime
  local u
  u=$(limit_needed nofile "$(ulimit -Hn)"); [[ -n $u ]] && ulimits+=("$u")
  # Podman lowers its own RLIMIT_NPROC to kernel.pid_max before starting conmon (seen with strace here:
  # 32768), so runc cannot give a container more than that either.
  local nproc
  nproc=$(ulimit -Hu)
  if [[ $nproc != unlimited ]] && (( nproc > $(cat /proc/sys/kernel/pid_max) )); then
    nproc=$(cat /proc/sys/kernel/pid_max)
  fi
  u=$(limit_needed nproc "$nproc"); [[ -n $u ]] && ulimits+=("$u")
  runtime=$(runtime_needed)
  if [[ ${#ulimits[@]} -eq 0 && -z $runtime ]]; then
    rm -f "$conf"
    return 1
  fi
  {
    echo "# Written by podman-engine.sh for this host's limits; see /work/shared/test-rig.md."
    echo "[containers]"
    if [[ ${#ulimits[@]} -gt 0 ]]; then
      local IFS=,
      echo "default_ulimits = [${ulimits[*]}]"
    fi
    echo "[engine]"
    [[ -n $runtime ]] && echo "runtime = \"$runtime\""
  } >"$conf"
  return 0
}

with_conf() {
  if [[ -f $conf ]]; then
    CONTAINERS_CONF=$conf "$@"
  else
    "$@"
  fi
}

start() {
  if running && answers; then
    echo "unix://$sock"
    return
  fi
  if running; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
  fi
  if (( ${#sock} > 100 )); then
    echo "podman-engine.sh: socket path too long for a unix socket (${#sock} > 100): $sock" >&2
    exit 1
  fi
  mkdir -p "$dir/root" "$dir/runroot" "$dir/tmp"
  rm -f "$sock" "$pidfile"
  write_conf_if_needed || true
  # setsid: the service outlives this script and its caller's process group; no inherited stdout,
  # so a caller reading this script's output is not held open by the service.
  with_conf setsid podman "${podman_flags[@]}" system service --time=0 "unix://$sock" \
    </dev/null >>"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 150); do
    if answers; then
      echo "unix://$sock"
      return
    fi
    if ! running; then
      echo "podman-engine.sh: the service exited; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "podman-engine.sh: $sock did not answer within 30 s; last lines of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
}

stop() {
  if running && answers; then
    # Every container in this private store was made through this engine: remove them so that no
    # conmon, port bind or netns outlives it. Volumes stay (they live under DIR anyway).
    with_conf podman "${podman_flags[@]}" rm --all --force --time 2 >/dev/null 2>&1 || true
  fi
  if running; then
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile" "$sock"
  # containers/storage leaves its overlay home bind-mounted on itself; unmount so DIR can be deleted.
  if mountpoint -q "$dir/root/overlay" 2>/dev/null; then
    umount "$dir/root/overlay" 2>/dev/null || umount -l "$dir/root/overlay" || true
  fi
}

case $cmd in
  start) start ;;
  stop) stop ;;
  podman) with_conf podman "${podman_flags[@]}" "$@" ;;
  *) usage ;;
esac
