#!/usr/bin/env bash
# Checks deploy/chatroom.service with `systemd-analyze verify`. Verify needs ExecStart's program to
# exist, so it checks a copy whose ExecStart runs the built server through dotnet; every other line
# is the unit as shipped. Any complaint fails the check (verify exits 0 on a mere bad value).
# Where systemd-analyze cannot run at all (no systemd package), it says so and exits 0.
set -uo pipefail
cd "$(dirname "$0")/.."
unit=deploy/chatroom.service
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "SKIPPED: systemd-analyze is not installed (apt-get install systemd); $unit was not verified"
  exit 0
fi
dll="$(pwd)/src/Chat.Server/bin/Debug/net10.0/Chat.Server.dll"
if [ ! -f "$dll" ]; then
  echo "$dll is not built (dotnet build ChatRoom.sln first)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|^ExecStart=/opt/chatroom/Chat.Server |ExecStart=$(command -v dotnet) $dll |" "$unit" >"$work/chatroom.service"
if ! grep -q "^ExecStart=$(command -v dotnet) " "$work/chatroom.service"; then
  echo "$unit: ExecStart no longer starts /opt/chatroom/Chat.Server; update .ci/check-service.sh" >&2
  exit 1
fi
if ! systemd-analyze verify "$work/chatroom.service" >"$work/verify.log" 2>&1; then
  if grep -qiE 'Failed to (connect|initialize|create)|System has not been booted|Permission denied' "$work/verify.log" \
      && ! grep -q 'chatroom.service:' "$work/verify.log"; then
    cat "$work/verify.log"
    echo "SKIPPED: systemd-analyze cannot run here; $unit was not verified"
    exit 0
  fi
  cat "$work/verify.log" >&2
  echo "$unit: systemd-analyze verify failed" >&2
  exit 1
fi
if [ -s "$work/verify.log" ]; then
  cat "$work/verify.log" >&2
  echo "$unit: systemd-analyze verify complained" >&2
  exit 1
fi
echo "$unit: systemd-analyze verify passed"
