using Chat.Client.Tui.Settings;
using Chat.Client.Tui.ViewModels;

namespace Chat.Client.Tui.Tests.ViewModels;

/// <summary>Dates in the log: the "day changed" divider, and the date before the time of a line not from today.</summary>
public sealed class DayDividerTests
{
    private static readonly DateTime Evening = new(2026, 12, 1, 23, 59, 0, DateTimeKind.Local);

    private static LogLine At(DateTime time) => new(LogKind.Message, time, "bob", "hi");

    [Fact]
    public void TheDividerNamesTheDayInFull() =>
        Assert.Equal("── Wednesday 2 December 2026 ──", DayDivider.Text(Evening.AddMinutes(1)));

    [Fact]
    public void ADividerGoesOnlyBetweenLinesOfDifferentDays()
    {
        Assert.False(DayDivider.Between(null, At(Evening)));
        Assert.False(DayDivider.Between(At(Evening.AddHours(-23)), At(Evening)));
        Assert.True(DayDivider.Between(At(Evening), At(Evening.AddMinutes(1))));

        // Older lines loaded above a newer day: a divider too, whichever way the days go.
        Assert.True(DayDivider.Between(At(Evening.AddMinutes(1)), At(Evening)));
    }

    [Fact]
    public void ALineNotFromTodayShowsItsDateBeforeTheTime()
    {
        var today = new DateOnly(2026, 12, 2);
        Assert.Equal("00:00 <bob> hi", LineFormatter.Format(At(Evening.AddMinutes(1)), today: today).ToString());
        Assert.Equal("1 Dec 23:59 <bob> hi", LineFormatter.Format(At(Evening), today: today).ToString());
        Assert.Equal("1 Dec 23:59:00 <bob> hi", LineFormatter.Format(At(Evening), TimestampStyle.Seconds, today).ToString());
        Assert.Equal("31 Dec 2025 09:00 <bob> hi", LineFormatter.Format(At(new DateTime(2025, 12, 31, 9, 0, 0, DateTimeKind.Local)), today: today).ToString());
        Assert.Equal("<bob> hi", LineFormatter.Format(At(Evening), TimestampStyle.Off, today).ToString());
        Assert.Equal("23:59 <bob> hi", LineFormatter.Format(At(Evening)).ToString());
    }

    [Fact]
    public void ADividerLineHasNoTime() =>
        Assert.Equal("── beginning of #dev ──", LineFormatter.Format(new LogLine(LogKind.Divider, Evening, "", "── beginning of #dev ──"), today: new DateOnly(2026, 12, 2)).ToString());
}
