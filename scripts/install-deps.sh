#!/usr/bin/env bash
# Installs what podkeeper's tests and demo need on Debian 12, only what is missing. Idempotent.
# Usage (as root, or with sudo available): scripts/install-deps.sh
set -euo pipefail

# podman brings netavark/aardvark-dns, and debootstrap its keyring, only as Recommends: name them so
# --no-install-recommends hosts get them. debootstrap builds the systemd test image.
PACKAGES=(podman runc catatonit busybox-static debootstrap debian-archive-keyring gpgv wget netavark aardvark-dns conmon
  iproute2 uidmap curl ca-certificates tar)

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
