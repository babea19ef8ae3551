using Chat.Protocol;

namespace Chat.Server.Tests.Room;

public class RoomHistoryTests
{
    [Fact]
    public void KeepsTheMostRecentLinesOldestFirst()
    {
        var history = new RoomHistory(3);
        var lines = Enumerable.Range(1, 5).Select(Line).ToArray();
        foreach (var line in lines)
        {
            history.Add(line);
        }

        Assert.Equal(lines[2..], history.ToArray());
    }

    [Fact]
    public void ReturnsWhatItHasBeforeItIsFull()
    {
        var history = new RoomHistory(3);
        history.Add(Line(1));

        Assert.Equal([Line(1)], history.ToArray());
    }

    [Fact]
    public void ZeroCapacityKeepsNothing()
    {
        var history = new RoomHistory(0);
        history.Add(Line(1));

        Assert.Empty(history.ToArray());
    }

    private static TextPosted Line(int id) => new(id, "alice", $"line {id}", DateTime.UnixEpoch);
}
