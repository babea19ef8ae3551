using System.Runtime.InteropServices;
using Chat.Protocol;
using Chat.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Chat.Server;

/// <summary>
/// Runs a <see cref="ChatServer"/> as a program: logs to standard error, announces the address on
/// standard output, takes operator commands from standard input and from the console socket
/// (<see cref="ConsoleSocketListener"/>), and shuts down cleanly on <c>close</c>, SIGINT or SIGTERM.
/// </summary>
internal static partial class ServerHost
{
    /// <summary>Runs the server until it is closed or the process is told to stop.</summary>
    /// <param name="options">The server's settings.</param>
    /// <param name="logLevel">The least important log level written.</param>
    /// <param name="output">Standard output: the listening line and the answers to operator commands.</param>
    /// <param name="error">Standard error: the logs and a startup failure.</param>
    /// <param name="input">Standard input: operator commands. Its end does not stop the server.</param>
    /// <param name="cancellationToken">Stops the server as SIGINT or SIGTERM do (which it handles itself).</param>
    /// <returns>0 after a clean shutdown; 1 when the server could not start listening (or make its console socket).</returns>
    public static async Task<int> RunAsync(
        ChatServerOptions options,
        LogLevel logLevel,
        TextWriter output,
        TextWriter error,
        TextReader input,
        CancellationToken cancellationToken = default)
    {
        using var loggerFactory = CreateLoggerFactory(logLevel);
        var logger = loggerFactory.CreateLogger("Chat.Server.Console");
        await using var server = new ChatServer(options, loggerFactory);

        // SIGHUP reloads the certificate, and never stops the server (as it would by default).
        // Registered before the server listens: a signal sent once the listening line is out must find it.
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            server.ReloadCertificate();
        });
        // SIGINT and SIGTERM stop the server cleanly. Handled here rather than by the command line's
        // own handler, which ended the process with 143 when a signal came just after the server listened.
        using var signalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal);
        void StopOnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            signalled.Cancel();
        }

        // The console socket first: a second server on the same data folder stops here, before it listens.
        ConsoleSocketListener? consoleSocket;
        try
        {
            consoleSocket = options.ConsoleSocket is { } socketPath
                ? ConsoleSocketListener.Bind(socketPath, loggerFactory.CreateLogger<ConsoleSocketListener>())
                : null;
        }
        catch (ConsoleSocketException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        await using var consoleSocketScope = consoleSocket; // removed once the server has stopped, before it is disposed
        // The paths every user takes are compiled before the first user arrives, not on their time.
        await ServerWarmUp.RunAsync();
        System.Net.IPEndPoint endPoint;
        try
        {
            endPoint = server.Start();
        }
        catch (ChatException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        // The contract with scripts and tests: one line, as soon as the server listens.
        await output.WriteLineAsync(ListeningLine.Format(ProductVersion.Text, endPoint));
        await output.FlushAsync(cancellationToken);

        // Under systemd (Type=notify): the service is up only now that the port is bound.
        var notifier = SystemdNotifier.FromEnvironment(logger);
        notifier?.Ready(endPoint);

        // The service manager hears that the server stops as soon as it begins to, however it was
        // asked to (a signal, or close from a console), not once it has stopped.
        server.Stopping += (_, _) => notifier?.Stopping();
        consoleSocket?.Start(server);
        StartOperatorConsole(new OperatorConsole(server, output, OperatorConsole.StandardInputActor), input, logger);
        try
        {
            await server.Completion.WaitAsync(signalled.Token);
        }
        catch (OperationCanceledException)
        {
            LogSignal(logger);
            await server.StopAsync();
        }

        return 0;
    }

    /// <summary>
    /// Logs go to standard error, one line each. The console logger writes from a queue of its own;
    /// when a slow terminal lets that queue fill (a crowd joining at once), entries are dropped
    /// rather than making sessions wait for the terminal.
    /// </summary>
    private static ILoggerFactory CreateLoggerFactory(LogLevel level) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(level)
        .AddSimpleConsole(format =>
        {
            format.SingleLine = true;
            format.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        })
        .AddConsole(console =>
        {
            console.LogToStandardErrorThreshold = LogLevel.Trace;
            console.MaxQueueLength = 10_000;
            console.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
        }));

    /// <summary>
    /// Reads operator commands on a thread of their own: reading standard input blocks, and a
    /// server without a terminal (a service, <c>nohup</c>, <c>&lt; /dev/null</c>) just keeps running.
    /// </summary>
    private static void StartOperatorConsole(OperatorConsole console, TextReader input, ILogger logger)
    {
        if (!Console.IsInputRedirected && ReferenceEquals(input, Console.In))
        {
            LogConsoleReady(logger);
        }

        var thread = new Thread(() => ReadCommands(console, input, logger))
        {
            IsBackground = true,
            Name = "Operator console",
        };
        thread.Start();
    }

    private static void ReadCommands(OperatorConsole console, TextReader input, ILogger logger)
    {
        try
        {
            while (input.ReadLine() is { } line)
            {
                if (console.ExecuteAsync(line).GetAwaiter().GetResult())
                {
                    return;
                }
            }

            LogInputEnded(logger);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            LogInputFailed(logger, ex switch
            {
                UnauthorizedAccessException => "permission denied",
                ObjectDisposedException => "it was closed",
                _ => "reading failed",
            });
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Type help for the operator commands")]
    private static partial void LogConsoleReady(ILogger logger);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Standard input ended; the server keeps running (stop it with SIGTERM or Ctrl+C)")]
    private static partial void LogInputEnded(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Standard input cannot be read ({Reason}); the server keeps running without operator commands")]
    private static partial void LogInputFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Asked to stop by a signal")]
    private static partial void LogSignal(ILogger logger);
}
