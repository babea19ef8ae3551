using Chat.Protocol;

namespace Chat.Samples.Tests.Support;

internal static class ClientExtensions
{
    /// <summary>Joins the server on 127.0.0.1 as a real client.</summary>
    public static Task<ChatClient> JoinAsync(this ServerProcess server, string name) =>
        ChatClient.ConnectAsync("127.0.0.1", server.Port, name).WithTimeout();

    /// <summary>Reads the client's messages until one of type <typeparamref name="T"/> matches, skipping the others.</summary>
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
            throw new TimeoutException($"{client.UserName} waited for {what ?? typeof(T).Name} in vain; it saw:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
        }

        throw new InvalidOperationException($"{client.UserName}'s session ended before {what ?? typeof(T).Name}; it saw:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
    }

    /// <summary>Waits until <paramref name="name"/> is in the room, as this client sees it.</summary>
    public static async Task WaitForUserAsync(this ChatClient client, string name)
    {
        if (!client.Users.Contains(name, UserNameRules.Comparer))
        {
            await client.NextAsync<UsersJoined>(j => j.UserNames.Contains(name, UserNameRules.Comparer), $"{name} to join");
        }
    }
}
