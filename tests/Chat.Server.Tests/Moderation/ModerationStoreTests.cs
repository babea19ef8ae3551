using System.Net;
using Chat.Server.Tests.Accounts;

namespace Chat.Server.Tests.Moderation;

/// <summary>The bans and mutes in force are the ones in the file: a change that cannot be written is not made.</summary>
public class ModerationStoreTests
{
    [Fact]
    public void ABanOrAMuteThatCannotBeWrittenIsNeverInForce()
    {
        using var folder = new TemporaryDataFolder();
        var store = new ModerationStore(folder.Path, TimeProvider.System);
        store.Load();
        store.Ban(BanTarget.Parse("mallory")!, null, "spam", "console");

        // A folder where the file goes: the new file cannot take its place, whoever runs the test.
        File.Delete(store.Path);
        Directory.CreateDirectory(store.Path);

        Assert.ThrowsAny<IOException>(() => store.Ban(BanTarget.Parse("203.0.113.0/24")!, TimeSpan.FromHours(1), "flood", "console"));
        Assert.ThrowsAny<IOException>(() => store.Unban(BanTarget.Parse("mallory")!));
        Assert.ThrowsAny<IOException>(() => store.Mute("bob", null, "shouting", "console"));

        Assert.Null(store.FindAddressBan(IPAddress.Parse("203.0.113.7")));
        Assert.NotNull(store.FindNameBan("mallory"));
        Assert.Null(store.FindMute("bob"));
        var (bans, mutes) = store.List();
        Assert.Equal(["mallory"], bans.Select(b => b.Target));
        Assert.Empty(mutes);
    }
}
