using Chat.Protocol;

namespace Chat.Server.Tests.Support;

/// <summary>Version-2 requests by hand over a <see cref="RawClient"/>, each waiting (with the test timeout) for its answer.</summary>
internal static class RoomRequests
{
    /// <summary>Joins a room, failing the test unless the server answers with its <see cref="RoomJoined"/>.</summary>
    public static async Task<RoomJoined> JoinRoomAsync(this RawClient client, string room)
    {
        await client.SendAsync(new JoinRoom(room));
        return await client.ReceiveAsync<RoomJoined>(joined => RoomNameRules.Comparer.Equals(joined.Room, room));
    }

    /// <summary>Sends a request and returns the error the server answers with.</summary>
    public static async Task<ErrorMessage> RefusedAsync(this RawClient client, ChatMessage request)
    {
        await client.SendAsync(request);
        var error = await client.ReceiveAsync<ErrorMessage>();
        Assert.False(error.Fatal, $"The refusal of {request} should not be fatal: {error}");
        return error;
    }

    /// <summary>Posts a line in a room and waits for its echo.</summary>
    public static async Task<TextPosted> SayAsync(this RawClient client, string room, string text)
    {
        await client.SendAsync(new SendText(text) { Room = room });
        return await client.ReceiveAsync<TextPosted>(line => line.Text == text);
    }

    /// <summary>Reads every message up to and including the first that <paramref name="marker"/> accepts.</summary>
    public static async Task<List<ChatMessage>> UntilAsync(this RawClient client, Func<ChatMessage, bool> marker)
    {
        var messages = new List<ChatMessage>();
        while (true)
        {
            var message = await client.ReceiveAsync() ?? throw new EndOfStreamException("The server closed the connection before the marker arrived.");
            messages.Add(message);
            if (marker(message))
            {
                return messages;
            }
        }
    }

    /// <summary>Reads every message up to and including the line <paramref name="text"/>.</summary>
    public static Task<List<ChatMessage>> UntilLineAsync(this RawClient client, string text) =>
        client.UntilAsync(message => message is TextPosted line && line.Text == text);
}
