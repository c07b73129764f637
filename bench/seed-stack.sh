#!/usr/bin/env bash
# Prints a seed-shaped desired-state file with N containers (N >= 3): one network, a "vpn" provider that
# publishes two loopback ports for its two namespace members, and N-3 more services on the network, each
# with a loopback port. All run the local busybox test image, so no registry is needed.
#
#   bench/seed-stack.sh N STACK NETWORK SUBNET BASE_PORT IMAGE
#     SUBNET  a /24 prefix (10.89.91 means 10.89.91.0/24) or a whole CIDR; more than 250 containers need a
#             wider one (e.g. 10.89.96.0/22 for up to 1020)
set -euo pipefail
n=$1 stack=$2 net=$3 prefix=$4 base=$5 image=$6
if [[ $prefix == */* ]]; then subnet=$prefix; else subnet=$prefix.0/24; fi
serve() { # port -> a command that answers HTTP on that port and exits on TERM
  printf '["sh", "-c", "trap '"'"'exit 0'"'"' TERM; httpd -f -p %s -h /tmp & wait"]' "$1"
}
cat <<YAML
version: 1
stack: $stack
networks:
  $net:
    subnet: $subnet
containers:
  vpn:
    image: $image
    pull: never
    network: $net
    ports: [127.0.0.1:$base:8080, 127.0.0.1:$((base + 1)):8085]
  member-a:
    image: $image
    pull: never
    network: container:vpn
    command: $(serve 8080)
  member-b:
    image: $image
    pull: never
    network: container:vpn
    command: $(serve 8085)
YAML
for ((i = 1; i <= n - 3; i++)); do
  cat <<YAML
  svc-$i:
    image: $image
    pull: never
    network: $net
    ports: [127.0.0.1:$((base + 1 + i)):80]
    command: $(serve 80)
YAML
done
