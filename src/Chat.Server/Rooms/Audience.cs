namespace Chat.Server;

/// <summary>Which members of a room a published message is for, by the protocol version they speak.</summary>
internal enum Audience
{
    /// <summary>Every member: lines, presence, notices (their room field is one a version-1 reader ignores).</summary>
    Everyone,

    /// <summary>Members speaking version 2: topics, renames, away notices (message ids 16-27).</summary>
    RoomsOnly,

    /// <summary>Members speaking version 1 only: what stands in for a version-2 message they cannot read (a rename as a departure and a join).</summary>
    LegacyOnly,
}
