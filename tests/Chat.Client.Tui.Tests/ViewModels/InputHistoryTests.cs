using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class InputHistoryTests
{
    [Fact]
    public void UpRecallsNewestFirstAndStopsAtOldest()
    {
        var history = new InputHistory();
        history.Add("one");
        history.Add("two");
        Assert.Equal("two", history.Previous(""));
        Assert.Equal("one", history.Previous("two"));
        Assert.Null(history.Previous("one"));
    }

    [Fact]
    public void DownReturnsToTheDraftAfterTheNewest()
    {
        var history = new InputHistory();
        history.Add("one");
        history.Add("two");
        Assert.Equal("two", history.Previous("half typed"));
        Assert.Equal("one", history.Previous("two"));
        Assert.Equal("two", history.Next());
        Assert.Equal("half typed", history.Next());
        Assert.Null(history.Next());
    }

    [Fact]
    public void BlankAndRepeatedLinesAreNotRemembered()
    {
        var history = new InputHistory();
        history.Add("same");
        history.Add("same");
        history.Add("   ");
        Assert.Equal("same", history.Previous(""));
        Assert.Null(history.Previous("same"));
    }

    [Fact]
    public void KeepsOnlyTheNewestEntries()
    {
        var history = new InputHistory(capacity: 3);
        foreach (var line in new[] { "a", "b", "c", "d" })
        {
            history.Add(line);
        }

        Assert.Equal("d", history.Previous(""));
        Assert.Equal("c", history.Previous(""));
        Assert.Equal("b", history.Previous(""));
        Assert.Null(history.Previous(""));
    }

    [Fact]
    public void EmptyHistoryRecallsNothing()
    {
        var history = new InputHistory();
        Assert.Null(history.Previous("x"));
        Assert.Null(history.Next());
    }
}
