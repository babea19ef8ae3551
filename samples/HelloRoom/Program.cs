using Chat.Protocol;

// Joins the room at [host] [port], says hello, prints what is said until the room hears it, and leaves.
var host = args.Length > 0 ? args[0] : "127.0.0.1";
var port = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ProtocolInfo.DefaultPort;
try
{
    await using var client = await ChatClient.ConnectAsync(host, port, "hello-bot");
    Console.WriteLine($"Joined {client.Welcome.ServerName}; in the room: {string.Join(", ", client.Users)}");
    await client.SendAsync("Hello, room!");
    await foreach (var message in client.ReadMessagesAsync())
    {
        if (message is not TextPosted posted) continue;
        Console.WriteLine($"<{posted.Author}> {posted.Text}");
        if (posted.Author == client.UserName) break; // Our own line came back: the room heard us.
    }
    return 0;
}
catch (ChatException ex)
{
    Console.Error.WriteLine(ex.Message); // In words: "No chat server is listening on 127.0.0.1:5000."
    return 1;
}
