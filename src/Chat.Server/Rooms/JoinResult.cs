using Chat.Protocol;

namespace Chat.Server;

/// <summary>What <see cref="Room.Join"/> decided, and what a newcomer's welcome shows.</summary>
/// <param name="Outcome">Whether the member is in, or why not.</param>
/// <param name="Users">Everyone in the room, the newcomer included (empty unless joined, and for a newcomer who does not hear presence).</param>
/// <param name="Recent">The recent lines, oldest first (empty unless joined).</param>
/// <param name="UserCount">How many are in the room, the newcomer included (0 unless joined).</param>
/// <param name="Topic">The room's topic; empty for none.</param>
/// <param name="AwayUsers">Who of <paramref name="Users"/> is away.</param>
internal readonly record struct JoinResult(
    JoinOutcome Outcome, IReadOnlyList<string> Users, IReadOnlyList<TextPosted> Recent, int UserCount, string Topic, IReadOnlyList<string> AwayUsers)
{
    /// <summary>Whether the member is in the room now.</summary>
    public bool IsMember => Outcome is JoinOutcome.Joined or JoinOutcome.AlreadyMember;

    public static JoinResult Refused(JoinOutcome outcome) => new(outcome, [], [], 0, string.Empty, []);
}
