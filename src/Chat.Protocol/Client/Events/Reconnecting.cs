namespace Chat.Protocol;

/// <summary>
/// Made by the <see cref="ChatClient"/>, never sent on the wire: the session was lost (or the
/// server shut down) and the client, told to reconnect (<see cref="ChatClientOptions.Reconnect"/>),
/// waits <see cref="Delay"/> before attempt number <see cref="Attempt"/> to join again. One comes
/// before each wait; <see cref="Reconnected"/> follows once an attempt succeeds.
/// </summary>
/// <remarks>
/// While the client reconnects, sends fail at once with a <see cref="ChatConnectionLostException"/>
/// and requests fail the same way. A program that shows the connection's state shows this one.
/// </remarks>
/// <param name="Attempt">1 for the first attempt after the loss, 2 for the next, and so on.</param>
/// <param name="Delay">How long the client waits before the attempt (<see cref="ReconnectBackoff.DelayBefore(int)"/>).</param>
/// <param name="Reason">Why the client is not connected, in words a person understands: the loss, or why the previous attempt failed.</param>
public sealed record Reconnecting(int Attempt, TimeSpan Delay, string Reason) : ChatMessage, IClientMadeMessage;
