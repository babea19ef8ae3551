using System.Diagnostics;
using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;
using Terminal.Gui.Input;
using Xunit.Abstractions;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>
/// The message log at 100,000 lines, measured (printed in the test output, never asserted:
/// speed is measured, not tested). Run with
/// <c>dotnet test tests/Chat.Client.Tui.Tests --filter MessageLogScaleTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class MessageLogScaleTests(ITestOutputHelper output)
{
    private const int Lines = 100_000;
    private static readonly DateTime Noon = new(2026, 1, 2, 12, 0, 0, DateTimeKind.Local);

    [Fact]
    public async Task HundredThousandLinesStayUsable()
    {
        using var headless = new HeadlessApp(100, 30);
        await using var server = new FakeRoom();
        var (client, _) = await server.JoinAsync("alice", hello => FakeRoom.WelcomeFor(hello));
        await using var viewModel = new ChatViewModel(client, server, new TestDispatcher());
        using var room = new ChatWindow(viewModel);
        headless.Begin(room);
        _ = headless.Screen;

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Lines; i++)
        {
            viewModel.Log.Add(Line(i));
        }

        var appendAll = clock.Elapsed;
        clock.Restart();
        var screen = headless.Screen;
        var firstDraw = clock.Elapsed;
        Assert.Contains($"message number {Lines - 1} ", screen);

        var samples = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            clock.Restart();
            viewModel.Log.Add(Line(Lines + i));
            screen = headless.Screen;
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.Contains($"message number {Lines + 199} ", screen);

        clock.Restart();
        headless.App.Driver!.SetScreenSize(80, 24);
        screen = headless.Screen;
        var resize = clock.Elapsed;
        Assert.Contains($"message number {Lines + 199} ", screen);

        clock.Restart();
        headless.Press(Key.Home.WithCtrl);
        screen = headless.Screen;
        var jumpHome = clock.Elapsed;
        Assert.Contains("message number 0 ", screen);

        samples.Sort();
        output.WriteLine($"{Lines:N0} appends (one at a time, following the tail): {appendAll.TotalMilliseconds:F0} ms");
        output.WriteLine($"first draw at {Lines:N0} lines: {firstDraw.TotalMilliseconds:F1} ms");
        output.WriteLine($"append + draw at {Lines:N0} lines: median {samples[samples.Count / 2]:F2} ms, " +
                         $"p95 {samples[(int)(samples.Count * 0.95)]:F2} ms, max {samples[^1]:F2} ms");
        output.WriteLine($"resize 100x30 -> 80x24 (re-wraps every line) + draw: {resize.TotalMilliseconds:F0} ms");
        output.WriteLine($"Ctrl+Home to the first line + draw: {jumpHome.TotalMilliseconds:F1} ms");
    }

    private static LogLine Line(int i) =>
        new(i % 7 == 0 ? LogKind.Action : LogKind.Message, Noon, $"user{i % 50}", $"message number {i} with some text, 日本語 and 👍 now and then");
}
