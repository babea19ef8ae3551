namespace Chat.Server.Tests.History;

/// <summary>The search word rule on its own (docs/protocol.md, R7.56): tokens, splitting, matching.</summary>
public class SearchWordsTests
{
    [Theory]
    [InlineData("Hello, World!", new[] { "hello", "world" })]
    [InlineData("Café crème brûlée", new[] { "cafe", "creme", "brulee" })]
    [InlineData("don't", new[] { "don", "t" })]
    [InlineData("v2.0-rc1", new[] { "v2", "0", "rc1" })]
    [InlineData("ÉCOLE", new[] { "ecole" })]
    [InlineData("日本語 テキスト", new[] { "日本語", "テキスト" })]
    [InlineData("😀 smile", new[] { "smile" })]
    [InlineData("...", new string[0])]
    public void TokensAreRunsOfLettersAndNumbersFoldedAndWithoutDiacritics(string text, string[] tokens) =>
        Assert.Equal(tokens, SearchWords.Tokens(text));

    [Fact]
    public void SplittingDropsWordsWithoutLettersOrNumbers() =>
        Assert.Equal(["lunch*", "don't", "x"], SearchWords.Split("  lunch*\t* -- don't ?! x "));

    [Theory]
    [InlineData("Lunch at noon", "lunch", true)]
    [InlineData("lunchbox", "lunch", false)]
    [InlineData("lunchbox", "lunch*", true)]
    [InlineData("my lunch", "*lunch", true)]
    [InlineData("I don't know", "don't", true)]
    [InlineData("I don t know", "don't", true)]
    [InlineData("t don", "don't", false)]
    [InlineData("I don't know", "don'*", true)]
    [InlineData("crème brûlée", "creme brulee", true)]
    [InlineData("creme brulee", "CRÈME", true)]
    [InlineData("noon", "noon lunch", false)]
    public void ALineMatchesWhenItHoldsEveryWord(string line, string query, bool matches) =>
        Assert.Equal(matches, SearchWords.Compile(SearchWords.Split(query)).Matches(line));

    [Fact]
    public void AQueryWithoutWordsMatchesNothing() =>
        Assert.False(SearchWords.Compile([]).Matches("anything"));
}
