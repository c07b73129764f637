#!/bin/sh
# One WebSocket connection, for busybox `nc -ll -e`: answers the upgrade with the accept value RFC 6455
# derives from the client's key, then echoes every byte. Runs in the test image (busybox only).
cr=$(printf '\r')
while read -r line; do
  line=${line%$cr}
  [ -z "$line" ] && break
  # Any case: Caddy passes the header on as Go writes it, Sec-Websocket-Key.
  case $line in [Ss]ec-[Ww]eb[Ss]ocket-[Kk]ey:*) key=${line#*: } ;; esac
done
hex=$(printf %s "${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11" | sha1sum | cut -c1-40 | sed 's/../\\x&/g')
printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n' \
  "$(printf "$hex" | base64)"
exec cat
