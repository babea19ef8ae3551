namespace Chat.Server;

/// <summary>What <see cref="ConnectionAdmission"/> counts for one address. Guarded by the admission's lock.</summary>
internal sealed class AddressState
{
    /// <summary>Open connections, whatever their stage.</summary>
    public int Open { get; set; }

    /// <summary>Connections that have not said hello yet.</summary>
    public int Pending { get; set; }

    /// <summary>Users in the room (or joining it).</summary>
    public int Members { get; set; }

    /// <summary>Tokens for new connections: a bucket of the per-interval limit, refilled evenly over the interval.</summary>
    public double NewTokens { get; set; }

    /// <summary>When <see cref="NewTokens"/> was last brought up to date.</summary>
    public long Updated { get; set; }
}
