#!/usr/bin/env bash
# Installs what podkeeper's tests and demo need on Debian 12, only what is missing. Idempotent.
# Usage (as root, or with sudo available): scripts/install-deps.sh
set -euo pipefail

# What Podman needs at run time as root, named one by one because Debian's podman has it only as a
# Recommends (netavark, aardvark-dns, catatonit) or not at all (iptables: netavark calls it for every bridge
# network; without it each container fails to start with "netavark: No such file or directory"). runc: crun,
# Podman's default runtime, refuses cgroup v1 hybrid hosts (scripts/podman-engine.sh picks runc there).
# The .deb's Depends name those that podman itself does not bring (packaging/src/deb/control/control),
# netavark before podman, so that apt takes it for podman's container-network-stack instead of adding the CNI
# plugins. catatonit (--init) and runc are for the tests here; podkeeper itself uses neither. uidmap (a
# Recommends of podman) only matters to rootless Podman; it is named so that the tests run on a machine like
# the ones they were proven on.
RUNTIME=(podman netavark aardvark-dns iptables conmon runc catatonit uidmap)
# What the tests need besides: debootstrap (and its keyring, a Recommends) builds the systemd test image,
# busybox-static the small test image; caddy, docker-registry and graphviz are real peers of the tests
# (a reverse proxy's admin API, a registry to pull from, `dot` for rendered graphs), openssl makes the
# certificate files of the proxy's TLS tests; bench/run.sh reads its figures with jq and python3.
TESTS=(busybox-static debootstrap debian-archive-keyring gpgv wget iproute2 curl ca-certificates tar
  caddy docker-registry graphviz openssl jq python3)
PACKAGES=("${RUNTIME[@]}" "${TESTS[@]}")

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps.sh: run as root (no sudo found)" >&2; exit 1; }
  SUDO=(sudo)
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

java_major() {
  command -v java >/dev/null || { echo 0; return; }
  # 'openjdk version "17.0.15" ...' or 'java version "1.8.0_..."'
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
if [[ $(java_major) -lt 17 ]] || ! command -v javac >/dev/null; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null || missing+=(maven)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps.sh: everything is installed"
  exit 0
fi

echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
