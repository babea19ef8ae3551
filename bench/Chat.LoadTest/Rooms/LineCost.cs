namespace Chat.LoadTest.Rooms;

/// <summary>
/// What a line costs the server, split into a part for the line itself (receiving, checking,
/// logging and encoding it once) and a part per member it goes to, from two measurements: the CPU
/// per line in rooms of one size and in a room of another. A server that did work for everyone
/// connected on every line would show a small part per member and a large part per line.
/// </summary>
/// <param name="PerLine">Microseconds per line, whatever its room.</param>
/// <param name="PerMember">Microseconds per member a line goes to.</param>
internal sealed record LineCost(double PerLine, double PerMember)
{
    /// <summary>
    /// Solves <c>cost = PerLine + PerMember x members</c> for a line that cost <paramref name="smallCost"/>
    /// µs in a room of <paramref name="smallRoom"/> members and <paramref name="largeCost"/> µs in one of
    /// <paramref name="largeRoom"/>; <see langword="null"/> when the rooms are not of two sizes or the
    /// larger one cost no more.
    /// </summary>
    public static LineCost? FromTwoRooms(double smallCost, int smallRoom, double largeCost, int largeRoom)
    {
        if (largeRoom <= smallRoom || largeCost <= smallCost)
        {
            return null;
        }

        var perMember = (largeCost - smallCost) / (largeRoom - smallRoom);
        return new LineCost(smallCost - (perMember * smallRoom), perMember);
    }
}
