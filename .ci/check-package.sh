#!/usr/bin/env bash
# Packs Chat.Protocol and proves that the package works for someone outside this repository.
#
#  1. dotnet pack into artifacts/packages: Chat.Protocol.<version>.nupkg and .snupkg, where
#     <version> is the VersionPrefix of Directory.Build.props (the one place it is set).
#  2. Checks the package: the nuspec has the license, readme and repository; lib/ has the .dll
#     and its XML docs; the README, license and symbols are there.
#  3. Creates a throwaway console app in a temporary folder outside the solution, which refers
#     to Chat.Protocol by PackageReference from artifacts/packages only, restored into a private
#     package folder (so a stale copy cached elsewhere cannot be used). Its Program.cs is the
#     example in src/Chat.Protocol/PACKAGE.md, and another file uses the rest of the client API.
#     It must compile with warnings as errors, and run far enough to report, in words, that the
#     host it was given does not exist.
#
# Exits non-zero on any failure, saying what failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "check-package: FAILED: $*" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/chat-protocol-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
case "$work" in "$root"/*) fail "the temporary folder $work is inside the repository" ;; esac

# --- 1. Pack -------------------------------------------------------------------------------
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props | head -n 1)
[ -n "$version" ] || fail "Directory.Build.props has no <VersionPrefix>"
echo "check-package: packing Chat.Protocol $version"
mkdir -p "$out"
rm -f "$out"/Chat.Protocol.*.nupkg "$out"/Chat.Protocol.*.snupkg
if ! dotnet pack src/Chat.Protocol -c Release -o "$out" >"$work/pack.log" 2>&1; then
  cat "$work/pack.log" >&2
  fail "dotnet pack failed"
fi
nupkg="$out/Chat.Protocol.$version.nupkg"
snupkg="$out/Chat.Protocol.$version.snupkg"
[ -f "$nupkg" ] || fail "$nupkg was not produced (found: $(ls "$out"))"
[ -f "$snupkg" ] || fail "$snupkg was not produced"

# --- 2. What the package holds ---------------------------------------------------------------
files=$(unzip -Z1 "$nupkg")
for f in Chat.Protocol.nuspec README.md LICENSE lib/net10.0/Chat.Protocol.dll lib/net10.0/Chat.Protocol.xml; do
  grep -qxF "$f" <<<"$files" || fail "the package has no $f (it has: $(tr '\n' ' ' <<<"$files"))"
done
grep -qxF lib/net10.0/Chat.Protocol.pdb <<<"$(unzip -Z1 "$snupkg")" || fail "the symbol package has no lib/net10.0/Chat.Protocol.pdb"

nuspec=$(unzip -p "$nupkg" Chat.Protocol.nuspec)
expect_in_nuspec() {
  grep -qE "$1" <<<"$nuspec" || fail "the nuspec has no $2"
}
expect_in_nuspec "<version>$version</version>" "version $version"
expect_in_nuspec '<license type="expression">MIT</license>' "license expression"
expect_in_nuspec '<readme>README.md</readme>' "readme"
expect_in_nuspec '<repository type="git" url="https://[^"]+"' "repository with a URL"
expect_in_nuspec '<projectUrl>https://' "project URL"
expect_in_nuspec '<description>[^<]{20,}</description>' "description"
expect_in_nuspec '<dependency id="MessagePack" version="2\.5\.307"' "MessagePack 2.5.307 dependency"

grep -qF 'ChatClient.ConnectAsync' <<<"$(unzip -p "$nupkg" README.md)" || fail "the package README has no example"
members=$(unzip -p "$nupkg" lib/net10.0/Chat.Protocol.xml | grep -c '<member name=' || true)
[ "$members" -ge 200 ] || fail "the XML documentation has only $members members"
echo "check-package: the package holds the library, $members documented members, README, license and symbols"

# --- 3. A consumer outside the solution --------------------------------------------------------
app="$work/app"
mkdir -p "$app"
cat >"$app/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$out" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="Chat.Protocol" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
cat >"$app/HelloBot.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Chat.Protocol" Version="$version" />
  </ItemGroup>
</Project>
EOF
# The package README's example, exactly as a reader would copy it.
awk '/^```csharp$/ { inside = 1; next } /^```$/ { if (inside) exit } inside' src/Chat.Protocol/PACKAGE.md >"$app/Program.cs"
[ -s "$app/Program.cs" ] || fail "src/Chat.Protocol/PACKAGE.md has no csharp example"
# The rest of the client API, compiled only.
cat >"$app/RestOfTheApi.cs" <<'EOF'
using Chat.Protocol;
using Chat.Protocol.Wire;

internal static class RestOfTheApi
{
    public static async Task UseAsync(CancellationToken cancellationToken)
    {
        var (clientEnd, serverEnd) = ChatConnection.CreatePair();
        await using var server = serverEnd;
        var options = ChatClientOptions.Default with { ClientName = "HelloBot", KeepAliveInterval = TimeSpan.FromSeconds(5), ServerTimeout = TimeSpan.FromSeconds(20) };
        await using var client = await ChatClient.JoinAsync(clientEnd, "bot", options, cancellationToken);
        await client.SendActionAsync("waves", cancellationToken);
        await client.SendPrivateAsync("alice", "psst", cancellationToken);
        TimeSpan roundTrip = await client.PingAsync(cancellationToken);
        IReadOnlyList<string> users = client.Users;
        Welcome welcome = client.Welcome;
        await client.LeaveAsync("bye", cancellationToken);
        await client.Completion;
        Console.WriteLine($"{roundTrip} {users.Count} {welcome.MaxTextLength} {MessageIds.TextPosted} {UserNameRules.Check("bot")}");
        var action = new SendText("waves") { Kind = TextKind.Action };
        var frame = EncodedMessage.Encode(action).Frame;
        Console.WriteLine(MessageSerializer.Decode(frame[ProtocolInfo.FramePrefixLength..]) == action);
        try
        {
            await using var raw = await ChatConnection.ConnectAsync("127.0.0.1", ProtocolInfo.DefaultPort, ChatConnectionOptions.Default, cancellationToken);
            await raw.SendAsync(new Hello(ProtocolInfo.Version, "bot", "HelloBot", "1.0"), cancellationToken);
            ChatMessage? answer = await raw.ReceiveAsync(cancellationToken);
            Console.WriteLine(answer is Rejected { Reason: RejectReason.NameTaken } ? "taken" : "ok");
        }
        catch (ChatConnectionRefusedException ex)
        {
            Console.WriteLine($"{ex.Host}:{ex.Port} {ex.Message}");
        }
        catch (ChatProtocolException ex) when (ex.Code == ErrorCode.FrameTooLarge)
        {
            Console.WriteLine(ex.Message);
        }
    }
}
EOF

echo "check-package: building a console app outside the solution against the package"
if ! (cd "$app" && dotnet build -c Release >"$work/build.log" 2>&1); then
  cat "$work/build.log" >&2
  fail "the console app does not compile against the package"
fi
restored="$work/packages/chat.protocol/$version/chat.protocol.$version.nupkg"
[ -f "$restored" ] || fail "Chat.Protocol was not restored into the private package folder"
cmp -s "$restored" "$nupkg" || fail "the restored Chat.Protocol is not the package just packed"

# It runs: a host under the reserved .invalid domain never resolves, so nothing is contacted.
set +e
output=$(cd "$app" && dotnet bin/Release/net10.0/HelloBot.dll no-such-server.invalid 2>&1)
code=$?
set -e
[ "$code" -eq 1 ] || fail "the example exited with $code (expected 1): $output"
grep -qF 'The host "no-such-server.invalid" could not be found.' <<<"$output" || fail "the example said: $output"

echo "check-package: OK: Chat.Protocol.$version.nupkg and .snupkg in artifacts/packages; a console app outside the solution compiles and runs against it"
