using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Chat.Server;

/// <summary>
/// Counts refusals, evictions and other ends that come in floods (handshake timeouts, frame
/// budgets) per address, and logs them as one summary line per address per interval
/// (<see cref="ChatServerOptions.AccessLogInterval"/>) instead of one line each: "127.0.0.2 in the
/// last 10 s: refused 3,762 connections (too many per address), evicted 41 that had not said hello".
/// Missing and wrong passwords are summed up the same way, once per address per
/// <see cref="ChatServerOptions.PasswordLogInterval"/>.
/// </summary>
/// <remarks>Thread-safe. <see cref="Flush"/> is called by the server's timer, and once more when it stops.</remarks>
internal sealed partial class AccessSummary
{
    /// <summary>The most addresses named in one interval; the rest are summed up in one more line.</summary>
    public const int MaxAddressesPerInterval = 20;

    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly ChatServerOptions _options;
    private readonly TimeProvider _time;
    private Dictionary<IPAddress, Tally> _tallies = [];
    private Dictionary<IPAddress, int> _badPasswords = [];
    private long _lastFlush;
    private long _lastPasswordFlush;
    private long _badPasswordTotal;

    /// <summary>Creates an empty summary.</summary>
    /// <param name="options">The intervals and the clock.</param>
    /// <param name="logger">Where the summaries go.</param>
    public AccessSummary(ChatServerOptions options, ILogger logger)
    {
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        _lastFlush = _lastPasswordFlush = _time.GetTimestamp();
    }

    /// <summary>How many missing or wrong passwords were given since the server started.</summary>
    public long BadPasswordTotal => Interlocked.Read(ref _badPasswordTotal);

    /// <summary>Counts a connection refused by <paramref name="kind"/>.</summary>
    public void Refused(IPAddress? address, RefusalKind kind) => Count(address, tally => tally.Refused[(int)kind]++);

    /// <summary>Counts a connection evicted, before its hello, to make room.</summary>
    public void Evicted(IPAddress? address) => Count(address, tally => tally.Evicted++);

    /// <summary>Counts a connection dropped for not saying hello in time.</summary>
    public void TimedOut(IPAddress? address) => Count(address, tally => tally.TimedOut++);

    /// <summary>Counts a connection dropped for going over its frame budget.</summary>
    public void OverFrameBudget(IPAddress? address) => Count(address, tally => tally.OverFrameBudget++);

    /// <summary>Counts a missing or wrong password.</summary>
    public void BadPassword(IPAddress address)
    {
        Interlocked.Increment(ref _badPasswordTotal);
        lock (_lock)
        {
            _badPasswords[address] = _badPasswords.GetValueOrDefault(address) + 1;
        }
    }

    /// <summary>Logs what was counted since the last summary, and the passwords when their interval is over.</summary>
    /// <param name="final">Whether the server is stopping: then everything is logged, whatever the intervals.</param>
    public void Flush(bool final = false)
    {
        Dictionary<IPAddress, Tally> tallies;
        Dictionary<IPAddress, int>? passwords = null;
        TimeSpan interval, passwordInterval = default;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            interval = _time.GetElapsedTime(_lastFlush, now);
            _lastFlush = now;
            tallies = _tallies;
            _tallies = [];
            var sincePasswords = _time.GetElapsedTime(_lastPasswordFlush, now);
            if (final || sincePasswords >= _options.PasswordLogInterval)
            {
                passwords = _badPasswords;
                passwordInterval = sincePasswords;
                _badPasswords = [];
                _lastPasswordFlush = now;
            }
        }

        LogTallies(tallies, interval);
        if (passwords is not null)
        {
            foreach (var (address, count) in passwords)
            {
                LogBadPasswords(_logger, count, address, Seconds(passwordInterval));
            }
        }
    }

    private void Count(IPAddress? address, Action<Tally> count)
    {
        var key = address ?? IPAddress.None;
        lock (_lock)
        {
            if (!_tallies.TryGetValue(key, out var tally))
            {
                _tallies[key] = tally = new Tally();
            }

            count(tally);
        }
    }

    private void LogTallies(Dictionary<IPAddress, Tally> tallies, TimeSpan interval)
    {
        if (tallies.Count == 0 || !_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        var seconds = Seconds(interval);
        var ordered = tallies.OrderByDescending(static pair => pair.Value.Total).ToList();
        foreach (var (address, tally) in ordered.Take(MaxAddressesPerInterval))
        {
            LogSummary(_logger, address, seconds, tally.Describe());
        }

        if (ordered.Count > MaxAddressesPerInterval)
        {
            var rest = new Tally();
            foreach (var (_, tally) in ordered.Skip(MaxAddressesPerInterval))
            {
                rest.Add(tally);
            }

            LogOthers(_logger, ordered.Count - MaxAddressesPerInterval, seconds, rest.Describe());
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 1);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "{Address} in the last {Seconds} s: {Summary}")]
    private static partial void LogSummary(ILogger logger, IPAddress address, double seconds, string summary);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "{Count} more addresses in the last {Seconds} s: {Summary}")]
    private static partial void LogOthers(ILogger logger, int count, double seconds, string summary);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "No password or a wrong one from {Address} in the last {Seconds} s: {Count} times")]
    private static partial void LogBadPasswords(ILogger logger, int count, IPAddress address, double seconds);

    /// <summary>What one address did in one interval.</summary>
    private sealed class Tally
    {
        public int[] Refused { get; } = new int[Enum.GetValues<RefusalKind>().Length];

        public int Evicted { get; set; }

        public int TimedOut { get; set; }

        public int OverFrameBudget { get; set; }

        public long Total => Refused.Sum() + Evicted + TimedOut + OverFrameBudget;

        public void Add(Tally other)
        {
            for (var i = 0; i < Refused.Length; i++)
            {
                Refused[i] += other.Refused[i];
            }

            Evicted += other.Evicted;
            TimedOut += other.TimedOut;
            OverFrameBudget += other.OverFrameBudget;
        }

        /// <summary>"refused 3,762 connections (3,700 too many per address, 62 too many new ones), evicted 41 that had not said hello".</summary>
        public string Describe()
        {
            var parts = new List<string>();
            var refused = Refused.Sum();
            if (refused > 0)
            {
                var kinds = Enum.GetValues<RefusalKind>().Where(kind => Refused[(int)kind] > 0).ToList();
                var detail = kinds.Count == 1
                    ? kinds[0].ToLogText()
                    : string.Join(", ", kinds.Select(kind => $"{N(Refused[(int)kind])} {kind.ToLogText()}"));
                parts.Add($"refused {N(refused)} {Plural(refused, "connection")} ({detail})");
            }

            if (Evicted > 0)
            {
                parts.Add($"evicted {N(Evicted)} that had not said hello, to make room");
            }

            if (TimedOut > 0)
            {
                parts.Add($"dropped {N(TimedOut)} that did not say hello in time");
            }

            if (OverFrameBudget > 0)
            {
                parts.Add($"disconnected {N(OverFrameBudget)} over the frame budget");
            }

            var text = new StringBuilder();
            for (var i = 0; i < parts.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : i == parts.Count - 1 ? " and " : ", ").Append(parts[i]);
            }

            return text.ToString();
        }

        private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static string Plural(long count, string word) => count == 1 ? word : word + "s";
    }
}
