#!/usr/bin/env bash
# Runs the chat: builds the server and the client, makes sure a server is listening on
# 127.0.0.1 (it joins one that already is, or starts one in the background), and opens the
# text-mode client in this terminal.
#
#   ./chat.sh                      # you are asked for a user name
#   ./chat.sh --name alice         # any client option may follow (see --help)
#   CHAT_PORT=6000 ./chat.sh       # another port
#   ./chat.sh --stop               # stop the background server this script started
#
# Run it in a second terminal to join the same room. A server this script starts runs in the
# background and stays up when the client that started it quits, so the first person to leave
# does not end the room for the others: `./chat.sh --stop` stops it (everyone still connected is
# told the server is shutting down). Its log is in artifacts/chat-server.log; its history (rooms' lines and
# private messages, kept across restarts) in chat-data/.
set -euo pipefail
cd "$(dirname "$0")"
port="${CHAT_PORT:-5000}"
address=127.0.0.1
out=artifacts/chat
log=artifacts/chat-server.log
pid_file="artifacts/chat-server-$port.pid"
mkdir -p artifacts

listening() { (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; }

# The pid in the pid file, if that process is still the server this script started.
our_server() {
  local pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "Chat.Server.dll" || return 1
  echo "$pid"
}

if [ "${1:-}" = "--stop" ]; then
  if ! pid=$(our_server); then
    rm -f "$pid_file"
    echo "No server started by chat.sh is running on $address:$port." >&2
    exit 1
  fi
  echo "Stopping the server on $address:$port (pid $pid); its clients are told it is shutting down." >&2
  kill -TERM "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "The server did not stop within 10 s; it is still running (pid $pid)." >&2
    exit 1
  fi
  rm -f "$pid_file"
  echo "Stopped." >&2
  exit 0
fi

# One chat.sh at a time builds and starts the server: a second one started meanwhile (another
# terminal, the same moment) waits here, then finds the first one's server listening and joins it.
exec 9>"artifacts/chat-$port.lock"
if ! flock -n 9; then
  echo "Another ./chat.sh is building or starting the server; waiting for it..." >&2
  flock 9
fi

echo "Building..." >&2
dotnet build src/Chat.Server -c Release -o "$out/server" -v quiet -nologo >/dev/null
dotnet build src/Chat.Client.Tui -c Release -o "$out/client" -v quiet -nologo >/dev/null

if listening; then
  echo "A server is already listening on $address:$port; joining it." >&2
else
  # setsid and nohup: the server belongs to no terminal, so neither quitting the client nor
  # closing this terminal (SIGHUP) stops it.
  # 9>&-: the server must not hold the lock above for as long as it runs.
  setsid nohup dotnet "$out/server/Chat.Server.dll" --address "$address" --port "$port" </dev/null >"$log.out" 2>"$log" 9>&- &
  server_pid=$!
  echo "$server_pid" >"$pid_file"
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$log.out" 2>/dev/null; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "The server did not start:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$(head -n 1 "$log.out"), in the background (pid $server_pid, log: $log)." >&2
  echo "It stays up for everyone when you quit; ./chat.sh --stop stops it." >&2
fi

exec 9>&- # the next ./chat.sh may go on: the server is listening

set +e
dotnet "$out/client/Chat.Client.Tui.dll" --host "$address" --port "$port" "$@"
status=$?
if pid=$(our_server); then
  echo "The server on $address:$port is still running for the others (pid $pid); ./chat.sh --stop stops it." >&2
fi
exit $status
