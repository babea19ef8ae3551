using System.Diagnostics;
using System.Globalization;
using Chat.Protocol;
using Chat.Server;
using Microsoft.Data.Sqlite;

// The SQLite history on its own: lines appended through SqliteRoomLogStore (group commit, WAL,
// synchronous=FULL, the FTS5 index filled in bulk behind the commits), as the rooms of a busy server append them.
// "many in flight": --in-flight appends outstanding at once over --rooms rooms, the way many
// rooms' members post at once; the store commits whatever is queued, up to 1,000 lines, whenever
// its writer is free.
// "one in flight": each append waits for the one before it to commit, so every line is a
// transaction of its own: the latency of one commit (an fsync) bounds it.
// Each run uses a fresh file in a temporary folder; --runs runs, and the median of each figure.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"history bench: {options.Lines:N0} lines over {options.Rooms} rooms with {options.InFlight:N0} in flight, then {options.SingleLines:N0} lines one at a time; {options.Runs} runs; {options.TextLength}-character lines{(options.Budget is { } b ? $"; at most {b.TotalSeconds:0.#} s per phase" : string.Empty)}"));
var many = new List<double>();
var single = new List<double>();
var singleP50 = new List<double>();
var singleP99 = new List<double>();
for (var run = 1; run <= options.Runs; run++)
{
    var folder = Path.Combine(options.Folder, $"history-bench-{Environment.ProcessId}-{run}");
    try
    {
        var manyResult = await Phases.ManyInFlightAsync(folder, options);
        var singleResult = await Phases.OneInFlightAsync(folder, options);
        many.Add(manyResult.RowsPerSecond);
        single.Add(singleResult.RowsPerSecond);
        singleP50.Add(singleResult.P50Ms);
        singleP99.Add(singleResult.P99Ms);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"run {run}: many in flight {manyResult.Rows:N0} rows in {manyResult.Seconds:0.00} s = {manyResult.RowsPerSecond:N0} rows/s, all in the search index at {manyResult.IndexedSeconds:0.00} s; one in flight {singleResult.Rows:N0} rows in {singleResult.Seconds:0.00} s = {singleResult.RowsPerSecond:N0} rows/s (commit p50 {singleResult.P50Ms:0.00} ms, p99 {singleResult.P99Ms:0.00} ms); file {manyResult.FileMiB:0.0} MiB"));
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"median of {options.Runs}: many in flight {Median(many):N0} rows/s; one in flight {Median(single):N0} rows/s (commit p50 {Median(singleP50):0.00} ms, p99 {Median(singleP99):0.00} ms)"));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>The two measurements.</summary>
internal static class Phases
{
    public static async Task<PhaseResult> ManyInFlightAsync(string folder, BenchOptions options)
    {
        await using var store = new SqliteRoomLogStore(folder, 50, TimeProvider.System, indexBatch: options.IndexBatch);
        var logs = new IRoomLog[options.Rooms];
        for (var r = 0; r < logs.Length; r++)
        {
            logs[r] = await store.OpenAsync($"#room{r}");
        }

        var texts = Texts.Make(4096, options.TextLength, seed: 1);
        using var window = new SemaphoreSlim(options.InFlight);
        var clock = Stopwatch.StartNew();
        var rows = 0;
        var appends = new Task[options.Lines];
        for (var i = 0; i < options.Lines; i++)
        {
            if (options.Budget is { } budget && clock.Elapsed > budget)
            {
                break;
            }

            await window.WaitAsync();
            appends[i] = AppendAsync(logs[i % logs.Length], texts[i % texts.Length], window);
            rows++;
        }

        await Task.WhenAll(appends.Take(rows));
        var seconds = clock.Elapsed.TotalSeconds;

        // The search index trails the commits by up to --index-batch lines: the time until it has them all.
        await store.IndexNowAsync();
        var indexedSeconds = clock.Elapsed.TotalSeconds;
        foreach (var log in logs)
        {
            await log.DisposeAsync();
        }

        var bytes = Directory.GetFiles(folder).Sum(file => new FileInfo(file).Length);
        return new PhaseResult(rows, seconds, rows / seconds, 0, 0, bytes / 1024.0 / 1024.0) { IndexedSeconds = indexedSeconds };
    }

    public static async Task<PhaseResult> OneInFlightAsync(string folder, BenchOptions options)
    {
        await using var store = new SqliteRoomLogStore(folder, 50, TimeProvider.System, indexBatch: options.IndexBatch);
        await using var log = await store.OpenAsync("#single");
        var texts = Texts.Make(1024, options.TextLength, seed: 2);
        var latencies = new List<double>(options.SingleLines);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.SingleLines; i++)
        {
            if (options.Budget is { } budget && clock.Elapsed > budget)
            {
                break;
            }

            var started = Stopwatch.GetTimestamp();
            await log.AppendAsync(new LineDraft("bench", texts[i % texts.Length], TextKind.Plain));
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        return new PhaseResult(
            latencies.Count,
            seconds,
            latencies.Count / seconds,
            latencies[latencies.Count / 2],
            latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))],
            0);
    }

    private static async Task AppendAsync(IRoomLog log, string text, SemaphoreSlim window)
    {
        try
        {
            await log.AppendAsync(new LineDraft("bench", text, TextKind.Plain));
        }
        finally
        {
            window.Release();
        }
    }
}

/// <summary>Lines of words, as people write them: a vocabulary of a few thousand words, some common, most rare, so the full-text index sees many terms.</summary>
internal static class Texts
{
    public static string[] Make(int count, int length, int seed)
    {
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 5000).Select(_ => Word(random)).ToArray();
        var texts = new string[count];
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            line.Clear();
            while (line.Length < length)
            {
                // Squaring skews the choice towards the first words: a few are common, most are rare.
                var pick = random.NextDouble();
                line.Append(vocabulary[(int)(pick * pick * vocabulary.Length)]).Append(' ');
            }

            texts[i] = line.ToString(0, length).TrimEnd();
        }

        return texts;
    }

    private static string Word(Random random)
    {
        var letters = new char[random.Next(2, 10)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('a' + random.Next(26));
        }

        return new string(letters);
    }
}

/// <summary>What one phase measured.</summary>
internal sealed record PhaseResult(int Rows, double Seconds, double RowsPerSecond, double P50Ms, double P99Ms, double FileMiB)
{
    /// <summary>Seconds from the start until the search index held every line.</summary>
    public double IndexedSeconds { get; init; }
}

/// <summary>The command line.</summary>
internal sealed record BenchOptions(int Lines, int Rooms, int InFlight, int SingleLines, int Runs, int TextLength, TimeSpan? Budget, string Folder, int IndexBatch)
{
    public const string Usage = """
        Chat.HistoryBench [--lines N] [--rooms N] [--in-flight N] [--single-lines N] [--runs N] [--text-length N] [--seconds S] [--folder DIR]
          --lines         lines appended with many in flight (default 200000)
          --rooms         rooms they are spread over (default 10)
          --in-flight     appends outstanding at once (default 5000)
          --single-lines  lines appended one at a time, each waiting for its commit (default 1000)
          --runs          runs, each on a fresh file; medians are printed (default 3)
          --text-length   characters per line (default 60)
          --seconds       stop each phase after this long (a fixed budget, for CI)
          --folder        where the temporary files go (default the system's temporary folder)
          --index-batch   committed lines the search index may trail by before the writer indexes them between commits (default 5000)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(200_000, 10, 5000, 1000, 3, 60, null, Path.GetTempPath(), SqliteRoomLogStore.DefaultIndexBatch);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }

            int Number() => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException(args[i]);
            try
            {
                options = args[i] switch
                {
                    "--lines" => options with { Lines = Number() },
                    "--rooms" => options with { Rooms = Number() },
                    "--in-flight" => options with { InFlight = Number() },
                    "--single-lines" => options with { SingleLines = Number() },
                    "--runs" => options with { Runs = Number() },
                    "--text-length" => options with { TextLength = Number() },
                    "--seconds" => options with { Budget = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--folder" => options with { Folder = value },
                    "--index-batch" => options with { IndexBatch = Number() },
                    _ => throw new FormatException(args[i]),
                };
            }
            catch (FormatException)
            {
                return null;
            }

            i++;
        }

        return options;
    }
}
