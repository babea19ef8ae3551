using Chat.Client.Tui.ViewModels;
using Chat.Client.Tui.Views;

namespace Chat.Client.Tui.Tests.Views;

/// <summary>The wrapped rows of a log that gains older lines above and crosses days: the same rows as a log built in one go.</summary>
public sealed class MessageLogSourceHistoryTests
{
    private static readonly DateTime Monday = new(2026, 11, 30, 22, 0, 0, DateTimeKind.Local);
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static LogLine Line(int id, DateTime time, string? text = null) => new(LogKind.Message, time, "bob", text ?? $"line {id}", Id: id, History: true);

    private static List<string> Rows(MessageLogSource source) => [.. Enumerable.Range(0, source.Count).Select(source.RowText)];

    [Fact]
    public void ADividerRowComesBetweenLinesOfDifferentDays()
    {
        var log = new MessageLog();
        log.AddRange([Line(1, Monday), Line(2, Monday.AddHours(3)), Line(3, Monday.AddHours(3.5))]);
        using var source = new MessageLogSource(log, 60, today: Today);
        Assert.Equal(
            ["30 Nov 22:00 <bob> line 1", "── Tuesday 1 December 2026 ──", "1 Dec 01:00 <bob> line 2", "1 Dec 01:30 <bob> line 3"],
            Rows(source));

        // A line of today: a divider, and its time alone.
        log.Add(Line(4, new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Local)));
        Assert.Equal(["── Wednesday 2 December 2026 ──", "08:00 <bob> line 4"], Rows(source)[^2..]);
    }

    [Fact]
    public void LinesInsertedAboveAreWrappedAsIfTheyHadAlwaysBeenThere()
    {
        var log = new MessageLog();
        log.AddRange([Line(5, Monday.AddHours(3), "a long line that wraps onto a second row here"), Line(6, Monday.AddHours(4))]);
        using var source = new MessageLogSource(log, 30, today: Today);
        var inserted = new List<(int Row, int Added)>();
        source.RowsInserted += (_, e) => inserted.Add(e);

        log.Insert(0, [Line(3, Monday), Line(4, Monday.AddHours(1))]);

        var fresh = new MessageLog();
        fresh.AddRange(Enumerable.Range(0, log.Count).Select(i => log[i]));
        using var expected = new MessageLogSource(fresh, 30, today: Today);
        Assert.Equal(Rows(expected), Rows(source));
        Assert.Contains("── Tuesday 1 December 2026 ──", Rows(source));

        // Two lines and the divider that now goes above line 5 were added at the top.
        Assert.Equal([(0, 3)], inserted);
        Assert.Equal(2, source.LineAt(source.FirstRowOf(2)));
    }

    [Fact]
    public void TheDayChangingShowsTheDateOnYesterdaysLines()
    {
        var log = new MessageLog();
        log.Add(Line(1, new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Local)));
        using var source = new MessageLogSource(log, 60, today: new DateOnly(2026, 12, 1));
        Assert.Equal(["23:00 <bob> line 1"], Rows(source));
        source.SetToday(new DateOnly(2026, 12, 2));
        Assert.Equal(["1 Dec 23:00 <bob> line 1"], Rows(source));
    }
}
