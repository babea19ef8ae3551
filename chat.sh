#!/usr/bin/env bash
# Runs the chat: builds the server and the client, starts a server on 127.0.0.1 (unless one is
# already listening there), and opens the text-mode client in this terminal.
#
#   ./chat.sh                      # you are asked for a user name
#   ./chat.sh --name alice         # any client option may follow (see --help)
#   CHAT_PORT=6000 ./chat.sh       # another port
#
# Run it in a second terminal to join the same room. The server started here stops when the
# client that started it quits; its log is in artifacts/chat-server.log.
set -euo pipefail
cd "$(dirname "$0")"
port="${CHAT_PORT:-5000}"
address=127.0.0.1
out=artifacts/chat
log=artifacts/chat-server.log
mkdir -p artifacts

echo "Building..." >&2
dotnet build src/Chat.Server -c Release -o "$out/server" -v quiet -nologo >/dev/null
dotnet build src/Chat.Client.Tui -c Release -o "$out/client" -v quiet -nologo >/dev/null

listening() { (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; }

server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if listening; then
  echo "A server is already listening on $address:$port; joining it." >&2
else
  dotnet "$out/server/Chat.Server.dll" --address "$address" --port "$port" </dev/null >"$log.out" 2>"$log" &
  server_pid=$!
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$log.out" 2>/dev/null; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "The server did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$(head -n 1 "$log.out") (log: $log)" >&2
fi

set +e
dotnet "$out/client/Chat.Client.Tui.dll" --host "$address" --port "$port" "$@"
status=$?
exit $status
