using Chat.Protocol;
using Chat.Protocol.Wire;

namespace Chat.Server;

/// <summary>
/// Who gets in: the limits per address (<see cref="ConnectionAdmission"/>), the eviction of the
/// oldest connection that has not said hello when the server is at its cap, the one-line reason a
/// refused connection gets before the close, and the summary log of it all (<see cref="AccessSummary"/>).
/// </summary>
internal sealed partial class ChatServer
{
    /// <summary>
    /// How many refused connections may be closing at once, each delivering its reason and waiting
    /// (at most the close timeout) for the client to close its side; beyond that a refused
    /// connection is cut off at once, so that a flood cannot pile up sockets.
    /// </summary>
    public const int MaxClosingRefusals = 512;

    private ITimer? _accessTimer;
    private int _evictedClosing;
    private int _refusalsClosing;

    /// <summary>The limits per address, and the connections that have not said hello.</summary>
    public ConnectionAdmission Admission { get; }

    /// <summary>Decides whether a connection just accepted may stay; refuses it, with its reason, when it may not.</summary>
    /// <returns>Its ticket, or <see langword="null"/> when it was refused.</returns>
    private AdmissionTicket? Admit(ChatConnection connection, int maxConnections)
    {
        var address = ClientAddress.Of(connection.RemoteEndPoint);
        if (AddressBan(address) is { } ban)
        {
            _ = RefuseAsync(connection, new ErrorMessage(ErrorCode.Banned, SanctionTexts.AddressBanned(ban)) { Fatal = true, Until = ban.Until });
            return null;
        }

        var refusal = Admission.TryAdmit(address, out var ticket);
        if (ticket is not null && !MakeRoom(ticket, maxConnections))
        {
            ticket.Release();
            ticket = null;
            refusal = RefusalKind.ServerFull;
        }

        if (refusal is { } kind)
        {
            Admission.Summary.Refused(address, kind);
            Metrics.Refused(kind);
            _ = RefuseAsync(connection, kind.ToClientText(_options));
        }

        return ticket;
    }

    /// <summary>
    /// At the cap, evicts the oldest connection that has not said hello, so that idle connections
    /// can never lock users out. Evicted connections still closing do not count.
    /// </summary>
    /// <returns>Whether there is room for <paramref name="newcomer"/>.</returns>
    private bool MakeRoom(AdmissionTicket newcomer, int maxConnections)
    {
        while (Volatile.Read(ref _sessionCount) - Volatile.Read(ref _evictedClosing) >= maxConnections)
        {
            var oldest = Admission.TakeOldestPending();
            if (oldest is null || ReferenceEquals(oldest, newcomer) || oldest.Session is not { } session)
            {
                return false; // every other connection has said hello
            }

            if (session.Disconnect(SessionEnd.Evicted()))
            {
                Interlocked.Increment(ref _evictedClosing);
                Admission.Summary.Evicted(oldest.Address);
                return true;
            }

            // That one was ending anyway; look at the next.
        }

        return true;
    }

    /// <summary>Tells a refused connection why in one frame (<see cref="ErrorCode.ServerBusy"/>, fatal), then closes it.</summary>
    private Task RefuseAsync(ChatConnection connection, string text) =>
        RefuseAsync(connection, new ErrorMessage(ErrorCode.ServerBusy, text) { Fatal = true });

    /// <summary>Tells a refused connection why in one frame (a fatal error: the server is busy, or the address is banned), then closes it.</summary>
    private async Task RefuseAsync(ChatConnection connection, ErrorMessage refusal)
    {
        var text = refusal.Text;
        await Task.Yield(); // off the accept loop
        try
        {
            if (Interlocked.Increment(ref _refusalsClosing) > MaxClosingRefusals)
            {
                connection.Abort(text);
            }
            else
            {
                using var deadline = new CancellationTokenSource(_options.CloseTimeout);
                await connection.SendAsync(refusal, deadline.Token);
            }

            await connection.DisposeAsync(); // a lingering close: the reason reaches the client before the end
        }
        catch (Exception ex) when (ex is ChatException or OperationCanceledException)
        {
            connection.Abort(text);
            await connection.DisposeAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _refusalsClosing);
        }
    }

    /// <summary>A session is over: counts the ends that come in floods for the summary, and gives back its place.</summary>
    private void SessionFinished(ClientSession session)
    {
        var ticket = session.Admission;
        switch (session.End?.Cause)
        {
            case DisconnectCause.Evicted:
                Interlocked.Decrement(ref _evictedClosing);
                break;
            case DisconnectCause.HandshakeTimeout:
                Admission.Summary.TimedOut(ticket?.Address);
                break;
            case DisconnectCause.OverFrameBudget:
                Admission.Summary.OverFrameBudget(ticket?.Address);
                break;
            case DisconnectCause.Refused:
                Admission.Summary.Refused(ticket?.Address, RefusalKind.MembersPerAddress);
                break;
        }

        if (_sessions.TryRemove(session.Id, out _))
        {
            Interlocked.Decrement(ref _sessionCount);
        }

        ticket?.Release();
    }

    private void StartAccessTimer() => _accessTimer = _options.TimeProvider.CreateTimer(
        static state => ((ChatServer)state!).AccessTick(), this, _options.AccessLogInterval, _options.AccessLogInterval);

    private void AccessTick()
    {
        Admission.Summary.Flush();
        Admission.Sweep();
    }

    private void StopAccessTimer()
    {
        _accessTimer?.Dispose();
        Admission.Summary.Flush(final: true);
    }
}
