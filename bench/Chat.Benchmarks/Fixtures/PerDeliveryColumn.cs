using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Chat.Benchmarks.Fixtures;

/// <summary>
/// Divides a broadcast benchmark's time or allocation per operation by its deliveries per
/// operation (the product of its <c>Connections</c> and <c>Batch</c> parameters), since
/// BenchmarkDotNet's OperationsPerInvoke cannot depend on parameters.
/// </summary>
internal sealed class PerDeliveryColumn(bool allocation) : IColumn
{
    public string Id => allocation ? "AllocatedPerDelivery" : "TimePerDelivery";

    public string ColumnName => allocation ? "Alloc/delivery" : "Time/delivery";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => allocation ? UnitType.Size : UnitType.Time;

    public string Legend => allocation
        ? "Bytes allocated per delivery (one line reaching one connection)"
        : "Mean time per delivery (one line reaching one connection)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var deliveries = Deliveries(benchmarkCase);
        if (report is null || deliveries == 0)
        {
            return "-";
        }

        if (allocation)
        {
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? (b / (double)deliveries).ToString("0.##", CultureInfo.InvariantCulture) + " B" : "-";
        }

        return report.ResultStatistics is { } statistics
            ? (statistics.Mean / deliveries).ToString("0.0", CultureInfo.InvariantCulture) + " ns"
            : "-";
    }

    private static long Deliveries(BenchmarkCase benchmarkCase)
    {
        long product = 1;
        foreach (var name in new[] { "Connections", "Batch" })
        {
            if (benchmarkCase.Parameters[name] is int value)
            {
                product *= value;
            }
        }

        return product;
    }

    /// <summary>Adds both columns to a benchmark class: <c>[Config(typeof(PerDeliveryColumn.Config))]</c>.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new PerDeliveryColumn(allocation: false), new PerDeliveryColumn(allocation: true));
    }
}
