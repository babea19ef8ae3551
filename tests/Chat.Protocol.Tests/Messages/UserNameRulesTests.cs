namespace Chat.Protocol.Tests.Messages;

public class UserNameRulesTests
{
    [Theory]
    [InlineData("alice", UserNameProblem.None)]
    [InlineData("  alice  ", UserNameProblem.None)]
    [InlineData("A.b-c_9", UserNameProblem.None)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", UserNameProblem.None)] // 32
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", UserNameProblem.TooLong)] // 33
    [InlineData("", UserNameProblem.Empty)]
    [InlineData(" \t ", UserNameProblem.Empty)]
    [InlineData(null, UserNameProblem.Empty)]
    [InlineData("Server", UserNameProblem.Reserved)]
    [InlineData(" sErVeR ", UserNameProblem.Reserved)]
    [InlineData("Server_", UserNameProblem.Reserved)]
    [InlineData("server.", UserNameProblem.Reserved)]
    [InlineData("-SERVER-", UserNameProblem.Reserved)]
    [InlineData("S.e.r.v.e.r", UserNameProblem.Reserved)]
    [InlineData("_s_E_r_V_e_R_", UserNameProblem.Reserved)]
    [InlineData("Servers", UserNameProblem.None)]
    [InlineData("Server1", UserNameProblem.None)]
    [InlineData("Serve", UserNameProblem.None)]
    [InlineData("Serve.r2", UserNameProblem.None)]
    [InlineData("_", UserNameProblem.None)]
    [InlineData("al ice", UserNameProblem.InvalidCharacter)]
    [InlineData("élodie", UserNameProblem.InvalidCharacter)]
    [InlineData("a\u0000b", UserNameProblem.InvalidCharacter)]
    public void ChecksEveryRule(string? name, UserNameProblem expected) => Assert.Equal(expected, UserNameRules.Check(name));

    [Fact]
    public void NamesDifferingOnlyInCaseAreTheSameName()
    {
        Assert.True(UserNameRules.Comparer.Equals("Alice", "aLICE"));
        Assert.Equal("bob", UserNameRules.Normalize("  bob "));
        Assert.Equal(string.Empty, UserNameRules.Normalize(null));
    }

    [Theory]
    [InlineData(UserNameProblem.Reserved, RejectReason.NameReserved)]
    [InlineData(UserNameProblem.Empty, RejectReason.NameInvalid)]
    [InlineData(UserNameProblem.TooLong, RejectReason.NameInvalid)]
    [InlineData(UserNameProblem.InvalidCharacter, RejectReason.NameInvalid)]
    public void ProblemsMapToTheReasonAServerGives(UserNameProblem problem, RejectReason reason) =>
        Assert.Equal(reason, UserNameRules.ToRejectReason(problem));

    [Fact]
    public void EveryProblemIsDescribedInWords()
    {
        Assert.Equal(string.Empty, UserNameRules.Describe(UserNameProblem.None, "x"));
        Assert.Equal("The name \"server\" is reserved for the server.", UserNameRules.Describe(UserNameProblem.Reserved, " server "));
        foreach (var problem in Enum.GetValues<UserNameProblem>().Where(p => p != UserNameProblem.None))
        {
            Assert.EndsWith(".", UserNameRules.Describe(problem, "x"));
        }
    }
}
