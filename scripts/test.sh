#!/usr/bin/env bash
# Runs every test: unit tests of each module, then the integration and end-to-end tests in src-test
# against a private Podman engine (and a real systemd in a container) that the tests start themselves.
# Installs the Debian packages the tests need first, when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  scripts/install-deps.sh
fi
exec mvn -B -ntp verify "$@"
