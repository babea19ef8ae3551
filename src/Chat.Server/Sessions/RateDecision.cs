namespace Chat.Server;

/// <summary>What <see cref="RateLimiter.Take"/> decided about one message.</summary>
internal enum RateDecision
{
    /// <summary>Within the limit.</summary>
    Allowed,

    /// <summary>Over the limit: refuse this message, the client may go on.</summary>
    Refused,

    /// <summary>Far over the limit for a while: disconnect the client.</summary>
    Flooding,
}
