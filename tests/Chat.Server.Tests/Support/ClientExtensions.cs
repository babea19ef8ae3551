using Chat.Protocol;

namespace Chat.Server.Tests.Support;

/// <summary>Reading from a <see cref="ChatClient"/> with a time limit on every wait.</summary>
internal static class ClientExtensions
{
    /// <summary>Reads until a message of type <typeparamref name="T"/> (that matches) arrives, skipping others.</summary>
    public static async Task<T> NextAsync<T>(this ChatClient client, Func<T, bool>? match = null)
        where T : ChatMessage
    {
        using var timeout = new CancellationTokenSource(TestServer.Timeout);
        try
        {
            await foreach (var message in client.ReadMessagesAsync(timeout.Token))
            {
                if (message is T wanted && (match?.Invoke(wanted) ?? true))
                {
                    return wanted;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"{client.UserName} received no {typeof(T).Name} within {TestServer.Timeout.TotalSeconds} s.");
        }

        throw new InvalidOperationException($"{client.UserName}'s session ended before a {typeof(T).Name} arrived.");
    }

    /// <summary>Collects the lines posted in the room until <paramref name="count"/> have arrived.</summary>
    public static async Task<List<TextPosted>> LinesAsync(this ChatClient client, int count)
    {
        var lines = new List<TextPosted>(count);
        while (lines.Count < count)
        {
            lines.Add(await client.NextAsync<TextPosted>());
        }

        return lines;
    }

    /// <summary>Waits until this client has seen <paramref name="name"/> leave, and returns the departure.</summary>
    public static async Task<Departure> DepartureOfAsync(this ChatClient client, string name)
    {
        var left = await client.NextAsync<UsersLeft>(m => m.Departures.Any(d => d.UserName == name));
        return left.Departures.Single(d => d.UserName == name);
    }

    /// <summary>Reads until the session ends cleanly (shutdown, fatal error), returning what arrived.</summary>
    public static async Task<List<ChatMessage>> ReadToEndAsync(this ChatClient client)
    {
        var messages = new List<ChatMessage>();
        using var timeout = new CancellationTokenSource(TestServer.Timeout);
        await foreach (var message in client.ReadMessagesAsync(timeout.Token))
        {
            messages.Add(message);
        }

        await client.Completion.WaitAsync(TestServer.Timeout);
        return messages;
    }
}
