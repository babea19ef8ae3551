using Chat.Protocol;
using Chat.Protocol.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Server.Tests.Rooms.Log;

/// <summary>
/// A room over a log whose appends complete later than they start (as SQLite or a distributed log
/// would): lines go out in the order their appends started, when each completes, and whatever the
/// room publishes meanwhile waits behind them.
/// </summary>
public sealed class RoomLogOrderTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ManualLog _log = new();
    private readonly Room _room;
    private readonly Member _alice = new("alice");
    private readonly Member _bob = new("bob");

    public RoomLogOrderTests()
    {
        var options = ChatServerOptions.Default with { TimeProvider = _time, PresenceInterval = TimeSpan.Zero, HistoryLength = 10 };
        _room = new Room("#dev", RoomKind.Operator, _log, options, new LocalRoomBroadcaster());
        _room.Join(_alice);
        _room.Join(_bob);
        _alice.Received.Clear();
        _bob.Received.Clear();
    }

    public ValueTask DisposeAsync() => _room.DisposeAsync();

    [Fact]
    public void LinesArePublishedInTheOrderTheirAppendsStartedWhateverOrderTheyCompleteIn()
    {
        _room.Post(_alice, "one", TextKind.Plain);
        _room.Post(_bob, "two", TextKind.Plain);
        _room.Post(_alice, "three", TextKind.Plain);
        Assert.Empty(_bob.Received);

        _log.Complete(2);
        Assert.Empty(_bob.Received);
        _log.Complete(0);
        Assert.Equal(["one"], _bob.Lines());
        _log.Complete(1);

        Assert.Equal(["one", "two", "three"], _bob.Lines());
        Assert.Equal([1L, 2, 3], _bob.Received.OfType<TextPosted>().Select(line => line.Id));
        Assert.Equal(_bob.Received, _alice.Received);
    }

    [Fact]
    [Trait("ProtocolRule", "R7.11")]
    public void ADepartureWaitsBehindTheLeaversLastLine()
    {
        _room.Post(_alice, "bye all", TextKind.Plain);
        _room.Leave(_alice, LeaveReason.Quit, "see you");
        _room.Announce("notice");
        Assert.Empty(_bob.Received);

        _log.Complete(0);

        Assert.Collection(
            _bob.Received,
            m => Assert.Equal("bye all", Assert.IsType<TextPosted>(m).Text),
            m => Assert.Equal("alice", Assert.Single(Assert.IsType<UsersLeft>(m).Departures).UserName),
            m => Assert.Equal("notice", Assert.IsType<ServerNotice>(m).Text));
    }

    [Fact]
    public void ANewcomerWhileALineWaitsGetsItOnceAndAFailedAppendIsToldToItsAuthor()
    {
        _room.Post(_alice, "published", TextKind.Plain);
        _log.Complete(0);
        _room.Post(_alice, "waiting", TextKind.Plain);
        _room.Post(_alice, "lost", TextKind.Plain);

        var carol = new Member("carol");
        var joined = _room.Join(carol);
        Assert.Equal(["published"], joined.Recent.Select(line => line.Text));

        _log.Complete(1);
        _log.Fail(2);

        Assert.Equal(["waiting"], carol.Lines());
        Assert.Equal(["published", "waiting"], _bob.Lines());
        Assert.Equal(ErrorCode.InternalError, Assert.IsType<ErrorMessage>(_alice.Received.Last()).Code);
    }

    [Fact]
    public void ATopicGoesOutOnceTheLogStoredItAfterTheLinesBeforeIt()
    {
        _room.Post(_alice, "before the topic", TextKind.Plain);
        Assert.True(_room.SetTopic(_alice, "Release on Friday"));
        _room.Announce("after the topic");

        _log.Complete(0);
        Assert.Equal(["before the topic"], _bob.Lines());
        Assert.DoesNotContain(_bob.Received, m => m is TopicChanged);
        var saved = Assert.Single(_log.Topics);

        saved.Stored.SetResult();

        Assert.Collection(
            _bob.Received,
            m => Assert.Equal("before the topic", Assert.IsType<TextPosted>(m).Text),
            m => Assert.Equal(
                (saved.Topic.Text, saved.Topic.SetBy, saved.Topic.Timestamp),
                (Assert.IsType<TopicChanged>(m).Topic, ((TopicChanged)m).SetBy, ((TopicChanged)m).Timestamp)),
            m => Assert.Equal("after the topic", Assert.IsType<ServerNotice>(m).Text));
        Assert.Equal(("Release on Friday", "alice", _time.GetUtcNow().UtcDateTime), (saved.Topic.Text, saved.Topic.SetBy, saved.Topic.Timestamp));
    }

    [Fact]
    public async Task ARoomStartsWithTheTopicItsLogKept()
    {
        var log = new ManualLog { Topic = new RoomTopic("Kept", "bob", DateTime.UnixEpoch) };
        await using var room = new Room("#dev", RoomKind.User, log, ChatServerOptions.Default with { TimeProvider = _time }, new LocalRoomBroadcaster());

        Assert.Equal("Kept", room.Info().Topic);
        Assert.Equal("Kept", room.Join(new Member("carol")).Topic);
    }

    private sealed class Member(string name) : IRoomMember
    {
        public string Name => name;

        public bool ReceivesPresence => true;

        public bool SpeaksRooms => true;

        public string AwayText => string.Empty;

        public List<ChatMessage> Received { get; } = [];

        public string[] Lines() => [.. Received.OfType<TextPosted>().Select(line => line.Text)];

        public void Deliver(EncodedMessage message)
        {
            if (message.Message is not UsersJoined)
            {
                Received.Add(message.Message);
            }
        }

        public void Remove(LeaveReason reason, string text, EncodedMessage farewell) => throw new InvalidOperationException();
    }

    /// <summary>A log whose appends complete when the test says, in any order.</summary>
    private sealed class ManualLog : IRoomLog
    {
        private readonly List<(TaskCompletionSource<TextPosted> Pending, TextPosted Line)> _appends = [];
        private readonly List<TextPosted> _stored = [];

        public ValueTask<TextPosted> AppendAsync(LineDraft draft, CancellationToken cancellationToken = default)
        {
            var line = new TextPosted(_appends.Count + 1, draft.Author, draft.Text, DateTime.UnixEpoch) { Room = "#dev" };
            var pending = new TaskCompletionSource<TextPosted>();
            _appends.Add((pending, line));
            return new ValueTask<TextPosted>(pending.Task);
        }

        public ValueTask<IReadOnlyList<TextPosted>> ReadAsync(LogRange range, CancellationToken cancellationToken = default) =>
            new([.. _stored.OrderBy(line => line.Id).TakeLast(range.Limit)]);

        public long PrunedThroughId => 0;

        public RoomTopic Topic { get; set; } = RoomTopic.None;

        public List<(RoomTopic Topic, TaskCompletionSource Stored)> Topics { get; } = [];

        public Task SaveTopicAsync(RoomTopic topic, CancellationToken cancellationToken = default)
        {
            var stored = new TaskCompletionSource();
            Topics.Add((topic, stored));
            Topic = topic;
            return stored.Task;
        }

        public ValueTask<IReadOnlyList<TextPosted>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
            new([.. _stored.Where(line => line.Id < query.UpperBound && SearchWords.Compile(query.Words).Matches(line.Text)).OrderByDescending(line => line.Id).Take(query.Limit)]);

        public void Complete(int index)
        {
            _stored.Add(_appends[index].Line);
            _appends[index].Pending.SetResult(_appends[index].Line);
        }

        public void Fail(int index) => _appends[index].Pending.SetException(new IOException("The disk is full."));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
