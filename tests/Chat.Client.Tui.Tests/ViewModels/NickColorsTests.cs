using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class NickColorsTests
{
    [Fact]
    public void SameNameAlwaysGetsTheSameColourInAnyCase()
    {
        Assert.Equal(NickColors.IndexOf("alice"), NickColors.IndexOf("ALICE"));

        // A fixed value: colours must not change between runs (string.GetHashCode would).
        Assert.Equal(NickColors.IndexOf("alice"), NickColors.IndexOf(new string("alice".ToCharArray())));
        Assert.InRange(NickColors.IndexOf("alice"), 0, NickColors.Count - 1);
    }

    [Fact]
    public void NamesSpreadOverSeveralColours()
    {
        var colours = Enumerable.Range(0, 100).Select(i => NickColors.IndexOf($"user{i}")).Distinct().Count();
        Assert.True(colours >= NickColors.Count / 2, $"only {colours} colours used");
    }
}
