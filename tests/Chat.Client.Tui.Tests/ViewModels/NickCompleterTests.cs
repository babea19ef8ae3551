using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class NickCompleterTests
{
    private static readonly string[] Users = ["alice", "Albert", "bob", "me"];

    [Fact]
    public void AtLineStartAddsColon()
    {
        var completer = new NickCompleter();
        Assert.Equal(new Completion("bob: ", 5), completer.Complete("b", 1, Users, "me"));
    }

    [Fact]
    public void InsideALineAddsSpaceAndKeepsTheRest()
    {
        var completer = new NickCompleter();
        Assert.Equal(new Completion("hi bob !", 7), completer.Complete("hi bo!", 5, Users, "me"));
    }

    [Fact]
    public void RepeatedTabCyclesThroughMatchesIgnoringCase()
    {
        var completer = new NickCompleter();
        var first = completer.Complete("al", 2, Users, "me")!;
        Assert.Equal("Albert: ", first.Line);
        var second = completer.Complete(first.Line, first.Cursor, Users, "me")!;
        Assert.Equal("alice: ", second.Line);
        var third = completer.Complete(second.Line, second.Cursor, Users, "me")!;
        Assert.Equal("Albert: ", third.Line);
    }

    [Fact]
    public void OwnNameIsNeverOffered() => Assert.Null(new NickCompleter().Complete("m", 1, Users, "me"));

    [Fact]
    public void NoMatchOrEmptyWordChangesNothing()
    {
        var completer = new NickCompleter();
        Assert.Null(completer.Complete("zed", 3, Users, "me"));
        Assert.Null(completer.Complete("hello ", 6, Users, "me"));
    }

    [Fact]
    public void EditingAfterACompletionStartsAFreshOne()
    {
        var completer = new NickCompleter();
        var first = completer.Complete("al", 2, Users, "me")!;
        Assert.Equal("Albert: ", first.Line);
        Assert.Equal(new Completion("Albert: bob ", 12), completer.Complete("Albert: b", 9, Users, "me"));
    }

    [Fact]
    public void ASlashWordAtTheStartCompletesACommandName()
    {
        var completer = new NickCompleter();
        Assert.Equal(new Completion("/ignore ", 8), completer.Complete("/ig", 3, Users, "me"));
        Assert.Equal(new Completion("/msg ", 5), new NickCompleter().Complete("/ms", 3, Users, "me"));
    }

    [Fact]
    public void TabAgainCyclesThroughTheCommandsThatMatch()
    {
        var completer = new NickCompleter();
        var first = completer.Complete("/r", 2, Users, "me")!;
        Assert.Equal("/r ", first.Line);
        var second = completer.Complete(first.Line, first.Cursor, Users, "me")!;
        Assert.Equal("/reconnect ", second.Line);
    }

    [Fact]
    public void ASlashWordAfterTheStartIsNotACommand() =>
        Assert.Null(new NickCompleter().Complete("see /ig", 7, Users, "me"));

    [Fact]
    public void ANameAfterACommandStillCompletes() =>
        Assert.Equal(new Completion("/msg Albert ", 12), new NickCompleter().Complete("/msg al", 7, Users, "me"));
}
