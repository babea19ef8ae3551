namespace Chat.Protocol;

/// <summary>
/// The server refused to let the client in: the name is taken, reserved or invalid, the
/// server is full, it does not speak the client's protocol version, it asks for a password
/// and none or a wrong one was given (<see cref="IsPasswordProblem"/>), the name is registered
/// and its password was missing or wrong (<see cref="IsNamePasswordProblem"/>), or the name or
/// the address is banned (<see cref="IsBanned"/>, until <see cref="Until"/>).
/// </summary>
/// <remarks>
/// A ban of the address comes before the handshake's answer, as <see cref="ErrorMessage"/> with
/// <see cref="ErrorCode.Banned"/>; a ban of the name comes as <see cref="Rejected"/> with
/// <see cref="RejectReason.Banned"/>. Both are thrown as this exception with
/// <see cref="Reason"/> <see cref="RejectReason.Banned"/>, so a caller handles one case; its
/// <see cref="Exception.Message"/> says why and until when.
/// </remarks>
public sealed class ChatRejectedException : ChatException
{
    /// <summary>Creates the exception from the server's rejection.</summary>
    /// <param name="reason">The server's reason code.</param>
    /// <param name="serverText">The server's explanation.</param>
    public ChatRejectedException(RejectReason reason, string serverText)
        : this(reason, serverText, until: null)
    {
    }

    /// <summary>Creates the exception from the server's rejection, with when a ban ends.</summary>
    /// <param name="reason">The server's reason code.</param>
    /// <param name="serverText">The server's explanation.</param>
    /// <param name="until">For <see cref="RejectReason.Banned"/>, when the ban ends (UTC); <see langword="null"/> for a ban without an end, and for any other reason.</param>
    public ChatRejectedException(RejectReason reason, string serverText, DateTime? until)
        : base(Describe(reason, serverText, until))
    {
        Reason = reason;
        ServerText = serverText;
        Until = until is { } end ? ToUtc(end) : null;
    }

    /// <summary>The server's reason code.</summary>
    public RejectReason Reason { get; }

    /// <summary>The server's explanation, as it sent it.</summary>
    public string ServerText { get; }

    /// <summary>
    /// For a ban (<see cref="IsBanned"/>), when it ends, in UTC (<see cref="Rejected.Until"/>,
    /// <see cref="ErrorMessage.Until"/>); <see langword="null"/> for a ban without an end, and for any other reason.
    /// </summary>
    public DateTime? Until { get; }

    /// <summary>Whether trying again with another user name could succeed.</summary>
    public bool IsNameProblem => Reason is RejectReason.NameTaken or RejectReason.NameReserved or RejectReason.NameInvalid;

    /// <summary>Whether the server asks for a password and none or a wrong one was given: trying again with the right one could succeed.</summary>
    public bool IsPasswordProblem => Reason == RejectReason.BadPassword;

    /// <summary>
    /// Whether the name is registered (or is an operator account) and its password
    /// (<see cref="ChatClientOptions.NamePassword"/>) was missing or wrong: trying again with the
    /// right one, or under another name, could succeed.
    /// </summary>
    public bool IsNamePasswordProblem => Reason == RejectReason.NameRegistered;

    /// <summary>Whether the name or the address is banned: trying again before <see cref="Until"/> cannot succeed.</summary>
    public bool IsBanned => Reason == RejectReason.Banned;

    /// <summary>Says when a ban ends: "until 2026-12-09 10:00 UTC", or "for good" for one without an end.</summary>
    private static string DescribeUntil(DateTime? until) =>
        until is { } end
            ? "until " + ToUtc(end).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC"
            : "for good";

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    private static string Describe(RejectReason reason, string? serverText, DateTime? until)
    {
        var text = serverText?.Trim() ?? string.Empty;
        return reason switch
        {
            // In our own words whatever the server sent (ServerText keeps that): the user must learn what to do.
            RejectReason.BadPassword => "The server needs a password, and none or a wrong one was given.",
            RejectReason.NameRegistered => "That name is registered: it can be used only with its password, and none or a wrong one was given.",
            // The server's sentence says what is banned, why and until when; our own only when it sent none.
            RejectReason.Banned when text.Length == 0 => $"You are banned from this server {DescribeUntil(until)}.",
            _ when text.Length == 0 => $"The server refused to let you in ({reason}).",
            _ => serverText!,
        };
    }
}
