// EchoBot: a bot that sits in a ChatRoom and answers commands.
//
//   !echo <text>   says <text> back
//   !time          the server's time (UTC) of the command
//   !who           who is in the room
//   !help          the commands
//
// Commands said in the room are answered in the room; commands sent privately are answered
// privately. It ignores everything else, its own lines included, and the lines replayed to it
// after a reconnect. When the connection is lost or the server shuts down, its ChatClient joins
// again with back-off (ChatClientOptions.Reconnect), so it comes back when the server does.
// Ctrl+C or SIGTERM makes it say goodbye and exit. Its answers are paced well below the server's
// rate limit, so that a room full of people typing commands cannot get it kicked for flooding.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Chat.Protocol;

const string Usage = """
    Usage: EchoBot [--host <host>] [--port <port>] [--name <name>] [--max-backoff <seconds>]

    Joins a ChatRoom and answers !echo <text>, !time, !who and !help, in the room or privately.

      --host <host>            the server (default 127.0.0.1)
      --port <port>            its port (default 5000)
      --name <name>            the bot's name in the room (default echo-bot)
      --max-backoff <seconds>  the longest wait between attempts to join again (default 30)
      -h, --help               this help

    Logs go to standard error. Exit codes: 0 stopped by Ctrl+C or SIGTERM; 2 bad usage;
    1 the server refused it for good on the way back (a password, TLS); 3 the server refuses
    the name for good (invalid or reserved) or speaks another protocol version; 4 the operator
    kicked the bot out.
    """;

// --- The command line ------------------------------------------------------------------------
var host = "127.0.0.1";
var port = ProtocolInfo.DefaultPort;
var name = "echo-bot";
var maxBackoff = TimeSpan.FromSeconds(30);
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
            name = value; // The server has the last word on names; a refusal ends the bot with exit code 3.
            break;
        case "--max-backoff" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 3600:
            maxBackoff = TimeSpan.FromSeconds(seconds);
            break;
        default:
            Console.Error.WriteLine($"EchoBot: {option} {value} is not a valid option.{Environment.NewLine}{Environment.NewLine}{Usage}");
            return 2;
    }
}

// --- Ctrl+C and SIGTERM: leave the room politely, then exit ------------------------------------
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

// --- Join, then answer until stopped; the client itself joins again after a loss ---------------
// The package's back-off: 0.5 s, 1 s, 2 s, ... up to --max-backoff, each ±20 %, so that many bots do
// not all return at once. With Reconnect set, the client comes back by itself after the connection
// is lost or the server restarts, rejoins, and hands over what was said meanwhile as history
// batches, which a bot must not answer: they are old lines, not commands said now.
var backoff = ReconnectBackoff.Default with { InitialDelay = TimeSpan.FromSeconds(0.5), MaxDelay = maxBackoff };
var clientOptions = ChatClientOptions.Default with { ClientName = "EchoBot", Reconnect = backoff };
var pacer = new Pacer(perSecond: 2, burst: 5);
try
{
    await using var client = await JoinFirstAsync(host, port, name, clientOptions, backoff, stopping.Token);
    Log($"Joined {client.Welcome.ServerName} at {host}:{port} as {client.UserName}; {client.Users.Count} in the room.");
    var end = await ServeAsync(client, pacer, stopping.Token);
    if (end is ErrorMessage { Code: ErrorCode.Kicked } kick)
    {
        Log($"Kicked out: {kick.Text} Not coming back.");
        return 4;
    }

    Log("The session ended.");
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
}
catch (ChatRejectedException ex) when (ex.Reason is RejectReason.NameInvalid or RejectReason.NameReserved or RejectReason.VersionUnsupported)
{
    Log(ex.Message);
    return 3;
}
catch (ChatException ex)
{
    // Refused for good on the way back (a password, TLS): trying again would not help.
    Log(ex.Message);
    return 1;
}

Log("Stopped.");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // Not the default hard exit: ServeAsync leaves the room first.
    stopping.Cancel();
}

static void Log(string text) =>
    Console.Error.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {text}");

// The first join, tried again with the same back-off until the server is there: ChatClient
// reconnects only once it has been in. A refusal that trying again cannot change is thrown.
static async Task<ChatClient> JoinFirstAsync(
    string host, int port, string name, ChatClientOptions options, ReconnectBackoff backoff, CancellationToken stopping)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await ChatClient.ConnectAsync(host, port, name, options, stopping);
        }
        catch (ChatRejectedException ex) when (ex.Reason is not (RejectReason.NameTaken or RejectReason.ServerFull))
        {
            throw;
        }
        catch (ChatException ex)
        {
            // Not found, refused, timed out, full, or the name taken by someone else for now: all pass.
            var delay = backoff.DelayBefore(attempt);
            Log($"{ex.Message} Joining again in {delay.TotalSeconds:0.#} s.");
            await Task.Delay(delay, stopping);
        }
    }
}

// Reads the room until the client stops for good; returns the message that ended it (a fatal
// ErrorMessage such as a kick), or null. Throws ChatException when the client gives up, and
// OperationCanceledException after leaving the room when stopped.
static async Task<ChatMessage?> ServeAsync(ChatClient client, Pacer pacer, CancellationToken stopping)
{
    // Answers wait in a short queue and go out at the pacer's rate. When commands come faster than
    // that, new ones are dropped (TryWrite fails on a full queue): a bot that falls ever further
    // behind helps nobody.
    var answers = Channel.CreateBounded<Answer>(16);
    using var sessionOver = new CancellationTokenSource();
    var sending = SendAnswersAsync(client, answers.Reader, pacer, sessionOver.Token);
    var hinted = new HashSet<string>(UserNameRules.Comparer); // Who was told "try !help" once already.
    ChatMessage? end = null;
    try
    {
        await foreach (var message in client.ReadMessagesAsync(stopping))
        {
            switch (message)
            {
                case TextPosted posted when !IsMe(client, posted.Author) && posted.Kind == TextKind.Plain:
                    if (AnswerTo(client, posted.Text, posted.Timestamp) is { } answer && !answers.Writer.TryWrite(new Answer(null, answer)))
                    {
                        Log($"Too many commands at once; not answering {posted.Author}.");
                    }

                    break;
                case PrivateMessage whisper when !IsMe(client, whisper.From) && whisper.Kind == TextKind.Plain:
                    // Only one hint per user: two bots that each answered anything would chat forever.
                    var reply = AnswerTo(client, whisper.Text, whisper.Timestamp)
                        ?? (hinted.Add(whisper.From) ? "I only understand commands; try !help" : null);
                    if (reply is not null && !answers.Writer.TryWrite(new Answer(whisper.From, reply)))
                    {
                        Log($"Too many commands at once; not answering {whisper.From}.");
                    }

                    break;
                case ErrorMessage { Code: ErrorCode.RateLimited, Fatal: false } error:
                    pacer.SlowDown();
                    Log($"{error.Text} Answering more slowly now.");
                    break;
                case ErrorMessage { Fatal: false } error:
                    Log($"The server says: {error.Text}");
                    break;
                case HistoryBatch { Lines.Count: > 0 } replayed:
                    // Lines said while the bot was away, replayed after a reconnect: not commands said now.
                    Log($"{replayed.Lines.Count} line(s) said while away in {replayed.Target}, replayed: not answered.");
                    break;
                case ServerShutdown shutdown:
                    Log($"Server shutdown: {shutdown.Text}");
                    break;
                case ErrorMessage { Fatal: true } error:
                    Log($"The server ended the session: {error.Text}");
                    end = message; // When it is the last (a kick), the stream ends next.
                    break;
                case Reconnecting reconnecting:
                    Log($"{reconnecting.Reason} Joining again in {reconnecting.Delay.TotalSeconds:0.#} s (attempt {reconnecting.Attempt}).");
                    break;
                case Reconnected reconnected:
                    end = null;
                    Log($"Joined {reconnected.Welcome.ServerName} again as {client.UserName}; {client.Users.Count} in the room.");
                    break;
            }
        }

        return end;
    }
    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
    {
        await client.LeaveAsync("EchoBot was stopped by its operator.", CancellationToken.None);
        throw;
    }
    finally
    {
        await sessionOver.CancelAsync();
        await sending;
    }
}

// The answer to one line, or null when the line is not a command this bot knows.
static string? AnswerTo(ChatClient client, string text, DateTime timestamp)
{
    var line = text.Trim();
    var split = line.IndexOf(' ', StringComparison.Ordinal);
    var command = (split < 0 ? line : line[..split]).ToUpperInvariant();
    var argument = split < 0 ? string.Empty : line[(split + 1)..].Trim();
    return command switch
    {
        "!ECHO" when argument.Length > 0 => argument,
        "!ECHO" => "Usage: !echo <text>",
        "!TIME" => $"It is {timestamp.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC.",
        "!WHO" => WhoIsHere(client.Users, client.Welcome.MaxTextLength),
        "!HELP" => "Commands: !echo <text> (says it back), !time (the server's time), !who (who is here), !help. Private messages work too.",
        _ => null,
    };
}

// "3 in the room: alice, bob, echo-bot", cut short to fit the server's longest line.
static string WhoIsHere(IReadOnlyList<string> users, int maxLength)
{
    var text = new StringBuilder($"{users.Count} in the room: ");
    for (var i = 0; i < users.Count; i++)
    {
        var more = $", and {users.Count - i} more";
        var next = (i == 0 ? string.Empty : ", ") + users[i];
        if (text.Length + next.Length + more.Length > maxLength)
        {
            return text.Append(more).ToString();
        }

        text.Append(next);
    }

    return text.ToString();
}

static bool IsMe(ChatClient client, string userName) => UserNameRules.Comparer.Equals(userName, client.UserName);

// Sends the queued answers one at a time, no faster than the pacer allows, until the bot stops.
static async Task SendAnswersAsync(ChatClient client, ChannelReader<Answer> answers, Pacer pacer, CancellationToken sessionOver)
{
    try
    {
        await foreach (var answer in answers.ReadAllAsync(sessionOver))
        {
            await pacer.WaitAsync(sessionOver);
            try
            {
                if (answer.To is null)
                {
                    await client.SendAsync(answer.Text, sessionOver);
                }
                else
                {
                    await client.SendPrivateAsync(answer.To, answer.Text, sessionOver);
                }
            }
            catch (ChatException ex)
            {
                Log($"Not answering: {ex.Message}"); // Reconnecting: the client says so at once rather than wait.
            }
        }
    }
    catch (OperationCanceledException)
    {
        // The bot is stopping.
    }
}

/// <summary>An answer to send: to the room, or privately to <see cref="To"/>.</summary>
internal sealed record Answer(string? To, string Text);
