namespace Chat.Server.Tests.Accounts;

/// <summary>The registered names in force are the ones in the file: a change that cannot be written is not made.</summary>
public class AccountStoreTests
{
    [Fact]
    public void ARegistrationThatCannotBeWrittenIsNeverInForce()
    {
        using var folder = new TemporaryDataFolder();
        var store = new AccountStore(folder.Path, [], TimeProvider.System);
        store.Load();
        var carols = PasswordHash.Hash("carol's secret", AccountsTestKit.Iterations);
        store.Register("carol", carols);

        // A folder where the file goes: the new file cannot take its place, whoever runs the test.
        var file = Path.Combine(folder.Path, AccountStore.FileName);
        File.Delete(file);
        Directory.CreateDirectory(file);

        Assert.ThrowsAny<IOException>(() => store.Register("dave", PasswordHash.Hash("dave's secret", AccountsTestKit.Iterations)));
        Assert.ThrowsAny<IOException>(() => store.Register("carol", PasswordHash.Hash("a new secret", AccountsTestKit.Iterations)));
        Assert.ThrowsAny<IOException>(() => store.Unregister("carol"));

        Assert.Null(store.Find("dave"));
        Assert.Equal((carols, false), store.Find("carol"));
        Assert.Equal(["carol"], store.List().Registered.Select(a => a.Name));
    }
}
