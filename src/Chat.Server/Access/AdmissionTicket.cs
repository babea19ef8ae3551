using System.Net;

namespace Chat.Server;

/// <summary>
/// One connection's place in the <see cref="ConnectionAdmission"/>: what it counts under its address,
/// from the accept to the close. Each step is recorded once; <see cref="Release"/> gives everything back.
/// </summary>
internal sealed class AdmissionTicket
{
    private readonly ConnectionAdmission _admission;

    internal AdmissionTicket(ConnectionAdmission admission, IPAddress? address, AddressState? state)
    {
        _admission = admission;
        Address = address;
        State = state;
    }

    /// <summary>The client's address; <see langword="null"/> for a connection without one.</summary>
    public IPAddress? Address { get; }

    /// <summary>The session of the connection, once it is made; the one evicted to make room.</summary>
    public ClientSession? Session { get; set; }

    /// <summary>The counts of the address, or <see langword="null"/> when it is exempt from the limits per address.</summary>
    internal AddressState? State { get; }

    /// <summary>Where the connection stands among those that have not said hello, oldest first; <see langword="null"/> once it has.</summary>
    internal LinkedListNode<AdmissionTicket>? PendingNode { get; set; }

    /// <summary>Whether the connection counts as a user of its address in the room.</summary>
    internal bool IsMember { get; set; }

    /// <summary>Whether everything was given back.</summary>
    internal bool IsReleased { get; set; }

    /// <summary>The client said hello: it no longer counts as waiting, nor can it be evicted for room.</summary>
    public void HelloReceived() => _admission.HelloReceived(this);

    /// <summary>Counts the client as a user of its address in the room, if the address may have one more.</summary>
    /// <returns>Whether it may join.</returns>
    public bool TryAddMember() => _admission.TryAddMember(this);

    /// <summary>Counts a missing or wrong password from this client's address, for the summary log.</summary>
    public void CountBadPassword()
    {
        if (Address is not null)
        {
            _admission.Summary.BadPassword(Address);
        }
    }

    /// <summary>The connection closed: gives back everything it counted.</summary>
    public void Release() => _admission.Release(this);
}
