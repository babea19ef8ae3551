using Chat.Client.Tui.Tests.Support;

namespace Chat.Client.Tui.Tests.EndToEnd;

/// <summary>
/// Issue 14's "done when", with the real server and three real clients in tmux: alice and bob
/// join #dev, carol stays in #lobby; the window bar, /rooms, /part, /nick and /away as each of
/// them sees it.
/// </summary>
public sealed class RoomsEndToEndTests
{
    private static string ClientCommand(int port, string name) =>
        $"dotnet {Path.Combine(AppContext.BaseDirectory, "Chat.Client.Tui.dll")} --host 127.0.0.1 --port {port} --name {name}";

    [Fact]
    public async Task TwoJoinARoomTheThirdStaysInTheLobbyAndEachSeesWhatConcernsThem()
    {
        await using var server = await ServerProcess.StartAsync();
        using var tmux = new Tmux();
        var id = Guid.NewGuid().ToString("N")[..6];
        string alice = $"alice{id}", bob = $"bob{id}", carol = $"carol{id}";
        foreach (var name in new[] { alice, bob, carol })
        {
            tmux.Start(name, ClientCommand(server.Port, name), width: 120);
            await tmux.WaitForTextAsync(name, $"as {name}.", TestTimeout.Value);
        }

        async Task SayAsync(string who, string line)
        {
            tmux.Type(who, line);
            tmux.Press(who, "Enter");
            await Task.Yield();
        }

        await SayAsync(alice, "/join #dev");
        await tmux.WaitForTextAsync(alice, "[2:#dev]", TestTimeout.Value);
        await SayAsync(bob, "/join #dev");
        await tmux.WaitForTextAsync(bob, "[2:#dev]", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, $"{bob} joined", TestTimeout.Value);

        // Bob looks at the lobby; alice's line in #dev marks #dev for him, and carol never sees it.
        tmux.Press(bob, "M-1");
        await tmux.WaitForTextAsync(bob, "[1:#lobby] 2:#dev", TestTimeout.Value);
        await SayAsync(alice, "hello dev");
        await tmux.WaitForTextAsync(bob, "[1:#lobby] 2:#dev*", TestTimeout.Value);
        tmux.Press(alice, "M-1");
        await tmux.WaitForTextAsync(alice, "[1:#lobby] 2:#dev", TestTimeout.Value);
        await SayAsync(alice, "marker in the lobby");
        await tmux.WaitForTextAsync(alice, $"<{alice}> marker in the lobby", TestTimeout.Value);
        var carolsScreen = await tmux.WaitForTextAsync(carol, "marker in the lobby", TestTimeout.Value);
        Assert.DoesNotContain("hello dev", carolsScreen, StringComparison.Ordinal);
        tmux.Press(bob, "M-2");
        await tmux.WaitForTextAsync(bob, $"<{alice}> hello dev", TestTimeout.Value);
        await tmux.WaitForTextAsync(bob, "1:#lobby [2:#dev]", TestTimeout.Value);

        // /rooms lists both rooms with their counts.
        await SayAsync(carol, "/rooms");
        await tmux.WaitForTextAsync(carol, "#dev      2 users", TestTimeout.Value);
        await tmux.WaitForTextAsync(carol, "#lobby    3 users", TestTimeout.Value);

        // Alice leaves #dev and stays connected; bob sees her go.
        tmux.Press(alice, "M-2");
        await tmux.WaitForTextAsync(alice, "1:#lobby [2:#dev]", TestTimeout.Value);
        await SayAsync(alice, "/part see you");
        await tmux.WaitForTextAsync(bob, $"{alice} left the room (see you)", TestTimeout.Value);
        await tmux.WaitForTextAsync(alice, "[1:#lobby]", TestTimeout.Value);
        Assert.True(tmux.IsRunning(alice));

        // A rename and an away notice reach everyone concerned.
        var robert = $"robert{id}";
        await SayAsync(bob, $"/nick {robert}");
        await tmux.WaitForTextAsync(carol, $"{bob} is now known as {robert}", TestTimeout.Value);
        await SayAsync(carol, "/away lunch");
        await tmux.WaitForTextAsync(alice, $"{carol} is away: lunch", TestTimeout.Value);

        foreach (var name in new[] { alice, bob, carol })
        {
            tmux.Press(name, "C-q");
            Assert.Equal(0, await tmux.WaitForExitAsync(name, TestTimeout.Value));
        }
    }
}
