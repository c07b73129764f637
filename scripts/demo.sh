#!/usr/bin/env bash
# Runs podkeeper on the demo stack (examples/demo.yaml) on this machine, from nothing:
# installs what it needs, builds podkeeper, uses the host's Podman service (or starts a private one under
# /var/lib/podkeeper-demo/engine when none answers), imports the demo image, writes the demo's secret,
# applies the file, and shows the result. Run it again: the second apply changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=/var/lib/podkeeper-demo

[[ $(id -u) -eq 0 ]] || { echo "demo.sh: run as root (it manages Podman and creates $demo)" >&2; exit 1; }
scripts/install-deps.sh

if [[ ! -f agent/target/podkeeper.jar ]]; then
  echo "demo.sh: building podkeeper (mvn package, tests skipped)"
  mvn -B -q -ntp -DskipTests package
fi

if curl -sf --max-time 2 --unix-socket /run/podman/podman.sock http://d/_ping >/dev/null 2>&1; then
  socket=unix:///run/podman/podman.sock
else
  socket=$(scripts/podman-engine.sh start "$demo/engine")
fi
echo "demo.sh: Podman at $socket"

scripts/build-test-image.sh "$socket" localhost/podkeeper-demo:1 >/dev/null

# The demo's "VPN password": a secret file, as agenix would leave it. podkeeper reads it into the env
# file; it never prints it.
if [[ ! -f $demo/secrets/vpn-password ]]; then
  install -d -m 0700 "$demo/secrets"
  (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$demo/secrets/vpn-password")
fi

bin/podkeeper --podman-socket "$socket" apply examples/demo.yaml

echo
echo "demo.sh: the stack as Podman sees it:"
podman --url "$socket" ps --filter label=dev.podkeeper.stack=demo \
  --format '  {{.Names}}\t{{.Status}}\t{{.Ports}}'
echo
echo "demo.sh: each service answers on loopback:"
for port in 18080 18081 19696 18989 15055; do
  printf '  127.0.0.1:%s -> %s\n' "$port" "$(curl -s --max-time 3 "http://127.0.0.1:$port/" || echo 'no answer')"
done
echo
echo "Next: bin/podkeeper --podman-socket $socket plan examples/demo.yaml   (nothing to do)"
echo "      bin/podkeeper --podman-socket $socket status examples/demo.yaml"
