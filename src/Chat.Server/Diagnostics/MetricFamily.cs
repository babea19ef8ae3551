namespace Chat.Server;

/// <summary>One metric as Prometheus shows it: its name, help, type, and a value per set of labels.</summary>
/// <param name="Name">The metric's name, already in Prometheus form (<c>chatroom_deliveries_total</c>).</param>
/// <param name="Help">What it counts, one line.</param>
/// <param name="Type">The Prometheus type: <c>counter</c> or <c>gauge</c>.</param>
/// <param name="Samples">The values, each with its labels (none for a metric without tags).</param>
internal sealed record MetricFamily(string Name, string Help, string Type, IReadOnlyList<MetricSample> Samples);

/// <summary>One value of a <see cref="MetricFamily"/>.</summary>
/// <param name="Labels">The labels, as name and value (not yet escaped), in the order written.</param>
/// <param name="Value">The value.</param>
internal sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, long Value);
