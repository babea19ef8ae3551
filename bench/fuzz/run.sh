#!/usr/bin/env bash
# Fuzzes the frame reader and the message decoder of Chat.Protocol with AFL++ for a fixed time.
#   bash bench/fuzz/run.sh <seconds>
# Builds the harness (bench/fuzz/Chat.Fuzz) in Release, instruments its copy of Chat.Protocol.dll
# with SharpFuzz, seeds AFL++ with the golden frames (tests/Chat.Protocol.Tests/Messages/
# MessageGoldenBytesTests.cs and the example in docs/protocol.md), runs it, and reports the
# executions, paths and crashes. Exits 1 when AFL++ found a crash (each one is replayed with the
# harness's --check so that the exception shows), 2 when it could not run.
# Needs afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz.CommandLine 2.3.0 dotnet tool,
# which it installs into artifacts/fuzz/tools when it is not on PATH.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seconds=${1:-60}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: bench/fuzz/run.sh <seconds>" >&2
  exit 2
fi

work="${FUZZ_WORK:-$root/artifacts/fuzz}" # FUZZ_WORK: another folder, for two runs at once
bin="$work/bin"
plain="$work/plain" # the same harness, not instrumented, to replay inputs outside AFL++
seeds="$work/seeds"
findings="$work/findings"
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "afl-fuzz was not found; install AFL++ (Debian: apt-get install afl++)." >&2
  exit 2
fi

sharpfuzz=$(command -v sharpfuzz || true)
if [ -z "$sharpfuzz" ]; then
  sharpfuzz="$work/tools/sharpfuzz"
  if [ ! -x "$sharpfuzz" ]; then
    dotnet tool install --tool-path "$work/tools" SharpFuzz.CommandLine --version 2.3.0 >"$work/tool-install.log" 2>&1 \
      || { cat "$work/tool-install.log" >&2; echo "could not install SharpFuzz.CommandLine 2.3.0" >&2; exit 2; }
  fi
fi

echo "building the harness"
rm -rf "$bin"
if ! dotnet build bench/fuzz/Chat.Fuzz -c Release -o "$bin" >"$work/build.log" 2>&1; then
  tail -n 20 "$work/build.log" >&2
  exit 2
fi

rm -rf "$plain"
cp -r "$bin" "$plain"

echo "instrumenting Chat.Protocol.dll"
if ! "$sharpfuzz" "$bin/Chat.Protocol.dll" >"$work/instrument.log" 2>&1; then
  cat "$work/instrument.log" >&2
  exit 2
fi

# The seeds: every golden frame in the tests, and the frame the protocol document takes apart.
rm -rf "$seeds" "$findings"
mkdir -p "$seeds"
n=0
for hex in $(grep -oE '"0000[0-9A-F]{6,}"' tests/Chat.Protocol.Tests/Messages/MessageGoldenBytesTests.cs | tr -d '"' | sort -u) \
           $(grep -E '^00 00 00 [0-9A-F]{2}( [0-9A-F]{2})+$' docs/protocol.md | tr -d ' '); do
  n=$((n + 1))
  printf '%s' "$hex" | xxd -r -p >"$seeds/golden-$n.bin"
done
if [ "$n" -eq 0 ]; then
  echo "no golden frames found to seed with" >&2
  exit 2
fi
echo "$n seeds; checking them with the harness"
if ! dotnet "$plain/Chat.Fuzz.dll" --check "$seeds"/*.bin >"$work/seeds.log" 2>&1; then
  cat "$work/seeds.log" >&2
  echo "a golden frame already breaks the oracle" >&2
  exit 1
fi

echo "fuzzing for $seconds s"
# A shared machine: no CPU binding, no CPU-governor check, no core-dump check (crashes are
# exceptions the harness reports, not core dumps), no screen.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_QUIET=1
timeout $((seconds + 120)) afl-fuzz -i "$seeds" -o "$findings" -V "$seconds" -t 5000 -m none \
  -- dotnet "$bin/Chat.Fuzz.dll" >"$work/afl.log" 2>&1
rc=$?
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -n 30 "$work/afl.log" >&2
  echo "AFL++ did not run (exit $rc)" >&2
  exit 2
fi

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
execs=$(stat execs_done)
paths=$(stat corpus_count)
crashes=$(stat saved_crashes)
hangs=$(stat saved_hangs)
echo "fuzz: ${execs:-0} executions, ${paths:-0} paths, ${crashes:-0} crashes, ${hangs:-0} hangs in $(stat run_time) s ($(stat execs_per_sec) per second)"
if [ "${crashes:-0}" -gt 0 ]; then
  echo "crashing inputs in $findings/default/crashes:"
  dotnet "$plain/Chat.Fuzz.dll" --check "$findings"/default/crashes/id:* | head -n 40
  exit 1
fi
exit 0
