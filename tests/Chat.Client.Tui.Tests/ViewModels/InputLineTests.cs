using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public sealed class InputLineTests
{
    private readonly InputLine _line = new();

    [Fact]
    public void TypingInsertsAtTheCursorAndHomeAndEndMove()
    {
        _line.Insert("world");
        _line.MoveHome();
        _line.Insert("hello ");
        Assert.Equal("hello world", _line.Text);
        Assert.Equal(6, _line.Cursor);
        _line.MoveEnd();
        _line.Insert("!");
        Assert.Equal("hello world!", _line.Text);
        Assert.Equal(12, _line.Cursor);
    }

    [Fact]
    public void KillToStartAndYankBringsItBack()
    {
        _line.Insert("one two three");
        _line.MoveWordLeft();
        _line.KillToStart();
        Assert.Equal("three", _line.Text);
        Assert.Equal(0, _line.Cursor);
        Assert.Equal("one two ", _line.Killed);
        _line.MoveEnd();
        _line.Insert(" ");
        _line.Yank();
        Assert.Equal("three one two ", _line.Text);
    }

    [Fact]
    public void KillToEndKeepsWhatIsBeforeTheCursor()
    {
        _line.Insert("keep this, drop that");
        _line.SetText(_line.Text, 10);
        _line.KillToEnd();
        Assert.Equal("keep this,", _line.Text);
        Assert.Equal(" drop that", _line.Killed);
    }

    [Fact]
    public void CtrlWKillsBackToTheSpaceAndAltBackspaceOnlyTheWord()
    {
        _line.Insert("see src/Chat.Client");
        _line.KillSpaceDelimitedWordBackward();
        Assert.Equal("see ", _line.Text);
        Assert.Equal("src/Chat.Client", _line.Killed);

        _line.SetText("see src/Chat.Client");
        _line.KillWordBackward();
        Assert.Equal("see src/Chat.", _line.Text);
        _line.KillWordBackward();
        Assert.Equal("see src/", _line.Text);
    }

    [Fact]
    public void KillsInARowAddUpForOneYank()
    {
        _line.Insert("alpha beta gamma");
        _line.KillSpaceDelimitedWordBackward();
        _line.KillSpaceDelimitedWordBackward();
        Assert.Equal("alpha ", _line.Text);
        Assert.Equal("beta gamma", _line.Killed);
        _line.MoveHome();
        _line.KillWordForward();
        Assert.Equal("alpha", _line.Killed);
        _line.Yank();
        Assert.Equal("alpha ", _line.Text);
    }

    [Fact]
    public void WordMovesSkipPunctuationAndSpaces()
    {
        _line.Insert("hi, there  friend");
        _line.MoveWordLeft();
        Assert.Equal(11, _line.Cursor);
        _line.MoveWordLeft();
        Assert.Equal(4, _line.Cursor);
        _line.MoveWordLeft();
        Assert.Equal(0, _line.Cursor);
        _line.MoveWordRight();
        Assert.Equal(2, _line.Cursor);
        _line.MoveWordRight();
        Assert.Equal(9, _line.Cursor);
    }

    [Theory]
    [InlineData("👍🏽")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇫🇷")]
    [InlineData("e\u0301\u0302")]
    [InlineData("你")]
    [InlineData("🏳️‍🌈")]
    public void AClusterMovesAndDeletesAsOne(string cluster)
    {
        _line.Insert("a" + cluster + "b");
        _line.MoveLeft();
        Assert.Equal(1 + cluster.Length, _line.Cursor);
        _line.MoveLeft();
        Assert.Equal(1, _line.Cursor);
        _line.MoveRight();
        Assert.Equal(1 + cluster.Length, _line.Cursor);
        _line.DeleteBackward();
        Assert.Equal("ab", _line.Text);
        _line.SetText("a" + cluster + "b", 1);
        _line.DeleteForward();
        Assert.Equal("ab", _line.Text);
    }

    [Fact]
    public void TwoFlagsInARowAreTwoClusters()
    {
        _line.Insert("🇫🇷🇩🇪");
        _line.DeleteBackward();
        Assert.Equal("🇫🇷", _line.Text);
    }

    [Fact]
    public void ACursorInsideAClusterIsMovedToItsStart()
    {
        _line.SetText("x👍🏽y", 2);
        Assert.Equal(1, _line.Cursor);
    }

    [Fact]
    public void ACombiningMarkTypedAfterALetterJoinsIt()
    {
        _line.Insert("cafe");
        _line.Insert("\u0301");
        Assert.Equal("cafe\u0301", _line.Text);
        Assert.Equal(5, _line.Cursor);
        _line.DeleteBackward();
        Assert.Equal("caf", _line.Text);
    }

    [Fact]
    public void ControlCharactersAreDroppedAndATabBecomesASpace()
    {
        _line.Insert("a\u0007b\tc\u001b[31m\u007f");
        Assert.Equal("ab c[31m", _line.Text);
    }

    [Fact]
    public void ChangedIsRaisedForEveryEditButNotForAMoveThatGoesNowhere()
    {
        var changes = 0;
        _line.Changed += (_, _) => changes++;
        _line.Insert("ab");
        _line.MoveHome();
        _line.MoveHome();
        _line.DeleteBackward();
        Assert.Equal(2, changes);
    }

    [Fact]
    public void ALongLineKeepsEveryCharacter()
    {
        var text = string.Concat(Enumerable.Range(0, 4000).Select(i => (char)('a' + (i % 26))));
        foreach (var c in text)
        {
            _line.Insert(c.ToString());
        }

        Assert.Equal(text, _line.Text);
        Assert.Equal(4000, _line.Cursor);
        _line.MoveHome();
        _line.KillToEnd();
        Assert.Equal(0, _line.Length);
        Assert.Equal(text, _line.Killed);
    }
}
