namespace Chat.Protocol.Internal;

/// <summary>
/// Gives omitted optional fields their documented defaults. MessagePack leaves an omitted
/// field at the CLR default, which for a string is null; the records promise an empty string.
/// (Omitted enum and bool fields already get their defaults: <see cref="TextKind.Plain"/>, false.)
/// </summary>
internal static class OptionalFields
{
    public static ChatMessage Fill(ChatMessage message) => message switch
    {
        Goodbye { Text: null } => new Goodbye(string.Empty),
        Hello { Password: null } hello => hello with { Password = string.Empty },
        UsersLeft left when left.Departures.Any(d => d.Text is null) =>
            new UsersLeft([.. left.Departures.Select(d => d.Text is null ? d with { Text = string.Empty } : d)]),
        _ => message,
    };
}
