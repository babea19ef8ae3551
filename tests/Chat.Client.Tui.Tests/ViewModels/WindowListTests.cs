using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>The windows' order, the one in view, switching, and what the window bar marks.</summary>
public sealed class WindowListTests
{
    private static readonly DateTime At = new(2026, 3, 4, 21, 15, 0, DateTimeKind.Utc);
    private readonly WindowList _windows = new();
    private readonly RoomWindowViewModel _lobby = new("#lobby", "server");
    private readonly RoomWindowViewModel _dev = new("#dev", "server");
    private readonly PrivateWindowViewModel _bob = new("bob");

    public WindowListTests()
    {
        _windows.Add(_lobby);
        _windows.Add(_dev);
        _windows.Add(_bob);
    }

    private string Bar => string.Join(' ', _windows.Entries.Select(e => e.Text));

    private static LogLine Said(string text, bool mention = false) => new(LogKind.Message, At, "carol", text, mention);

    [Fact]
    public void TheFirstWindowOpenedIsInViewAndTheOthersAreNumberedInOrder()
    {
        Assert.Same(_lobby, _windows.Current);
        Assert.Equal("[1:#lobby] 2:#dev 3:bob", Bar);
        Assert.Equal(3, _windows.NumberOf(_bob));
    }

    [Fact]
    public void NextAndPreviousWrapAround()
    {
        _windows.Previous();
        Assert.Same(_bob, _windows.Current);
        _windows.Next();
        Assert.Same(_lobby, _windows.Current);
        _windows.Next();
        Assert.Same(_dev, _windows.Current);
    }

    [Fact]
    public void SelectingByNumberOutOfRangeChangesNothing()
    {
        Assert.True(_windows.Select(3));
        Assert.False(_windows.Select(4));
        Assert.False(_windows.Select(0));
        Assert.Same(_bob, _windows.Current);
    }

    [Fact]
    public void NewLinesMarkAWindowNotInViewAndAMentionOrPrivateMessageMarksItDifferently()
    {
        _dev.Add(Said("hello"));
        _bob.Add(new LogLine(LogKind.PrivateIn, At, "bob", "psst"));
        _lobby.Add(Said("in view"));
        Assert.Equal("[1:#lobby] 2:#dev* 3:bob!", Bar);

        _dev.Add(Said("alice: look", mention: true));
        Assert.Equal(WindowActivity.Highlight, _dev.Activity);

        // Looking at a window clears its mark.
        _windows.Select(2);
        Assert.Equal("1:#lobby [2:#dev] 3:bob!", Bar);
        _windows.Select(1);
        Assert.Equal(WindowActivity.None, _dev.Activity);
    }

    [Fact]
    public void JoinsDeparturesAndTheClientsOwnLinesDoNotMarkAWindow()
    {
        _dev.Add(new LogLine(LogKind.Join, At, "dave", "joined"));
        _dev.Add(new LogLine(LogKind.Leave, At, "dave", "left"));
        _dev.Add(new LogLine(LogKind.Info, At, "", "help"));
        _dev.Add(new LogLine(LogKind.Presence, At, "dave", "is away: lunch"));
        Assert.Equal(WindowActivity.None, _dev.Activity);
    }

    [Fact]
    public void ClosingTheWindowInViewShowsTheNextAndRenumbers()
    {
        _windows.Select(_dev);
        var changes = 0;
        _windows.CurrentChanged += (_, _) => changes++;
        Assert.True(_windows.Remove(_dev));
        Assert.Same(_bob, _windows.Current);
        Assert.Equal(1, changes);
        Assert.Equal("1:#lobby [2:bob]", Bar);

        // The last window in order closes to the one before it; the very last never closes.
        Assert.True(_windows.Remove(_bob));
        Assert.Same(_lobby, _windows.Current);
        Assert.False(_windows.Remove(_lobby));
    }

    [Fact]
    public void RoomsAndConversationsAreFoundInAnyLetterCase()
    {
        Assert.Same(_dev, _windows.FindRoom("#DEV"));
        Assert.Same(_bob, _windows.FindPrivate("Bob"));
        Assert.Null(_windows.FindRoom("#ops"));
        Assert.Null(_windows.FindPrivate("carol"));
    }

    [Fact]
    public void EachWindowCountsWhatArrivedBelowItsOwnScrolledUpView()
    {
        _dev.SetFollowing(false);
        _dev.Add(Said("one"));
        _dev.Add(Said("alice: two", mention: true));
        _dev.CountAlert();
        _lobby.Add(Said("not counted: following"));

        Assert.Equal("2 new below, 1 for you", _dev.UnseenText);
        Assert.Equal(string.Empty, _lobby.UnseenText);
        _dev.SetFollowing(true);
        Assert.Equal(0, _dev.Unseen);
    }
}
