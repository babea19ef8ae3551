using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Chat.Server;

/// <summary>
/// Listens to one <see cref="Meter"/>'s counters and up-down counters (of <see cref="long"/> or
/// <see cref="int"/>) and keeps their sums per set of tags, for <see cref="Snapshot"/> to show them
/// as Prometheus metrics: a counter as <c>counter</c> named <c>..._total</c>, an up-down counter as
/// <c>gauge</c>; the instrument's name loses a prefix (<c>chat.server.</c>) and gains another
/// (<c>chatroom_</c>), and its unit joins the name (<c>By</c> as <c>_bytes</c>, <c>s</c>
/// as <c>_seconds</c>; a unit in braces such as <c>{message}</c> is only a note, and is left out).
/// </summary>
internal sealed class MeterCollector : IDisposable
{
    private readonly Meter _meter;
    private readonly string _stripPrefix;
    private readonly string _namePrefix;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSums> _sums = new();

    /// <summary>Starts listening to <paramref name="meter"/>'s instruments, those made before and after.</summary>
    public MeterCollector(Meter meter, string stripPrefix, string namePrefix)
    {
        _meter = meter;
        _stripPrefix = stripPrefix;
        _namePrefix = namePrefix;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _meter) && IsSummed(instrument))
            {
                listener.EnableMeasurementEvents(instrument, _sums.GetOrAdd(instrument, static i => new InstrumentSums(i)));
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSums)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSums)state!).Add(value, tags));
        _listener.Start();
    }

    /// <summary>Every instrument's sums so far, by name.</summary>
    public IReadOnlyList<MetricFamily> Snapshot() =>
        [.. _sums.Values.OrderBy(static s => s.Instrument.Name, StringComparer.Ordinal).Select(ToFamily)];

    public void Dispose() => _listener.Dispose();

    /// <summary>The Prometheus name of an instrument: <c>chat.server.lines.posted</c> with unit <c>{line}</c> is <c>chatroom_lines_posted_total</c>.</summary>
    public string MetricName(Instrument instrument)
    {
        var name = instrument.Name.StartsWith(_stripPrefix, StringComparison.Ordinal) ? instrument.Name[_stripPrefix.Length..] : instrument.Name;
        var builder = new StringBuilder(PrometheusText.Name(_namePrefix + name));
        if (UnitWord(instrument.Unit) is { } unit && !builder.ToString().EndsWith("_" + unit, StringComparison.Ordinal))
        {
            builder.Append('_').Append(unit);
        }

        if (IsCounter(instrument))
        {
            builder.Append("_total");
        }

        return builder.ToString();
    }

    private static bool IsSummed(Instrument instrument) => instrument is Counter<long> or Counter<int> or UpDownCounter<long> or UpDownCounter<int>;

    private static bool IsCounter(Instrument instrument) => instrument is Counter<long> or Counter<int>;

    private static string? UnitWord(string? unit) => unit switch
    {
        null or "" or "1" => null,
        _ when unit.StartsWith('{') => null,
        "By" => "bytes",
        "s" => "seconds",
        "ms" => "milliseconds",
        _ => PrometheusText.Name(unit),
    };

    private MetricFamily ToFamily(InstrumentSums sums) => new(
        MetricName(sums.Instrument),
        sums.Instrument.Description ?? string.Empty,
        IsCounter(sums.Instrument) ? "counter" : "gauge",
        sums.Samples());

    /// <summary>One instrument's sums: without tags in one field (the hot path), with tags per set.</summary>
    private sealed class InstrumentSums(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, TaggedSum> _tagged = new(StringComparer.Ordinal);
        private long _untagged;

        public Instrument Instrument { get; } = instrument;

        public void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                Interlocked.Add(ref _untagged, value);
                return;
            }

            var labels = new KeyValuePair<string, string>[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                labels[i] = new(tags[i].Key, tags[i].Value?.ToString() ?? string.Empty);
            }

            Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var key = string.Join('\0', labels.Select(static l => l.Key + "\u0001" + l.Value));
            var sum = _tagged.GetOrAdd(key, static (_, l) => new TaggedSum(l), labels);
            Interlocked.Add(ref sum.Value, value);
        }

        /// <summary>The untagged sum (always shown, 0 before any measurement) unless the instrument is only ever tagged, then each tag set.</summary>
        public List<MetricSample> Samples()
        {
            var samples = new List<MetricSample>();
            var untagged = Interlocked.Read(ref _untagged);
            if (untagged != 0 || _tagged.IsEmpty)
            {
                samples.Add(new MetricSample([], untagged));
            }

            foreach (var pair in _tagged.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                samples.Add(new MetricSample(pair.Value.Labels, Interlocked.Read(ref pair.Value.Value)));
            }

            return samples;
        }
    }

    private sealed class TaggedSum(KeyValuePair<string, string>[] labels)
    {
        public long Value;

        public KeyValuePair<string, string>[] Labels { get; } = labels;
    }
}
