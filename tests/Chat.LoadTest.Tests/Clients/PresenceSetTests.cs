using Chat.LoadTest.Clients;

namespace Chat.LoadTest.Tests.Clients;

public class PresenceSetTests
{
    private const int Tag = 4321;

    [Fact]
    public void StartsEmpty()
    {
        Assert.Equal(0, new PresenceSet(Tag, 100).Count);
    }

    [Fact]
    public void AddingTheRunsUsersCountsEachOnce()
    {
        var set = new PresenceSet(Tag, 100);

        for (var i = 0; i < 100; i++)
        {
            set.Add(User(i));
        }

        set.Add(User(0));
        set.Add(User(99));
        set.Add(User(63));

        Assert.Equal(100, set.Count);
    }

    [Fact]
    public void TheSameUserInAnotherLetterCaseIsTheSameUser()
    {
        var set = new PresenceSet(Tag, 10);

        set.Add(User(3));
        set.Add(User(3).ToUpperInvariant());
        set.Add("alice");
        set.Add("ALICE");

        Assert.Equal(2, set.Count);

        set.Remove(User(3).ToUpperInvariant());
        set.Remove("Alice");

        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void RemovingTakesOutOnlyThatUser()
    {
        var set = new PresenceSet(Tag, 10);
        for (var i = 0; i < 10; i++)
        {
            set.Add(User(i));
        }

        set.Remove(User(4));
        set.Remove(User(4));

        Assert.Equal(9, set.Count);

        set.Add(User(4));
        Assert.Equal(10, set.Count);
    }

    [Fact]
    public void RemovingSomeoneWhoIsNotThereChangesNothing()
    {
        var set = new PresenceSet(Tag, 10);
        set.Add(User(1));
        set.Add("alice");

        set.Remove(User(2));
        set.Remove("bob");
        set.Remove(ClientFleet.UserName(Tag + 1, 1)); // another run's client 1

        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void RemovingFromAnEmptySetKeepsItEmpty()
    {
        var set = new PresenceSet(Tag, 10);

        set.Remove("alice");
        set.Remove(User(0));

        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void NamesThatAreNotTheRunsAreCountedByName()
    {
        var set = new PresenceSet(Tag, 10);

        set.Add("alice");
        set.Add("bob");
        set.Add("alice");
        set.Add(ClientFleet.UserName(Tag + 1, 3)); // another run's client 3
        set.Add(User(3));                          // this run's client 3: someone else

        Assert.Equal(4, set.Count);

        set.Remove(ClientFleet.UserName(Tag + 1, 3));
        Assert.Equal(3, set.Count);

        set.Remove(User(3));
        set.Remove("bob");
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void AnIndexBeyondTheRunsUsersIsStillAUserOfItsOwn()
    {
        var set = new PresenceSet(Tag, 10);

        set.Add(User(9));
        set.Add(User(10));     // within the bits' last word
        set.Add(User(64));     // past it
        set.Add(User(99_999));
        set.Add(User(64));

        Assert.Equal(4, set.Count);

        set.Remove(User(64));
        set.Remove(User(99_999));
        set.Remove(User(10));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void ARunWithoutUsersStillCountsNames()
    {
        var set = new PresenceSet(Tag, 0);

        set.Add(User(0));
        set.Add("alice");

        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void TheCountFollowsJoinsAndLeavesOfTenThousandUsers()
    {
        const int users = 10_000;
        var set = new PresenceSet(Tag, users);
        var expected = new HashSet<int>();
        var random = new Random(1234);

        for (var step = 0; step < 50_000; step++)
        {
            var index = random.Next(users);
            if (random.Next(3) == 0)
            {
                set.Remove(User(index));
                expected.Remove(index);
            }
            else
            {
                set.Add(User(index));
                expected.Add(index);
            }

            Assert.Equal(expected.Count, set.Count);
        }
    }

    private static string User(int index) => ClientFleet.UserName(Tag, index);
}
