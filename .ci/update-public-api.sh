#!/usr/bin/env bash
# Records Chat.Protocol's current public API in PublicAPI.Unshipped.txt.
# Run it after an intentional API change, then review the diff: the build fails on any
# public API change that is not recorded, so accidental changes cannot slip through.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/Chat.Protocol
printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
log=$(dotnet build "$project" -p:TreatWarningsAsErrors=false 2>&1 || true)
{
  printf '#nullable enable\n'
  grep -oE "RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" \
    | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" \
    | grep -vxF -f <(tail -n +2 "$project/PublicAPI.Shipped.txt") \
    | LC_ALL=C sort -u
} > "$project/PublicAPI.Unshipped.txt.new"
mv "$project/PublicAPI.Unshipped.txt.new" "$project/PublicAPI.Unshipped.txt"
echo "$(($(wc -l < "$project/PublicAPI.Unshipped.txt") - 1)) unshipped public API entries recorded."
