// RoomBot: a bot that lives in rooms of its own (protocol version 2) and answers there.
//
//   !who     who is in this room
//   !topic   this room's topic
//   !rooms   the server's rooms, with how many are in each
//   !help    the commands
//
// It joins the rooms given with --room (#bots unless given), leaves the server's default room
// unless that is one of them, and answers each command in the room it was said in. It ignores
// everything else, its own lines included. A server without rooms (version 1) is told apart at
// once: the bot says so and exits. Ctrl+C or SIGTERM makes it say goodbye and exit.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Chat.Protocol;

const string Usage = """
    Usage: RoomBot [--host <host>] [--port <port>] [--name <name>] [--room <#room>]...

    Joins rooms of a ChatRoom server and answers !who, !topic, !rooms and !help in each.

      --host <host>    the server (default 127.0.0.1)
      --port <port>    its port (default 5000)
      --name <name>    the bot's name (default room-bot)
      --room <#room>   a room to join and answer in; repeat it for more (default #bots)
      -h, --help       this help

    Logs go to standard error. Exit codes: 0 stopped by Ctrl+C or SIGTERM, or the server shut
    down; 1 the connection failed or was lost; 2 bad usage; 3 the server has no rooms, or
    refused the name or a room; 4 the operator kicked the bot out.
    """;

// --- The command line ------------------------------------------------------------------------
var host = "127.0.0.1";
var port = ProtocolInfo.DefaultPort;
var name = "room-bot";
var rooms = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    var option = args[i];
    if (option is "-h" or "--help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    var value = i + 1 < args.Length ? args[++i] : null;
    switch (option)
    {
        case "--host" when !string.IsNullOrWhiteSpace(value):
            host = value;
            break;
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535:
            break;
        case "--name" when value is not null:
            name = value;
            break;
        case "--room" when RoomNameRules.IsValid(value):
            rooms.Add(RoomNameRules.Normalize(value));
            break;
        case "--room":
            Console.Error.WriteLine($"RoomBot: --room {value}: {RoomNameRules.Describe(RoomNameRules.Check(value), value)}");
            return 2;
        default:
            Console.Error.WriteLine($"RoomBot: {option} {value} is not a valid option.{Environment.NewLine}{Environment.NewLine}{Usage}");
            return 2;
    }
}

if (rooms.Count == 0)
{
    rooms.Add("#bots");
}

// --- Ctrl+C and SIGTERM: say goodbye, then exit ----------------------------------------------
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    await using var client = await ChatClient.ConnectAsync(host, port, name, ChatClientOptions.Default with { ClientName = "RoomBot" }, stopping.Token);
    if (!client.SupportsRooms)
    {
        Log($"{host}:{port} speaks protocol version {client.ProtocolVersion}, which has no rooms; RoomBot needs version 2.");
        return 3;
    }

    // Into its rooms, and out of the default room unless it is one of them.
    foreach (var room in rooms)
    {
        var joined = await client.JoinRoomAsync(room, stopping.Token);
        Log($"Joined {joined.Room}: {joined.UserCount} there.");
    }

    if (client.DefaultRoom.Length > 0 && !rooms.Contains(client.DefaultRoom, RoomNameRules.Comparer))
    {
        await client.LeaveRoomAsync(client.DefaultRoom, "RoomBot lives in its own rooms.", stopping.Token);
    }

    Log($"Answering as {client.UserName} in {string.Join(", ", client.Rooms)}.");
    var end = await ServeAsync(client, stopping.Token);
    Log(end switch
    {
        ServerShutdown shutdown => $"Server shutdown: {shutdown.Text}",
        ErrorMessage error => $"The server ended the session: {error.Text}",
        _ => "The session ended.",
    });
    return end is ErrorMessage { Code: ErrorCode.Kicked } ? 4 : 0;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Log("Stopped.");
    return 0;
}
catch (Exception ex) when (ex is ChatRequestException or ChatRejectedException)
{
    Log(ex.Message); // In words: "#bots is full (100 users); try again later."
    return 3;
}
catch (ChatException ex)
{
    Log(ex.Message);
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // Not the default hard exit: the bot says goodbye first.
    stopping.Cancel();
}

static void Log(string text) =>
    Console.Error.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");

// Reads the server's messages until the session ends; returns the message that ended it
// (ServerShutdown or a fatal ErrorMessage), or null. Commands are answered by a second task, so
// that reading never waits for an answer (!rooms waits for the server's list).
static async Task<ChatMessage?> ServeAsync(ChatClient client, CancellationToken stopping)
{
    var commands = Channel.CreateBounded<Command>(16);
    using var sessionOver = new CancellationTokenSource();
    var answering = AnswerAsync(client, commands.Reader, sessionOver.Token);
    ChatMessage? end = null;
    try
    {
        await foreach (var message in client.ReadMessagesAsync(stopping))
        {
            switch (message)
            {
                case TextPosted posted when posted.Kind == TextKind.Plain && !UserNameRules.Comparer.Equals(posted.Author, client.UserName):
                    // An empty room is the default room (a line from a server that names none).
                    var room = posted.Room.Length > 0 ? posted.Room : client.DefaultRoom;
                    if (posted.Text.TrimStart().StartsWith('!') && !commands.Writer.TryWrite(new Command(room, posted.Text.Trim())))
                    {
                        Log($"Too many commands at once; not answering {posted.Author} in {room}.");
                    }

                    break;
                case ErrorMessage { Fatal: false } error:
                    Log($"The server says: {error.Text}");
                    break;
                case ServerShutdown or ErrorMessage { Fatal: true }:
                    end = message;
                    break;
            }
        }

        return end;
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        await client.LeaveAsync("RoomBot was stopped by its operator.", CancellationToken.None);
        throw;
    }
    finally
    {
        await sessionOver.CancelAsync();
        await answering;
    }
}

// Answers the commands one at a time, paced well below the server's rate limit.
static async Task AnswerAsync(ChatClient client, ChannelReader<Command> commands, CancellationToken sessionOver)
{
    var pacer = new Pacer(perSecond: 2, burst: 5);
    try
    {
        await foreach (var command in commands.ReadAllAsync(sessionOver))
        {
            await pacer.WaitAsync(sessionOver);
            try
            {
                if (await AnswerToAsync(client, command, pacer, sessionOver) is { } answer)
                {
                    await client.SendToRoomAsync(command.Room, Fit(answer, client.Welcome.MaxTextLength), sessionOver);
                }
            }
            catch (ChatRequestException ex)
            {
                // Refused (too fast, most likely): this command goes unanswered, and the next ones come slower.
                pacer.SlowDown();
                Log($"The server refused a request: {ex.Message}");
            }
        }
    }
    catch (Exception ex) when (ex is OperationCanceledException or ChatException)
    {
        // The session is over: commands still queued are for rooms the bot is no longer in.
    }
}

// The answer to one command in its room, or null for a command this bot does not know.
static async Task<string?> AnswerToAsync(ChatClient client, Command command, Pacer pacer, CancellationToken cancellationToken)
{
    var word = command.Text.Split(' ', 2)[0].ToUpperInvariant();
    switch (word)
    {
        case "!WHO":
            var users = client.UsersIn(command.Room);
            return $"{users.Count} in {command.Room}: {string.Join(", ", users)}";
        case "!TOPIC":
            var topic = client.TopicOf(command.Room);
            return topic.Length > 0 ? $"The topic of {command.Room}: {topic}" : $"{command.Room} has no topic.";
        case "!ROOMS":
            await pacer.WaitAsync(cancellationToken); // Listing counts against the rate limit too.
            var list = await client.ListRoomsAsync(cancellationToken);
            return $"{list.Count} rooms: {string.Join(", ", list.Select(r => $"{r.Name} ({r.UserCount})"))}";
        case "!HELP":
            return "Commands: !who (who is in this room), !topic (this room's topic), !rooms (every room), !help.";
        default:
            return null;
    }
}

// Cuts an answer to the server's longest line, never between the two halves of a character.
static string Fit(string text, int maxLength)
{
    if (text.Length <= maxLength)
    {
        return text;
    }

    var cut = maxLength - 1;
    if (char.IsHighSurrogate(text[cut - 1]))
    {
        cut--;
    }

    return string.Concat(text.AsSpan(0, cut), "…");
}

/// <summary>A command said in a room.</summary>
internal sealed record Command(string Room, string Text);
