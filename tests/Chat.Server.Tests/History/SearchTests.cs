using Chat.Protocol;
using Chat.Server.Tests.Support;

namespace Chat.Server.Tests.History;

/// <summary>
/// Search over real TCP (docs/protocol.md, section 7, History, R7.56): the same cases against the
/// memory history and the SQLite one, so both apply the same word rule.
/// </summary>
public sealed class SearchTests : IDisposable
{
    private static readonly string[] Lines =
    [
        "Lunch at noon?",              // 0
        "lunchbox for sale",           // 1
        "Café au lait, anyone",        // 2
        "I don't know",                // 3
        "the NOON train",              // 4
        "no lunch today",              // 5
        "AND OR NOT \"quotes\" col:x", // 6
        "naïve über résumé",           // 7
        "noon",                        // 8
    ];

    private readonly HistoryFolder _folder = new();

    public static TheoryData<string, string, int[]> Cases
    {
        get
        {
            var data = new TheoryData<string, string, int[]>();
            foreach (var store in new[] { "memory", "sqlite" })
            {
                data.Add(store, "lunch", [5, 0]);                 // whole words only: not "lunchbox"; newest first
                data.Add(store, "LUNCH", [5, 0]);                 // case folded
                data.Add(store, "lunch*", [5, 1, 0]);             // a trailing * is a prefix
                data.Add(store, "noon lunch", [0]);               // every word
                data.Add(store, "  noon\tlunch  ", [0]);          // split on any white space
                data.Add(store, "noon", [8, 4, 0]);
                data.Add(store, "cafe", [2]);                     // diacritics folded in the query's absence
                data.Add(store, "CAFÉ", [2]);                     // and in its presence
                data.Add(store, "naive uber resume", [7]);
                data.Add(store, "don't", [3]);                    // a word with a separator: its parts in a row
                data.Add(store, "know don't", [3]);
                data.Add(store, "t'don", []);                    // ... in that order
                data.Add(store, "NOT", [6]);                      // no operators: just a word
                data.Add(store, "\"quotes\"", [6]);               // no phrase syntax
                data.Add(store, "col:x", [6]);                    // no column syntax
                data.Add(store, "OR lunch", []);
                data.Add(store, "sale*", [1]);
                data.Add(store, "supper", []);
                data.Add(store, "no*", [8, 6, 5, 4, 0]);          // "noon", "NOT", "no"
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("ProtocolRule", "R7.56")]
    public async Task FindsTheLinesHoldingEveryWordNewestFirst(string store, string words, int[] expected)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        var posted = await alice.PostAsync(string.Empty, Lines);

        var results = await alice.SearchAsync(string.Empty, words);

        Assert.Equal(expected.Select(i => posted[i].Id), results.Lines.Ids());
        Assert.Equal(expected.Select(i => Lines[i]), results.Lines.Select(line => line.Text));
        Assert.Equal("#lobby", results.Room);
        Assert.False(results.More);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [Trait("ProtocolRule", "R7.56")]
    public async Task PagesWithBeforeIdUntilThereIsNoMore(string store)
    {
        await using var server = TestServer.Start(_folder.Store(store, o => o with { MessageRate = 0 }));
        await using var alice = await server.JoinRawAsync("alice");
        await alice.JoinRoomAsync("#dev");
        var posted = await alice.PostAsync("#dev", Enumerable.Range(1, 25).Select(i => i % 3 == 0 ? $"build {i} passed" : $"chatter {i}"));
        var builds = posted.Where(line => line.Text.StartsWith("build", StringComparison.Ordinal)).Reverse().Ids();

        var found = new List<long>();
        long before = 0;
        for (var more = true; more;)
        {
            var page = await alice.SearchAsync("#DEV", "BUILD passed", beforeId: before, limit: 3, requestId: found.Count + 1);
            Assert.Equal("#dev", page.Room);
            Assert.InRange(page.Lines.Count, 1, 3);
            found.AddRange(page.Lines.Ids());
            before = page.Lines[^1].Id;
            more = page.More;
        }

        Assert.Equal(builds, found);
        Assert.Equal(8, found.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("?! -- ...")]
    [Trait("ProtocolRule", "R7.56")]
    public async Task AQueryWithoutAWordIsRefusedAsInvalidText(string words)
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");

        var refused = await alice.RefusedAsync(new SearchRequest(5, string.Empty, words, 0, 0));

        Assert.Equal((ErrorCode.InvalidText, "#lobby", 5), (refused.Code, refused.Room, refused.RequestId));
    }

    [Fact]
    [Trait("ProtocolRule", "R7.56")]
    public async Task AQueryOfMoreThan32WordsIsRefusedAsInvalidText()
    {
        await using var server = TestServer.Start();
        await using var alice = await server.JoinRawAsync("alice");

        var refused = await alice.RefusedAsync(new SearchRequest(6, string.Empty, string.Join(' ', Enumerable.Range(0, 33).Select(i => $"w{i}")), 0, 0));
        Assert.Equal((ErrorCode.InvalidText, 6), (refused.Code, refused.RequestId));

        var answered = await alice.SearchAsync(string.Empty, string.Join(' ', Enumerable.Range(0, 32).Select(i => $"w{i}")), requestId: 7);
        Assert.Empty(answered.Lines);
    }

    public void Dispose() => _folder.Dispose();
}
