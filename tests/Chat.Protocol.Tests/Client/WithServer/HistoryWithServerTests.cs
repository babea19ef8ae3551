using static Chat.Protocol.Tests.Client.WithServer.StreamReading;

namespace Chat.Protocol.Tests.Client.WithServer;

/// <summary>The client's history and search requests against the real server (as a process): paging over a whole history, search, private history.</summary>
public sealed class HistoryWithServerTests
{
    [Fact]
    public async Task PagingBackFromTheNewestLineReadsTheWholeHistoryOnce()
    {
        await using var server = await ServerProcess.StartAsync(["--history-limit", "10", .. Unlimited]);
        await using var alice = await server.JoinAsync("alice");
        await using var bob = await server.JoinAsync("bob");
        for (var i = 1; i <= 34; i++)
        {
            await bob.SendAsync($"line {i}").WithTimeout();
        }

        await alice.NextAsync<TextPosted>(p => p.Text == "line 34");
        Assert.Equal(10, alice.HistoryLimit);

        var pages = new List<HistoryBatch>();
        var before = 0L;
        do
        {
            var page = await alice.GetHistoryAsync("", beforeId: before).WithTimeout();
            Assert.True(page.Lines.Count <= 10);
            Assert.Equal(page.Lines.OrderBy(l => l.Id), page.Lines); // oldest first
            pages.Add(page);
            before = page.Lines[0].Id;
        }
        while (pages[^1].More);

        var all = pages.AsEnumerable().Reverse().SelectMany(p => p.Lines).ToList();
        Assert.Equal(Enumerable.Range(1, 34).Select(i => $"line {i}"), all.Select(l => l.Text));
        Assert.Equal(all.Count, all.Select(l => l.Id).Distinct().Count());
        Assert.Equal(4, pages.Count);

        // Between two ids, from the older end; after an id, onwards.
        var between = await alice.GetHistoryAsync("#LOBBY", afterId: all[4].Id, beforeId: all[30].Id, limit: 5).WithTimeout();
        Assert.Equal(["line 6", "line 7", "line 8", "line 9", "line 10"], between.Lines.Select(l => l.Text));
        Assert.True(between.More);
        var after = await alice.GetHistoryAsync("", afterId: all[31].Id).WithTimeout();
        Assert.Equal(["line 33", "line 34"], after.Lines.Select(l => l.Text));
        Assert.False(after.More);
    }

    [Fact]
    public async Task SearchFindsWholeWordsNewestFirstAndPages()
    {
        await using var server = await ServerProcess.StartAsync("--history-limit", "2");
        await using var alice = await server.JoinAsync("alice");
        string[] said = ["deploy on friday", "no deploying today", "the Deploy went fine", "lunch?", "deploy again, Friday"];
        foreach (var text in said)
        {
            await alice.SendAsync(text).WithTimeout();
        }

        await alice.NextAsync<TextPosted>(p => p.Text == said[^1]);

        var first = await alice.SearchAsync("", "deploy").WithTimeout();
        Assert.Equal(["deploy again, Friday", "the Deploy went fine"], first.Lines.Select(l => l.Text));
        Assert.True(first.More);
        var second = await alice.SearchAsync("", "deploy", beforeId: first.Lines[^1].Id).WithTimeout();
        Assert.Equal(["deploy on friday"], second.Lines.Select(l => l.Text));
        Assert.False(second.More);
        Assert.Equal(["no deploying today"], (await alice.SearchAsync("", "deploying* today").WithTimeout()).Lines.Select(l => l.Text));

        var refused = await Assert.ThrowsAsync<ChatRequestException>(() => alice.SearchAsync("#elsewhere", "deploy").WithTimeout());
        Assert.Contains(refused.Code, new[] { ErrorCode.NoSuchRoom, ErrorCode.NotInRoom });
    }

    [Fact]
    public async Task PrivateHistoryHoldsWhatThisNameSentAndReceived()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = await server.JoinAsync("alice");
        await using var bob = await server.JoinAsync("bob");
        await using var carol = await server.JoinAsync("carol");
        await bob.SendPrivateAsync("alice", "hi alice").WithTimeout();
        await alice.NextAsync<PrivateMessage>(m => m.Text == "hi alice");
        await alice.SendPrivateAsync("bob", "hi bob").WithTimeout();
        await carol.SendPrivateAsync("bob", "not for alice").WithTimeout();
        var last = await alice.NextAsync<PrivateMessage>(m => m.Text == "hi bob");
        Assert.True(last.Id > 0);

        var withBob = await alice.GetPrivateHistoryAsync("BOB").WithTimeout();
        Assert.True(withBob.Private);
        Assert.Equal(["hi alice", "hi bob"], withBob.PrivateLines.Select(m => m.Text));
        Assert.Equal(last.Id, withBob.PrivateLines[^1].Id);
        var everyone = await alice.GetPrivateHistoryAsync("").WithTimeout();
        Assert.DoesNotContain(everyone.PrivateLines, m => m.Text == "not for alice");
    }
}
