using Chat.Protocol.Wire;
using static Chat.Protocol.Tests.Client.HistoryScript;

namespace Chat.Protocol.Tests.Client;

/// <summary>The client's history and search requests against a scripted server: ids, matching, refusals, and their answers kept out of the stream.</summary>
public class ChatClientHistoryTests
{
    public static TheoryData<TransportKind> Transports => new(TransportKind.Memory, TransportKind.Tcp);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task AnswersAreMatchedByRequestIdEvenOutOfOrder(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server);

        var older = client.GetHistoryAsync("#LOBBY", beforeId: 50, limit: 10);
        var first = await session.ReceiveAsync<HistoryRequest>();
        var found = client.SearchAsync("", "deploy fri*");
        var search = await session.ReceiveAsync<SearchRequest>();
        var mine = client.GetPrivateHistoryAsync(" bob ", afterId: 3);
        var whispers = await session.ReceiveAsync<HistoryRequest>();

        Assert.Equal(new HistoryRequest(first.RequestId, "#LOBBY", 0, 50, 10), first);
        Assert.Equal(new SearchRequest(search.RequestId, "", "deploy fri*", 0, 0), search);
        Assert.Equal(new HistoryRequest(whispers.RequestId, "bob", 3, 0, 0) { Private = true }, whispers);
        Assert.Equal(3, new[] { first.RequestId, search.RequestId, whispers.RequestId }.Where(id => id > 0).Distinct().Count());

        // Answered last first: each finds its own request.
        var privateAnswer = new HistoryBatch(whispers.RequestId, "bob", [], more: false) { Private = true, PrivateLines = [Whisper(4)] };
        await session.SendAsync(privateAnswer);
        var searchAnswer = new SearchResults(search.RequestId, Lobby, Lines(Lobby, 9, 2), more: true);
        await session.SendAsync(searchAnswer);
        var historyAnswer = Batch(first with { Target = Lobby }, true, 40, 41, 49);
        await session.SendAsync(historyAnswer);

        Assert.Equivalent(privateAnswer, await mine.WithTimeout(), strict: true);
        Assert.Equivalent(searchAnswer, await found.WithTimeout(), strict: true);
        Assert.Equivalent(historyAnswer, await older.WithTimeout(), strict: true);

        // None of the answers is in the stream: the next thing there is what came after them.
        await session.SendAsync(new ServerNotice("after the answers", Noon));
        Assert.Equal(new ServerNotice("after the answers", Noon), (await client.TakeAsync(1)).Single());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ARefusalCarryingTheRequestIdFailsThatRequestOnly(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server);

        var refused = client.GetHistoryAsync("#secret");
        var refusedRequest = await session.ReceiveAsync<HistoryRequest>();
        var answered = client.GetHistoryAsync("");
        var answeredRequest = await session.ReceiveAsync<HistoryRequest>();

        await session.SendAsync(new ErrorMessage(ErrorCode.NotInRoom, "You are not in #secret.") { Room = "#secret", RequestId = refusedRequest.RequestId });
        var ex = await Assert.ThrowsAsync<ChatRequestException>(() => refused.WithTimeout());
        Assert.Equal((ErrorCode.NotInRoom, "#secret", "You are not in #secret."), (ex.Code, ex.Room, ex.Message));
        Assert.False(answered.IsCompleted);

        await session.SendAsync(Batch(answeredRequest with { Target = Lobby }, false, 1));
        Assert.Equal([1L], (await answered.WithTimeout()).Lines.Select(l => l.Id));

        // The refusal was the request's: the stream does not repeat it.
        await session.SendAsync(new ServerNotice("next", Noon));
        Assert.Equal(new ServerNotice("next", Noon), (await client.TakeAsync(1)).Single());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ABatchNoRequestWaitsForReachesTheStream(TransportKind kind)
    {
        await using var server = FakeChatServer.Start(kind);
        var (client, session) = await JoinAsync(server);

        var stray = new HistoryBatch(77, Lobby, Lines(Lobby, 5), more: false);
        await session.SendAsync(stray);

        Assert.Equivalent(stray, (await client.TakeAsync(1)).Single(), strict: true);
    }

    [Fact]
    public async Task AServerWithoutHistoryIsToldApartBeforeAnythingIsSent()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var joining = server.ConnectClientAsync("alice");
        await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1") with { HistoryLimit = 0 });
        var client = await joining.WithTimeout();

        Assert.False(client.SupportsHistory);
        Assert.Equal(0, client.HistoryLimit);
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetHistoryAsync(""));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetPrivateHistoryAsync(""));
        await Assert.ThrowsAsync<NotSupportedException>(() => client.SearchAsync("", "word"));
    }

    [Fact]
    public async Task BadArgumentsAreRefusedBeforeAnythingIsSent()
    {
        await using var server = FakeChatServer.Start(TransportKind.Memory);
        var (client, _) = await JoinAsync(server);

        Assert.True(client.SupportsHistory);
        Assert.Equal(100, client.HistoryLimit);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetHistoryAsync("", afterId: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetPrivateHistoryAsync("", limit: -5));
        Assert.Equal(ErrorCode.InvalidRoomName, (await Assert.ThrowsAsync<ChatRequestException>(() => client.GetHistoryAsync("no hash"))).Code);
        Assert.Equal(ErrorCode.InvalidText, (await Assert.ThrowsAsync<ChatRequestException>(() => client.SearchAsync("", "   "))).Code);
    }

    [Fact]
    public void ClientMadeMessagesAreNeverEncoded()
    {
        var reconnecting = new Reconnecting(1, TimeSpan.FromSeconds(1), "lost");
        var ex = Assert.Throws<ArgumentException>(() => MessageSerializer.ToFrame(reconnecting));
        Assert.Contains("not a protocol message", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MessageSerializer.ToBody(new Reconnected(SampleWelcome())));
        Assert.Throws<ArgumentException>(() => MessageSerializer.WriteFrame(new System.Buffers.ArrayBufferWriter<byte>(), reconnecting));
    }

    private static Welcome SampleWelcome() => FakeSession.WelcomeFor(new Hello(ProtocolInfo.Version, "alice", "test", "1"));

    private static async Task<(ChatClient Client, FakeSession Session)> JoinAsync(FakeChatServer server)
    {
        var joining = server.ConnectClientAsync("alice");
        var session = await server.WelcomeNextAsync(hello => WelcomeFor(hello, "e1"));
        return (await joining.WithTimeout(), session);
    }
}
