using Chat.Protocol;

namespace Chat.Testing;

/// <summary>Reading from a <see cref="ChatClient"/> with a time limit on every wait.</summary>
public static class ClientExtensions
{
    /// <summary>Joins the server on 127.0.0.1 as a real client.</summary>
    public static Task<ChatClient> JoinAsync(this ServerProcess server, string name, ChatClientOptions? options = null) =>
        ChatClient.ConnectAsync("127.0.0.1", server.Port, name, options).WithTimeout();

    /// <summary>Reads the client's messages until one of type <typeparamref name="T"/> matches, skipping the others.</summary>
    /// <param name="client">The client.</param>
    /// <param name="match">Which message to wait for; the first of its type when omitted.</param>
    /// <param name="what">What is awaited, in words, for the failure message.</param>
    /// <param name="cancellationToken">Stops waiting (without a failure).</param>
    public static async Task<T> NextAsync<T>(
        this ChatClient client, Func<T, bool>? match = null, string? what = null, CancellationToken cancellationToken = default)
        where T : ChatMessage
    {
        var seen = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeout.Value);
        try
        {
            await foreach (var message in client.ReadMessagesAsync(timeout.Token))
            {
                if (message is T wanted && (match is null || match(wanted)))
                {
                    return wanted;
                }

                seen.Add(message.ToString());
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{client.UserName} waited {TestTimeout.Value.TotalSeconds} s for {what ?? typeof(T).Name} in vain; it saw:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
        }

        throw new InvalidOperationException(
            $"{client.UserName}'s session ended before {what ?? typeof(T).Name}; it saw:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
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
        var left = await client.NextAsync<UsersLeft>(m => m.Departures.Any(d => d.UserName == name), $"{name} to leave");
        return left.Departures.Single(d => d.UserName == name);
    }

    /// <summary>Waits until <paramref name="name"/> is in the room, as this client sees it.</summary>
    public static async Task WaitForUserAsync(this ChatClient client, string name)
    {
        if (!client.Users.Contains(name, UserNameRules.Comparer))
        {
            await client.NextAsync<UsersJoined>(j => j.UserNames.Contains(name, UserNameRules.Comparer), $"{name} to join");
        }
    }

    /// <summary>Reads until the session ends cleanly (shutdown, fatal error), returning what arrived.</summary>
    public static async Task<List<ChatMessage>> ReadToEndAsync(this ChatClient client)
    {
        var messages = new List<ChatMessage>();
        using var timeout = new CancellationTokenSource(TestTimeout.Value);
        await foreach (var message in client.ReadMessagesAsync(timeout.Token))
        {
            messages.Add(message);
        }

        await client.Completion.WithTimeout();
        return messages;
    }
}
