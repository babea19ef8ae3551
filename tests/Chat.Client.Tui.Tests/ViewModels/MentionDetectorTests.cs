using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

public class MentionDetectorTests
{
    [Theory]
    [InlineData("alice: hi")]
    [InlineData("hi Alice!")]
    [InlineData("ALICE")]
    [InlineData("thanks alice.")]
    [InlineData("(alice)")]
    [InlineData("ping @alice")]
    public void FindsTheNameAsAWordInAnyCase(string text) => Assert.True(MentionDetector.Mentions(text, "alice"));

    [Theory]
    [InlineData("malice")]
    [InlineData("alices")]
    [InlineData("alice_b")]
    [InlineData("alice.b says hi")]
    [InlineData("alice-bob")]
    [InlineData("nobody here")]
    [InlineData("")]
    public void IgnoresTheNameInsideAnotherWord(string text) => Assert.False(MentionDetector.Mentions(text, "alice"));

    [Fact]
    public void FindsALaterWholeWordAfterAPartialOne() => Assert.True(MentionDetector.Mentions("malice and alice", "alice"));
}
