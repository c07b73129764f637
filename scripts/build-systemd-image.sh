#!/usr/bin/env bash
# Builds a Debian bookworm image that boots a real systemd (PID 1 = /sbin/init) and imports it into a
# Podman engine. Used by the systemd integration tests (src-test, SystemdContainerFixture).
#
#   scripts/build-systemd-image.sh SOCKET_OR_DIR
#     SOCKET_OR_DIR  unix:///path/podman.sock, or a DIR started by scripts/podman-engine.sh
#   prints the image name, e.g. localhost/podkeeper-systemd:1a2b3c4d5e6f; run it with command /sbin/init.
#
# Two cache levels, so that re-runs are fast:
#   - the base rootfs (debootstrap: about 2 min on a quiet 2-core VM, up to 6 min on a busy one; 370 MB)
#     is a tar in $PODKEEPER_TEST_CACHE (default /var/tmp/podkeeper-test-cache), keyed by the debootstrap
#     recipe below (BASE_RECIPE);
#   - the image tag is this script's content hash: editing the test units below only re-imports
#     (base tar + the units appended, ~15 s); an engine that already has the tag costs nothing.
# Needs root and debootstrap (scripts/install-deps.sh); building the base needs a Debian mirror
# ($DEBIAN_MIRROR, default http://deb.debian.org/debian).
#
# The image contains systemd, dbus, procps and a Java 17 JRE (the last two are what the podkeeper .deb
# needs besides podman, for the end-to-end test that installs it), and these test units, none enabled:
#   pk-ok.service       runs `sleep infinity`: starts and stays active
#   pk-fail.service     Type=oneshot, ExecStart=/bin/false: every start job fails (result "failed"). It must
#                       be a oneshot: for a Type=simple service the start job is "done" once the process is
#                       forked, and the unit only turns failed afterwards (systemctl start then exits 0).
#   pk-oneshot.service  Type=oneshot + RemainAfterExit: active (exited) after start
#   pk-hang.service     Type=oneshot that never finishes, no start timeout, no [Install] section (static):
#                       its start job never completes
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 SOCKET_OR_DIR" >&2; exit 2; }
target=$1
if [[ $target == unix://* ]]; then
  uri=$target
elif [[ -S $target/podman.sock ]]; then
  uri=unix://$(cd "$target" && pwd -P)/podman.sock
else
  echo "build-systemd-image.sh: $target is neither unix://... nor a directory with podman.sock" >&2
  exit 2
fi
remote=(podman --url "$uri")

# Bump the version when the way the base is built changes without the debootstrap line changing.
BASE_RECIPE="v1 debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,procps,openjdk-17-jre-headless bookworm"
base_key=$(printf '%s' "$BASE_RECIPE" | sha256sum | cut -c1-12)
key=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
image=localhost/podkeeper-systemd:$key
cache=${PODKEEPER_TEST_CACHE:-/var/tmp/podkeeper-test-cache}
base=$cache/systemd-base-$base_key.tar
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { echo "build-systemd-image.sh: $*" >&2; }

if "${remote[@]}" image exists "$image"; then
  echo "$image"
  exit 0
fi

mkdir -p "$cache"
# One builder at a time per cache (parallel test JVMs, CI jobs on one host).
exec 9>"$cache/systemd-rootfs.lock"
flock 9

# The files this image adds to the base. Only new files (podman import refuses a tar with two entries for
# one path): no directories, nothing the base already has.
write_units() {
  local root=$1 dir=$1/etc/systemd/system
  mkdir -p "$dir"
  cat >"$dir/pk-ok.service" <<'EOF'
[Unit]
Description=podkeeper test unit that starts and stays active

[Service]
ExecStart=/bin/sleep infinity

[Install]
WantedBy=multi-user.target
EOF
  cat >"$dir/pk-fail.service" <<'EOF'
[Unit]
Description=podkeeper test unit whose start always fails

[Service]
Type=oneshot
ExecStart=/bin/false

[Install]
WantedBy=multi-user.target
EOF
  cat >"$dir/pk-oneshot.service" <<'EOF'
[Unit]
Description=podkeeper test unit: a oneshot that stays active after it ran

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/true

[Install]
WantedBy=multi-user.target
EOF
  cat >"$dir/pk-hang.service" <<'EOF'
[Unit]
Description=podkeeper test unit whose start job never completes

[Service]
Type=oneshot
ExecStart=/bin/sleep infinity
TimeoutStartSec=infinity
EOF
  # Quiet, quick boots in a container: no console getty fighting over the container's stdio, and no
  # periodic apt/dpkg timers waking up during tests.
  ln -sf /dev/null "$dir/console-getty.service"
  ln -sf /dev/null "$dir/apt-daily.timer"
  ln -sf /dev/null "$dir/apt-daily-upgrade.timer"
}

build_base() {
  command -v debootstrap >/dev/null || { log "debootstrap missing (scripts/install-deps.sh)"; exit 1; }
  local rootfs
  rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
  # Also unmounts what a killed debootstrap may have left mounted inside the rootfs.
  cleanup_base() {
    local m
    for m in $(awk -v r="$rootfs" '$2 ~ "^"r"/" { print $2 }' /proc/mounts | sort -r); do
      umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$rootfs" "$rootfs.log" "$base.partial"
  }
  trap cleanup_base EXIT
  log "building the base rootfs with debootstrap (once; cached as $base)"
  local start=$SECONDS
  # shellcheck disable=SC2086 # BASE_RECIPE is split on purpose
  ${BASE_RECIPE#v* } "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
    log "debootstrap failed; last lines of its log:"
    tail -n 30 "$rootfs.log" >&2
    [[ -f $rootfs/debootstrap/debootstrap.log ]] && tail -n 30 "$rootfs/debootstrap/debootstrap.log" >&2
    exit 1
  }
  log "debootstrap took $((SECONDS - start)) s"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner -cf "$base.partial" .
  mv "$base.partial" "$base"
  cleanup_base
  trap - EXIT
  # Bases of older recipes are dead weight.
  find "$cache" -maxdepth 1 -name 'systemd-base-*.tar' ! -name "${base##*/}" -delete
}

[[ -f $base ]] || build_base
flock -u 9

start=$SECONDS
work=$(mktemp -d "$cache/image.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$base" "$work/rootfs.tar"
write_units "$work/add"
(cd "$work/add" && find . ! -type d -print0) |
  tar -C "$work/add" --numeric-owner --owner=0 --group=0 --null -T - -rf "$work/rootfs.tar"
"${remote[@]}" import --change 'CMD ["/sbin/init"]' "$work/rootfs.tar" "$image" >/dev/null
log "imported $image in $((SECONDS - start)) s"
echo "$image"
