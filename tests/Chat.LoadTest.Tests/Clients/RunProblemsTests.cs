using Chat.LoadTest.Clients;

namespace Chat.LoadTest.Tests.Clients;

public class RunProblemsTests
{
    [Fact]
    public void NothingWentWrongAtFirst()
    {
        var problems = new RunProblems();

        Assert.Equal(0, problems.ConnectionsLost);
        Assert.Equal(0, problems.ServerErrors);
        Assert.Equal(0, problems.UnknownLines);
        Assert.Equal(0, problems.UnwantedPresence);
        Assert.Null(problems.FirstConnectionLost);
        Assert.Null(problems.FirstServerError);
    }

    [Fact]
    public void EachProblemIsCountedAndTheFirstDescriptionKept()
    {
        var problems = new RunProblems();

        problems.ConnectionLost("client 3: reset");
        problems.ConnectionLost("client 8: reset");
        problems.ServerError("slow down");
        problems.ServerError("too long");
        problems.ServerError("again");
        problems.UnknownLine();
        problems.PresenceUnwanted();
        problems.PresenceUnwanted();

        Assert.Equal(2, problems.ConnectionsLost);
        Assert.Equal("client 3: reset", problems.FirstConnectionLost);
        Assert.Equal(3, problems.ServerErrors);
        Assert.Equal("slow down", problems.FirstServerError);
        Assert.Equal(1, problems.UnknownLines);
        Assert.Equal(2, problems.UnwantedPresence);
    }

    [Fact]
    public void ConnectionsEndingAfterTheRunAreTheTeardownNotProblems()
    {
        var problems = new RunProblems();
        problems.ConnectionLost("during the run");

        problems.Closing = true;
        problems.ConnectionLost("closing");

        Assert.Equal(1, problems.ConnectionsLost);
        Assert.Equal("during the run", problems.FirstConnectionLost);
    }

    [Fact]
    public async Task ProblemsFromManyThreadsAreAllCounted()
    {
        var problems = new RunProblems();

        await Task.Run(() => Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            problems.UnknownLine();
            problems.ServerError($"error {i}");
        })).WithTimeout();

        Assert.Equal(10_000, problems.UnknownLines);
        Assert.Equal(10_000, problems.ServerErrors);
        Assert.StartsWith("error ", problems.FirstServerError, StringComparison.Ordinal);
    }
}
