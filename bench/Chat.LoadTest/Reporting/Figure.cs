namespace Chat.LoadTest.Reporting;

/// <summary>One number of a run's report that the summary of several runs takes the median of.</summary>
/// <param name="Name">What it is, as the summary prints it.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">How to print it.</param>
internal sealed record Figure(string Name, double Value, FigureUnit Unit);

/// <summary>How a <see cref="Figure"/> is printed.</summary>
internal enum FigureUnit
{
    Count,
    Seconds,
    Milliseconds,
    PerSecond,
    Bytes,
    Microseconds,

    /// <summary>How many times another figure: "65.2×".</summary>
    Ratio,
}
