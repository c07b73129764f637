#!/usr/bin/env bash
# A private Podman API service for tests and the demo: own storage, own state, own socket.
#
#   scripts/podman-engine.sh start DIR   start it (if not already running), print its socket URI
#   scripts/podman-engine.sh stop DIR    remove its containers (all of them were made through it), stop it
#   scripts/podman-engine.sh podman DIR ARGS...   run the podman CLI against its storage (for tests)
#
# DIR holds root/ (images, containers), runroot/, tmp/ (state, events), podman.sock, podman.pid, podman.log
# and, only when this host needs it, containers.conf; runroot/ and podman.sock may be links to a short
# path (see below). Networks stay host-wide (netavark's config in /etc/containers/networks, bridges, port
# binds): callers must give theirs names that cannot clash.
#
# A registries.conf that the caller put in DIR before start is this engine's instead of the host's (for a
# test registry on plain HTTP, marked insecure there: the compat API's pull has no TLS switch).
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")

usage() {
  echo "usage: $0 start|stop DIR   |   $0 podman DIR ARGS..." >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd -P)
shift 2

pidfile=$dir/podman.pid
conf=$dir/containers.conf
registries_conf=$dir/registries.conf
log=$dir/podman.log
# Podman's own default for both limits when it runs as root (define.RLimitDefaultValue).
podman_default_rlimit=1048576

# Podman refuses a runroot longer than 50 characters ("the specified runroot is longer than 50
# characters") and a unix socket path has at most 107: when DIR is deep (a CI checkout's target/), both go
# to a short directory named after DIR's hash, under /run (tmpfs, as Podman's own runroot), linked from DIR.
short=/run/podkeeper-engine
[[ -w /run ]] || short=${TMPDIR:-/tmp}/pke
short=$short/$(printf %s "$dir" | sha256sum | cut -c1-12)
runroot=$dir/runroot
(( ${#runroot} <= 50 )) || runroot=$short/runroot
sock=$dir/podman.sock
(( ${#sock} <= 100 )) || sock=$short/podman.sock

# Global flags that make every podman call (service or CLI) use this DIR's state only. The events go to a
# file under tmp/ so that this engine reports its own containers' events, not the host journal's.
podman_flags=(--root "$dir/root" --runroot "$runroot" --tmpdir "$dir/tmp" --events-backend file)

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

# Root Podman on cgroup v1: the case where the view of /sys/fs/cgroup decides whether pods can be made.
cgroup_v1_root() {
  [[ $(stat -fc %T /sys/fs/cgroup) != cgroup2fs ]] && (( EUID == 0 ))
}

# Podman (root, cgroupfs, cgroup v1) makes a pod's cgroup in every hierarchy that /proc/cgroups lists and
# /sys/fs/cgroup/NAME names, mounted or not (containers/common pkg/cgroups, getAvailableControllers). Some
# VMs leave hierarchies unmounted (net_cls,net_prio, perf_event and hugetlb here); an empty directory or
# link of that name in the read-only /sys/fs/cgroup, there from boot or made later (a privileged container's
# systemd, given the host's hierarchy, makes them), then fails every pod with "mkdir
# /sys/fs/cgroup/net_cls/libpod_parent: read-only file system". Prints the controllers of each enabled
# hierarchy none of whose names is a mount point now ("net_cls,net_prio", as mount wants them), whether a
# directory names it or not; not those mounted nowhere yet (hierarchy 0 in /proc/cgroups: the view leaves
# them out). Nothing where all are mounted. Only for root on cgroup v1 (cgroup_v1_root; rootless Podman
# makes no v1 cgroups), as engine_prefix calls it.
unmounted_hierarchies() {
  local options name mounted
  awk '!/^#/ && $2 != 0 && $4 == 1 { if ($2 in h) h[$2] = h[$2] "," $1; else h[$2] = $1 } END { for (i in h) print h[i] }' \
    /proc/cgroups |
    while read -r options; do
      mounted=0
      for name in "$options" ${options//,/ }; do
        if mountpoint -q "/sys/fs/cgroup/$name" 2>/dev/null; then
          mounted=1
          break
        fi
      done
      ((mounted)) || echo "$options"
    done
}

# Run in a mount namespace of this engine's own (unshare, propagation slave): puts a tmpfs of its own on
# /sys/fs/cgroup, in this namespace only, with every hierarchy the host has mounted (bound from the host's),
# the unmounted HIERARCHIES mounted (with a link per controller, as systemd makes them: net_cls ->
# net_cls,net_prio), and the host's links to what is in the view. Empty directories of the host's, and links
# to them, are left out. Then execs COMMAND. So
# Podman sees the same view however the host's /sys/fs/cgroup changes after this start, and nothing is
# written to the host's.
cgroup_view_exec() { # HIERARCHIES COMMAND...
  local missing=$1
  shift
  local host=$dir/cgroup-host view=/sys/fs/cgroup entry name options
  mkdir -p "$host"
  mount --rbind "$view" "$host"
  mount -t tmpfs -o mode=755,size=64k podman-engine-cgroups "$view"
  for entry in "$host"/*; do
    name=${entry##*/}
    if [[ ! -L $entry ]] && mountpoint -q "$entry"; then
      mkdir "$view/$name"
      mount --bind "$entry" "$view/$name"
    fi
  done
  while read -r options; do
    [[ -n $options ]] || continue
    [[ -e $view/$options ]] || mkdir "$view/$options"
    mount -t cgroup -o "$options" cgroup "$view/$options"
    for name in ${options//,/ }; do
      [[ $name == "$options" || -e $view/$name || -L $view/$name ]] || ln -s "$options" "$view/$name"
    done
  done <<<"$missing"
  # The host's links (cpu -> cpu,cpuacct) once what they name is in the view: a link to a hierarchy that is
  # mounted nowhere would name it to Podman all the same.
  for entry in "$host"/*; do
    name=${entry##*/}
    if [[ -L $entry && ! -e $view/$name && ! -L $view/$name && -e $view/$(readlink "$entry") ]]; then
      ln -s "$(readlink "$entry")" "$view/$name"
    fi
  done
  umount -l "$host"
  exec "$@"
}

# A live process in this engine's mount namespace: the API service, or else one of its conmons (they keep
# running when the service was killed, and so do the container mounts made in that namespace).
engine_namespace_pid() {
  local conmons
  if running; then
    cat "$pidfile"
  else
    # Not through head: it would end engine_conmons with SIGPIPE, which pipefail makes an error.
    mapfile -t conmons < <(engine_conmons)
    if [[ ${#conmons[@]} -gt 0 ]]; then
      echo "${conmons[0]}"
    fi
  fi
}

# No process of this engine is left, and its mount namespace went with the last one, with every mount made
# in it: the containers' network namespaces are gone as after a reboot, while Podman's state still names them
# (its list then fails on the first: "unknown FS magic" on an empty /run/netns file). Without its tmpdir's
# "alive" file Podman takes the start for one after a reboot and refreshes that state. Where /run is no tmpfs
# the OCI runtime's state of those containers is left too ("container with given ID already exists" at their
# next start): it is deleted, for this engine's containers alone. So are their port forwards
# (forget_port_forwards).
forget_dead_processes() {
  local id ids runtime
  rm -f "$dir/tmp/alive"
  # The storage's directory of each container is named by its ID (next to containers.json and its lock).
  ids=$(ls "$dir/root/overlay-containers" 2>/dev/null | grep -E '^[0-9a-f]{64}$') || return 0
  for id in $ids; do
    for runtime in runc crun; do
      if [[ -d /run/$runtime/$id ]] && command -v "$runtime" >/dev/null; then
        "$runtime" delete --force "$id" >/dev/null 2>&1 || true
      fi
    done
  done
  [[ -n $ids ]] && forget_port_forwards "$ids"
  return 0
}

# netavark's port forwards of containers whose processes died without a teardown stay in the host's nat
# table: each published port keeps a DNAT to an address no container has any more, ahead of the one its next
# start adds, and the port answers nothing. IDS: this engine's containers, named in the comments of netavark's
# NETAVARK-HOSTPORT-DNAT rules; the per-network chains those rules jump to go too, once nothing else jumps to
# them (every network of an engine here is its own).
forget_port_forwards() {
  local listed numbers n chains chain
  command -v iptables >/dev/null || return 0
  listed=$(iptables -t nat -L NETAVARK-HOSTPORT-DNAT -n --line-numbers 2>/dev/null \
    | grep -F -f <(sed 's/^/ id: /' <<<"$1")) || return 0
  numbers=$(awk '{ print $1 }' <<<"$listed" | sort -rn)
  chains=$(awk '{ print $2 }' <<<"$listed" | sort -u)
  for n in $numbers; do
    iptables -t nat -D NETAVARK-HOSTPORT-DNAT "$n"
  done
  for chain in $chains; do
    if [[ $chain == NETAVARK-DN-* ]] && ! iptables -t nat -S | grep -q -- "-j $chain\b"; then
      iptables -t nat -F "$chain" && iptables -t nat -X "$chain"
    fi
  done
}

# Sets prefix: the command words that run a podman on this DIR's storage with its containers.conf and
# registries.conf (those that exist) and, for root on cgroup v1, in this engine's own mount namespace, with
# its own view of /sys/fs/cgroup (the unmounted_hierarchies mounted there) so that pods can be made. That namespace is the one its live processes are in, or else a new one: a
# restarted service and the CLI must see the mounts made there before (the containers' storage, their
# network namespaces under /run/netns; from outside, a removal leaves the port forwards behind). Nothing
# mounted there appears on the host. Every word execs the next one in place, so a background job's $! is
# podman's pid.
engine_prefix() {
  prefix=()
  local hierarchies pid
  # Every root engine on cgroup v1 gets the view, also when every enabled hierarchy is mounted or none is
  # mounted anywhere yet (/proc/cgroups gives those hierarchy 0, and they are not listed): the empty
  # directories that break pods can appear in the host's /sys/fs/cgroup after this start, and the view
  # leaves them out.
  if cgroup_v1_root; then
    hierarchies=$(unmounted_hierarchies)
    pid=$(engine_namespace_pid)
    if [[ -n $pid ]]; then
      prefix=(nsenter --target "$pid" --mount --)
    else
      forget_dead_processes
      prefix=(unshare --mount --propagation slave -- "$self" cgroup-view-exec "$dir" "$hierarchies")
    fi
  fi
  local vars=()
  [[ -f $conf ]] && vars+=("CONTAINERS_CONF=$conf")
  [[ -f $registries_conf ]] && vars+=("CONTAINERS_REGISTRIES_CONF=$registries_conf")
  if [[ ${#vars[@]} -gt 0 ]]; then
    prefix+=(env "${vars[@]}")
  fi
}

# The podman CLI on this DIR's storage, as the service runs it.
engine_podman() {
  local prefix
  engine_prefix
  "${prefix[@]}" podman "${podman_flags[@]}" "$@"
}

start() {
  if running && answers; then
    echo "unix://$sock"
    return
  fi
  if running; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
  fi
  mkdir -p "$dir/root" "$runroot" "$dir/tmp" "$(dirname "$sock")"
  rm -f "$sock" "$pidfile"
  [[ $runroot == "$dir/runroot" ]] || ln -sfn "$runroot" "$dir/runroot"
  [[ $sock == "$dir/podman.sock" ]] || ln -sfn "$sock" "$dir/podman.sock"
  write_conf_if_needed || true
  local prefix
  engine_prefix
  # The prefix and setsid exec in place (this background job is no process-group leader), so $! is
  # podman's pid. setsid: the service outlives this script and its caller's process group; no inherited
  # stdout, so a caller reading this script's output is not held open by the service. In its own directory:
  # conmon writes files into the service's working directory (an empty "oom" when the kernel's OOM killer ends
  # a container), which must not be the caller's.
  (cd "$dir" && exec "${prefix[@]}" setsid podman "${podman_flags[@]}" system service --time=0 "unix://$sock" \
    </dev/null >>"$log" 2>&1) &
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
  if [[ -d $dir/root ]]; then
    # Every pod and container in this private store was made through this engine: remove them so that no
    # conmon, port bind, netns or pod cgroup (the kernel's, not under DIR) outlives it. Volumes stay (they
    # live under DIR anyway). Pods first, with their containers. Then containers twice: Podman refuses to
    # remove a namespace provider before the containers that joined it, and --all may list the provider
    # first; the second round removes what the first had to leave.
    engine_podman pod rm --all --force --time 2 >/dev/null 2>&1 || true
    engine_podman rm --all --force --time 2 >/dev/null 2>&1 || true
    engine_podman rm --all --force --time 2 >/dev/null 2>&1 || true
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
  kill_leftover_conmons
  rm -f "$pidfile" "$sock"
  if [[ $runroot != "$dir/runroot" || $sock != "$dir/podman.sock" ]]; then
    rm -rf "$short"
    rm -f "$dir/runroot" "$dir/podman.sock"
  fi
  # containers/storage leaves its overlay home bind-mounted on itself; unmount everything under DIR so
  # that DIR can be deleted.
  local mounts m
  mounts=$(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
  for m in $mounts; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
}

# A removed container's conmon may linger for Podman's exit_command_delay (5 min) and then run
# `podman container cleanup` on this DIR, which mounts its storage again after the engine is gone. These
# conmons are this engine's (their exit command names $dir/root): end them, by PID.
kill_leftover_conmons() {
  local pid
  for pid in $(engine_conmons); do
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# The pids of this engine's conmons: their exit command names $dir/root.
engine_conmons() {
  local cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}
    pid=${pid%/cmdline}
    if { tr '\0' '\n' <"$cmdline"; } 2>/dev/null | grep -qxF -- "$dir/root" \
        && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == conmon ]]; then
      echo "$pid"
    fi
  done
}

case $cmd in
  cgroup-view-exec) cgroup_view_exec "$@" ;; # internal: the first word of engine_prefix's new namespace
  start) start ;;
  stop) stop ;;
  podman) engine_podman "$@" ;;
  *) usage ;;
esac
