#!/usr/bin/env bash
# Imports a ~2 MB test image made of Debian's static busybox into an engine. Idempotent: an existing
# NAME:TAG is left alone. No registry needed.
#
#   scripts/build-test-image.sh SOCKET_OR_DIR NAME:TAG
#     SOCKET_OR_DIR  unix:///path/podman.sock, or a DIR started by scripts/podman-engine.sh
#     NAME:TAG       e.g. localhost/podkeeper-test:1 (a name without a registry gets localhost/)
#
# The image has every busybox applet in /bin (sh sleep httpd ip cat wget nc ls readlink ...), ENV PATH=/bin,
# /etc/passwd with root and nobody, and a CMD whose PID 1 traps TERM so that stops are immediate.
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 SOCKET_OR_DIR NAME:TAG" >&2; exit 2; }
target=$1
image=$2
[[ $image == */* ]] || image=localhost/$image

if [[ $target == unix://* ]]; then
  uri=$target
elif [[ -S $target/podman.sock ]]; then
  uri=unix://$(readlink -f "$target/podman.sock")
else
  echo "build-test-image.sh: $target is neither unix://... nor a directory with podman.sock" >&2
  exit 2
fi
remote=(podman --url "$uri")

if "${remote[@]}" image exists "$image"; then
  echo "$image"
  exit 0
fi

busybox=$(dpkg -L busybox-static 2>/dev/null | grep -E '/s?bin/busybox$' | head -n1 || true)
[[ -n $busybox && -x $busybox ]] || busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' && ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic'; then
  echo "build-test-image.sh: $busybox is not static; install busybox-static (scripts/install-deps.sh)" >&2
  exit 1
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,root} && chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [[ $applet == busybox ]] || ln -sf busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

tar -C "$rootfs" --owner=0 --group=0 -c . | "${remote[@]}" import \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["/bin/sh", "-c", "trap \"exit 0\" TERM; while :; do sleep 1 & wait; done"]' \
  - "$image" >/dev/null
echo "$image"
