using Chat.Samples.Tests.Support;

namespace Chat.Samples.Tests;

/// <summary>
/// The samples run on the Chat.Protocol they claim to: with -p:UseProtocolPackage=true the very
/// package that samples/build.sh packed into artifacts/packages, otherwise the project's build.
/// </summary>
public sealed class ProtocolPackageTests
{
    [Theory]
    [InlineData("EchoBot")]
    [InlineData("LineClient")]
    [InlineData("HelloRoom")]
    public void TheSampleRunsOnTheChatProtocolItWasBuiltAgainst(string sample)
    {
        var used = Path.Combine(BuiltPrograms.OutputFolderOf(Path.Combine("samples", sample)), "Chat.Protocol.dll");
        Assert.True(File.Exists(used), $"{used} is missing.");

        if (BuiltPrograms.UseProtocolPackage)
        {
            var version = BuiltPrograms.Version;
            var packed = BuiltPrograms.PathOf($"artifacts/packages/Chat.Protocol.{version}.nupkg");
            var restored = BuiltPrograms.PathOf($"artifacts/pkgcache/chat.protocol/{version}");
            Assert.True(File.Exists(packed), $"{packed} is missing: run samples/build.sh.");
            Assert.True(File.Exists(BuiltPrograms.PathOf($"artifacts/packages/Chat.Protocol.{version}.snupkg")), "The symbol package is missing.");
            Assert.Equal(File.ReadAllBytes(packed), File.ReadAllBytes(Path.Combine(restored, $"chat.protocol.{version}.nupkg")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(restored, "lib/net10.0/Chat.Protocol.dll")), File.ReadAllBytes(used));
        }
        else
        {
            var built = Path.Combine(BuiltPrograms.OutputFolderOf("src/Chat.Protocol"), "Chat.Protocol.dll");
            Assert.Equal(File.ReadAllBytes(built), File.ReadAllBytes(used));
        }
    }
}
