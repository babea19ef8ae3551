#!/usr/bin/env bash
# Builds the samples the way any other app meets Chat.Protocol: as a package.
#
#  1. dotnet pack src/Chat.Protocol into artifacts/packages (Chat.Protocol.<version>.nupkg and its
#     .snupkg; <version> is VersionPrefix in Directory.Build.props, the one place it is set).
#  2. Forgets any Chat.Protocol restored earlier into artifacts/pkgcache, the samples' private
#     package folder, so that restore takes the package just packed.
#  3. Builds every samples/*/*.csproj with -p:UseProtocolPackage=true: a PackageReference that
#     nuget.config resolves from artifacts/packages only.
#
# Usage: samples/build.sh [configuration]   (Release unless given)
# Then run them, e.g.: dotnet samples/EchoBot/bin/Release/net10.0/EchoBot.dll --port 5000
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "samples/build.sh: packing Chat.Protocol into artifacts/packages"
mkdir -p artifacts/packages
rm -f artifacts/packages/Chat.Protocol.*.nupkg artifacts/packages/Chat.Protocol.*.snupkg
dotnet pack src/Chat.Protocol -c "$configuration" -o artifacts/packages --nologo -v quiet
ls artifacts/packages

rm -rf artifacts/pkgcache/chat.protocol
for project in samples/*/*.csproj; do
  echo "samples/build.sh: building $project against the package"
  dotnet build "$project" -c "$configuration" -p:UseProtocolPackage=true --nologo -v quiet
done
echo "samples/build.sh: OK: the samples in samples/*/bin/$configuration are built on artifacts/packages/$(cd artifacts/packages && ls Chat.Protocol.*.nupkg)"
