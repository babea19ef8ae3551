using Chat.LoadTest.Clients;
using Chat.Protocol;

namespace Chat.LoadTest.Tests.Clients;

/// <summary>The user names of a run's clients; connecting a fleet needs a server and is not tested here.</summary>
public class ClientFleetTests
{
    [Theory]
    [InlineData(1000, 0, "lt1000-00000")]
    [InlineData(1234, 42, "lt1234-00042")]
    [InlineData(7, 5, "lt0007-00005")]
    [InlineData(9999, 99_999, "lt9999-99999")]
    public void AUserNameCarriesTheTagAndIndexAtFixedWidths(int tag, int index, string name)
    {
        Assert.Equal(name, ClientFleet.UserName(tag, index));
    }

    [Fact]
    public void EveryUserNameParsesBackToItsIndexAndIsAValidName()
    {
        foreach (var tag in new[] { 0, 1000, 4321, 9999 })
        {
            for (var index = 0; index <= 99_999; index += 997)
            {
                var name = ClientFleet.UserName(tag, index);

                Assert.True(ClientFleet.TryParseIndex(name, tag, out var parsed), name);
                Assert.Equal(index, parsed);
                Assert.Equal(UserNameProblem.None, UserNameRules.Check(name));
            }
        }

        Assert.True(ClientFleet.TryParseIndex(ClientFleet.UserName(1000, 99_999), 1000, out var last));
        Assert.Equal(99_999, last);
    }

    [Fact]
    public void ParsingIgnoresLetterCaseAsUserNamesDo()
    {
        Assert.True(ClientFleet.TryParseIndex("LT1234-00042", 1234, out var index));
        Assert.Equal(42, index);
        Assert.True(ClientFleet.TryParseIndex("Lt1234-00043", 1234, out index));
        Assert.Equal(43, index);
    }

    [Theory]
    [InlineData("lt1234-00042", 1235)]   // another run's tag
    [InlineData("lt1234-00042", 0)]
    [InlineData("", 1234)]
    [InlineData("alice", 1234)]
    [InlineData("lt1234-0004", 1234)]    // one digit short
    [InlineData("lt1234-000042", 1234)]  // one digit long
    [InlineData("lt12340-0042", 1234)]   // the dash moved
    [InlineData("lt1234_00042", 1234)]   // no dash
    [InlineData("lx1234-00042", 1234)]   // not "lt"
    [InlineData("kt1234-00042", 1234)]
    [InlineData(",t1234-00042", 1234)]   // ',' | 0x20 is ',' not 'l': only letters fold
    [InlineData("lt12a4-00042", 1234)]   // a letter in the tag
    [InlineData("lt1234-000a2", 1234)]   // a letter in the index
    [InlineData("lt1234-0004/", 1234)]   // the character before '0'
    [InlineData("lt1234-0004:", 1234)]   // the character after '9'
    [InlineData("lt1234- 0042", 1234)]
    public void NamesThatAreNotTheRunsAreRejected(string name, int tag)
    {
        Assert.False(ClientFleet.TryParseIndex(name, tag, out var index));
        Assert.Equal(0, index);
    }
}
