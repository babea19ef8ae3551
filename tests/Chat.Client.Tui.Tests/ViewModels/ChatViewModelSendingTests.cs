using Chat.Client.Tui.Tests.Support;
using Chat.Client.Tui.ViewModels;
using Chat.Protocol;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>
/// Lines leave through one queue paced to the rate and burst the server announced: a paste or fast
/// typing is sent whole, in order, and never faster than the server's own token bucket allows.
/// </summary>
public sealed class ChatViewModelSendingTests : IAsyncLifetime
{
    private const double Rate = 100; // lines a second: fast enough for a test, slow enough to pace 40 lines
    private const int Burst = 6;
    private readonly TestDispatcher _ui = new();
    private readonly FakeRoom _server = new();
    private FakeSession _session = null!;
    private ChatViewModel _room = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var (client, session) = await _server.JoinAsync(
            "alice", hello => FakeRoom.WelcomeFor(hello, ["alice", "bob"], maxTextLength: 50) with { MessageRate = Rate, MessageBurst = Burst });
        _session = session;
        _room = new ChatViewModel(client, _server, _ui, timeZone: TimeZoneInfo.Utc);
        _run = _room.RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _room.DisposeAsync();
        await _run.WithTimeout();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ABracketedPasteOfThreeLinesPostsThreeLines()
    {
        Assert.True(_room.Paste("bp one\nbp two\nbp three\n"));

        Assert.Equal(["bp one", "bp two", "bp three"], await ReceiveTextsAsync(3));
        Assert.Null(_room.PendingPaste);
    }

    [Fact]
    public void AOneLinePasteIsLeftToTheInputLine()
    {
        Assert.False(_room.Paste("just one line"));
        Assert.False(_room.Paste("one line and its newline\n"));
    }

    [Fact]
    public async Task AFortyLinePasteAsksThenSendsEveryLineInOrderWithinTheServersLimit()
    {
        var asked = 0;
        _room.PasteConfirmationRequested += (_, _) => asked++;
        var paste = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i:00}"));

        Assert.True(_room.Paste(paste));
        Assert.Equal(1, asked);
        Assert.Equal(40, _room.PendingPaste!.Count);

        var bucket = new ServerBucket(Rate, Burst);
        _room.AnswerPaste(PasteAnswer.SendLines);
        var received = await ReceiveTextsAsync(40, bucket);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"line {i:00}"), received);
        await _ui.RunUntilAsync(() => _room.PendingSends == 0 && !_room.Status.Contains("sending", StringComparison.Ordinal), "the queue to empty");
    }

    [Fact]
    public async Task JoinSendsTheLinesAsOneLineCutToTheLimit()
    {
        var paste = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"w{i:00}"));
        _room.Paste(paste);
        _room.AnswerPaste(PasteAnswer.JoinIntoOneLine);

        // 12 words of 3 characters joined with spaces are 47 characters: one line within the limit of 50.
        Assert.Equal([string.Join(' ', Enumerable.Range(1, 12).Select(i => $"w{i:00}"))], await ReceiveTextsAsync(1));
    }

    [Fact]
    public async Task CancellingAPasteSendsNothingAndSaysSo()
    {
        _room.Paste(string.Join('\n', Enumerable.Range(1, 10).Select(i => $"x{i}")));
        _room.AnswerPaste(PasteAnswer.Cancel);

        Assert.Contains(LogTexts(), l => l.Contains("Paste cancelled: none of its 10 lines was sent.", StringComparison.Ordinal));
        Assert.True(await _room.SubmitAsync("marker").WithTimeout());
        Assert.Equal(new SendText("marker"), await _session.ReceiveAsync<SendText>());
    }

    [Fact]
    public async Task LinesTypedFasterThanTheRateWaitTheirTurnInsteadOfBeingRefused()
    {
        var bucket = new ServerBucket(Rate, Burst);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await _room.SubmitAsync($"typed {i}").WithTimeout());
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"typed {i}"), await ReceiveTextsAsync(20, bucket));
    }

    [Fact]
    public async Task EscCancelsWhatHasNotBeenSentYet()
    {
        // A slow server: 1 line a second after a burst of 6 (4 for the pacer), so most of 30 lines wait.
        var (client, session) = await _server.JoinAsync(
            "carol", hello => FakeRoom.WelcomeFor(hello) with { MessageRate = 1, MessageBurst = Burst });
        await using var room = new ChatViewModel(client, _server, _ui, timeZone: TimeZoneInfo.Utc);
        room.Paste(string.Join('\n', Enumerable.Range(1, 30).Select(i => $"slow {i}")));
        room.AnswerPaste(PasteAnswer.SendLines);
        Assert.Equal("slow 1", (await session.ReceiveAsync<SendText>()).Text);
        await _ui.RunUntilAsync(() => room.Status.Contains("(Esc cancels)", StringComparison.Ordinal), "the queue in the status line");

        Assert.True(room.CancelPendingSends());

        Assert.Equal(0, room.PendingSends);
        Assert.Contains(Enumerable.Range(0, room.Log.Count).Select(i => room.Log[i].Text), t => t.StartsWith("Cancelled: ", StringComparison.Ordinal));
        Assert.False(room.CancelPendingSends());
    }

    private IEnumerable<string> LogTexts() => Enumerable.Range(0, _room.Log.Count).Select(i => _room.Log[i].Text);

    /// <summary>Receives <paramref name="count"/> lines; with a bucket, checks each arrival against the server's own rule.</summary>
    private async Task<List<string>> ReceiveTextsAsync(int count, ServerBucket? bucket = null)
    {
        var texts = new List<string>();
        while (texts.Count < count)
        {
            var line = await _session.ReceiveAsync<SendText>();
            Assert.True(bucket?.Take() ?? true, $"line {texts.Count + 1} ({line.Text}) arrived faster than the server allows");
            texts.Add(line.Text);
            _ui.RunPending();
        }

        return texts;
    }

    /// <summary>The server's token bucket (Chat.Server's RateLimiter): a burst at once, then the rate.</summary>
    private sealed class ServerBucket(double rate, int burst)
    {
        private readonly long _started = TimeProvider.System.GetTimestamp();
        private double _tokens = burst;
        private double _lastSeconds;

        public bool Take()
        {
            var now = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
            _tokens = Math.Min(burst, _tokens + ((now - _lastSeconds) * rate));
            _lastSeconds = now;
            _tokens -= 1;
            return _tokens >= 0;
        }
    }
}
