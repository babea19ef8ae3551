// LineClient: ChatRoom for scripts and pipes.
//
// It joins a room, sends each line of standard input, and prints every event from the room as
// one line on standard output: plain text, or with --json one JSON object per line. Its exit code
// tells a script how the session ended. When standard input ends, it waits until the server has
// echoed (or refused) every line it sent, so that
//
//     printf 'hi\nbye\n' | LineClient --name bot
//
// always shows "<bot> hi" and "<bot> bye" before it leaves.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Protocol;

const string Usage = """
    Usage: LineClient --name <name> [--host <host>] [--port <port>] [--json] [--wait <seconds>] [--linger <seconds>]

    Joins a ChatRoom, sends each line of standard input, and prints every event as one line.

      --name <name>       the name to join under (required)
      --host <host>       the server (default 127.0.0.1)
      --port <port>       its port (default 5000)
      --json              print one JSON object per event, with a "type" field, instead of text
      --wait <seconds>    after standard input ends, how long to wait at most for the server to
                          echo the lines sent (default 10)
      --linger <seconds>  then keep printing for this long before leaving, to see the answers
                          (default 0)
      -h, --help          this help

    Input lines: text is said in the room; "/me <action>" is an action; "/msg <name> <text>" is
    private; "//text" says "/text". Blank lines are skipped. Lines are paced below the server's
    rate limit, so a long file is sent at a few lines a second rather than getting you kicked.

    Exit codes:
      0  standard input ended (or Ctrl+C, SIGTERM) and the client left the room
      1  any other failure
      2  bad usage
      3  the server could not be reached: nothing listens there, unknown host, or no answer
      4  the server refused to let you in: the name is taken, reserved or invalid, or the room is full
      5  the connection was lost (the server crashed or went silent, or the network failed)
      6  the server ended the session: it shut down, or closed the session (kicked, too slow, ...)
    """;

// --- The command line ------------------------------------------------------------------------
string? name = null;
var host = "127.0.0.1";
var port = ProtocolInfo.DefaultPort;
var json = false;
var wait = TimeSpan.FromSeconds(10);
var linger = TimeSpan.Zero;
for (var i = 0; i < args.Length; i++)
{
    var option = args[i];
    switch (option)
    {
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return (int)ExitCode.Ok;
        case "--json":
            json = true;
            continue;
    }

    var value = i + 1 < args.Length ? args[++i] : null;
    switch (option)
    {
        case "--name" when value is not null:
            name = value; // The rules for names are checked when joining: a bad one exits with 4.
            break;
        case "--host" when !string.IsNullOrWhiteSpace(value):
            host = value;
            break;
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535:
            break;
        case "--wait" when TryParseSeconds(value, out wait):
        case "--linger" when TryParseSeconds(value, out linger):
            break;
        default:
            return BadUsage($"{option} {value} is not a valid option");
    }
}

if (name is null)
{
    return BadUsage("--name is required");
}

// --- Ctrl+C and SIGTERM end the input: the client leaves the room politely --------------------
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

// --- Join ------------------------------------------------------------------------------------
ChatClient client;
try
{
    client = await ChatClient.ConnectAsync(host, port, name, ChatClientOptions.Default with { ClientName = "LineClient" }, stopping.Token);
}
catch (ChatRejectedException ex)
{
    return Fail(ExitCode.Rejected, ex.Message);
}
catch (ChatException ex) when (ex is ChatConnectionRefusedException or ChatHostNotFoundException or ChatTimeoutException)
{
    return Fail(ExitCode.Unreachable, ex.Message);
}
catch (ChatException ex)
{
    return Fail(ExitCode.Failed, ex.Message);
}
catch (OperationCanceledException)
{
    return (int)ExitCode.Ok;
}

// --- Print the room while sending standard input -----------------------------------------------
await using (client)
{
    var output = new EventWriter(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true }, json);
    var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
    var echoes = new EchoCounter(client.UserName);
    var pacer = new Pacer(perSecond: 4, burst: 20);
    output.Write(client.Welcome);
    var printing = PrintEventsAsync(client, output, echoes, pacer);
    var sending = Task.Run(() => SendInputAsync(client, input, echoes, pacer, stopping.Token));
    await Task.WhenAny(printing, sending, Task.Delay(Timeout.Infinite, stopping.Token));

    if (sending.Exception?.InnerException is { } failure)
    {
        if (failure is ChatException)
        {
            return (int)await printing; // The connection is gone; the message stream says how it ended.
        }

        Report($"cannot read standard input: {failure.Message}");
        await client.LeaveAsync(cancellationToken: CancellationToken.None);
        return (int)ExitCode.Failed;
    }

    if (sending.IsCompletedSuccessfully && !printing.IsCompleted)
    {
        // Standard input ended. Lines sent just before may not have come back yet: wait for them,
        // then linger if asked, printing all the while.
        echoes.InputEnded();
        await Task.WhenAny(echoes.AllAnswered, printing, Task.Delay(wait, stopping.Token));
        if (!echoes.AllAnswered.IsCompleted && !printing.IsCompleted && !stopping.IsCancellationRequested)
        {
            Report($"{echoes.Unanswered} line(s) sent were not echoed by the server within {wait.TotalSeconds:0.#} s.");
        }

        await Task.WhenAny(printing, Task.Delay(linger, stopping.Token));
    }

    if (!printing.IsCompleted)
    {
        await client.LeaveAsync(cancellationToken: CancellationToken.None);
    }

    return (int)await printing;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // Not the default hard exit: leave the room first.
    stopping.Cancel();
}

static bool TryParseSeconds(string? value, out TimeSpan span)
{
    var valid = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 86_400;
    span = valid ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
    return valid;
}

static int BadUsage(string problem)
{
    Report($"{problem}.{Environment.NewLine}{Environment.NewLine}{Usage}");
    return (int)ExitCode.Usage;
}

static int Fail(ExitCode code, string message)
{
    Report(message);
    return (int)code;
}

static void Report(string message) => Console.Error.WriteLine($"LineClient: {message}");

// Prints every event until the session ends, and says how it ended.
static async Task<ExitCode> PrintEventsAsync(ChatClient client, EventWriter output, EchoCounter echoes, Pacer pacer)
{
    var ending = ExitCode.Ok;
    try
    {
        await foreach (var message in client.ReadMessagesAsync())
        {
            output.Write(message);
            echoes.Observe(message);
            switch (message)
            {
                case ErrorMessage { Code: ErrorCode.RateLimited, Fatal: false }:
                    pacer.SlowDown();
                    break;
                case ServerShutdown or ErrorMessage { Fatal: true }:
                    ending = ExitCode.EndedByServer; // The server closes the connection next.
                    break;
            }
        }

        return ending;
    }
    catch (ChatException ex)
    {
        Report(ex.Message);
        return ExitCode.ConnectionLost;
    }
    catch (IOException ex)
    {
        Report($"cannot write to standard output: {ex.Message}");
        return ExitCode.Failed;
    }
}

// Sends each line of standard input until it ends.
static async Task SendInputAsync(ChatClient client, TextReader input, EchoCounter echoes, Pacer pacer, CancellationToken stopping)
{
    while (await input.ReadLineAsync(stopping) is { } line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            continue; // The server would refuse it: there is nothing to say.
        }

        var words = line.Split(' ', 3);
        Func<Task> send;
        switch (words[0])
        {
            case "/me" when words.Length > 1:
                send = () => client.SendActionAsync(line[4..], stopping).AsTask();
                break;
            case "/msg" when words.Length == 3:
                send = () => client.SendPrivateAsync(words[1], words[2], stopping).AsTask();
                break;
            case "/me" or "/msg":
                Report($"not sent; use \"/me <action>\" or \"/msg <name> <text>\": {line}");
                continue;
            case ['/', '/', ..]:
                send = () => client.SendAsync(line[1..], stopping).AsTask();
                break;
            case ['/', ..]:
                Report($"not sent; unknown command {words[0]} (write //text to say a line that starts with /)");
                continue;
            default:
                send = () => client.SendAsync(line, stopping).AsTask();
                break;
        }

        await pacer.WaitAsync(stopping);
        echoes.Sent();
        await send();
    }
}

/// <summary>How the client ended; the process's exit code.</summary>
internal enum ExitCode
{
    Ok = 0,
    Failed = 1,
    Usage = 2,
    Unreachable = 3,
    Rejected = 4,
    ConnectionLost = 5,
    EndedByServer = 6,
}

/// <summary>
/// Writes one line per event: text for people, or JSON for programs. The JSON object has a
/// "type" (the message's name in camelCase: "textPosted", "usersJoined", ...) followed by the
/// message's fields in camelCase, enums as camelCase strings, times as ISO 8601 UTC.
/// </summary>
internal sealed class EventWriter(TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Not for HTML: keeps "é" and "<" readable.
    };

    // Who is present, for the text output: the server may batch joins, and a batch may repeat
    // names a client already knows (its own, from its welcome); the text shows only the news.
    private readonly HashSet<string> _present = new(UserNameRules.Comparer);

    public void Write(ChatMessage message)
    {
        if (json)
        {
            output.WriteLine(ToJson(message));
        }
        else if (ToText(message) is { } text)
        {
            output.WriteLine(text);
        }
    }

    private static string ToJson(ChatMessage message)
    {
        var fields = JsonSerializer.SerializeToNode(message, message.GetType(), s_json)!.AsObject();
        fields.Insert(0, "type", JsonNamingPolicy.CamelCase.ConvertName(message.GetType().Name));
        return fields.ToJsonString(s_json);
    }

    private string? ToText(ChatMessage message)
    {
        switch (message)
        {
            case Welcome welcome:
                _present.UnionWith(welcome.Users);
                break;
            case UsersJoined joined:
                var news = joined.UserNames.Where(_present.Add).ToList();
                if (news.Count == 0)
                {
                    return null;
                }

                return Clean($"--> {string.Join(", ", news)} joined");
            case UsersLeft left:
                _present.ExceptWith(left.Departures.Select(d => d.UserName));
                break;
        }

        return Clean(message switch
        {
            Welcome welcome => $"*** Joined {welcome.ServerName} as {welcome.UserName}; in the room: {string.Join(", ", welcome.Users)}."
                + (welcome.MessageOfTheDay.Length > 0 ? $" {welcome.MessageOfTheDay}" : string.Empty),
            TextPosted { Kind: TextKind.Action } posted => $"* {posted.Author} {posted.Text}",
            TextPosted posted => $"<{posted.Author}> {posted.Text}",
            PrivateMessage { Kind: TextKind.Action } whisper => $"[private {whisper.From} -> {whisper.To}] * {whisper.From} {whisper.Text}",
            PrivateMessage whisper => $"[private {whisper.From} -> {whisper.To}] <{whisper.From}> {whisper.Text}",
            UsersLeft left => "<-- " + string.Join("; ", left.Departures.Select(d =>
                $"{d.UserName} left ({JsonNamingPolicy.CamelCase.ConvertName(d.Reason.ToString())}{(d.Text.Length > 0 ? ": " + d.Text : string.Empty)})")),
            ServerNotice notice => $"-!- {notice.Text}",
            ErrorMessage error => $"!!! {error.Text}",
            ServerShutdown shutdown => $"*** The server is shutting down: {shutdown.Text}",
            _ => $"*** {message.GetType().Name}",
        });
    }

    // One event, one line: nothing the server sends may move the cursor or start a new line.
    private static string Clean(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '\uFFFD' : c));
}

/// <summary>
/// Counts the lines this client sent and the server's answers to them: each comes back as its own
/// TextPosted or PrivateMessage, or is refused with an ErrorMessage.
/// </summary>
internal sealed class EchoCounter(string userName)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _allAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sent;
    private int _answered;
    private bool _inputEnded;

    /// <summary>Completes once the input has ended and every line sent has been answered.</summary>
    public Task AllAnswered => _allAnswered.Task;

    public int Unanswered
    {
        get
        {
            lock (_lock)
            {
                return _sent - _answered;
            }
        }
    }

    public void Sent()
    {
        lock (_lock)
        {
            _sent++;
        }
    }

    public void Observe(ChatMessage message)
    {
        var answer = message switch
        {
            TextPosted posted => UserNameRules.Comparer.Equals(posted.Author, userName),
            PrivateMessage whisper => UserNameRules.Comparer.Equals(whisper.From, userName),
            ErrorMessage error => !error.Fatal,
            _ => false,
        };
        if (answer)
        {
            lock (_lock)
            {
                _answered++;
                CheckAllAnswered();
            }
        }
    }

    public void InputEnded()
    {
        lock (_lock)
        {
            _inputEnded = true;
            CheckAllAnswered();
        }
    }

    private void CheckAllAnswered()
    {
        if (_inputEnded && _answered >= _sent)
        {
            _allAnswered.TrySetResult();
        }
    }
}

