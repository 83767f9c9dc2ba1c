namespace OpenDay.Events.Domain;

/// <summary>
/// The holidays every year's calendar must hold (《全国年节及纪念日放假办法》, 全体公民放假的节日): a year entered without
/// them would turn every holiday into a working day and every deadline of that year early.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The seven festivals, as the State Council's schedules name them.</summary>
    public static readonly IReadOnlyList<string> Festivals = ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"];

    /// <summary>Days off by law: 11 until 2024, 13 from 2025 (春节 gained 除夕, 劳动节 a second day).</summary>
    public static int DaysOff(int year) => year >= 2025 ? 13 : 11;

    /// <summary>Why these days cannot be a year's calendar; null when they can.</summary>
    public static string? Problem(int year, IReadOnlyCollection<CalendarDay> days)
    {
        var holidays = days.Where(d => d.Kind == CalendarDayKind.Holiday).ToList();
        var missing = Festivals.Where(f => !holidays.Any(d => d.Name.Contains(f, StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            return $"{year} 年的日历缺少法定节假日：{string.Join("、", missing)}。The {year} calendar must hold every statutory holiday; " +
                   $"none is named {string.Join(", ", missing)}.";
        }
        return holidays.Count < DaysOff(year)
            ? $"{year} 年的日历只有 {holidays.Count} 天假日，少于法定的 {DaysOff(year)} 天。The {year} calendar lists {holidays.Count} days off; " +
              $"the law gives at least {DaysOff(year)}."
            : null;
    }
}
