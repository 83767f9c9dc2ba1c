namespace OpenDay.Events.Domain;

/// <summary>What a calendar day is, beyond Monday–Friday: a statutory holiday (法定节假日) or a make-up working day (调休上班).</summary>
public enum CalendarDayKind
{
    Holiday = 1,
    MakeUpWorkday = 2,
}

/// <summary>One day of the official calendar that differs from the weekday rule.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// The official working-day calendar (SPEC.md §3): statutory holidays and make-up working days per year, as the
/// county office keeps them. One function, <see cref="AddWorkingDays"/>, serves every deadline in the platform.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDayKind> _days;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> maintainedYears)
    {
        _days = days.ToDictionary(d => d.Date, d => d.Kind);
        _years = [.. maintainedYears];
    }

    public bool IsWorkingDay(DateOnly date)
    {
        RequireYear(date.Year);
        return _days.TryGetValue(date, out var kind)
            ? kind == CalendarDayKind.MakeUpWorkday
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="date"/> (the day itself not counted):
    /// an activity ending on 2023-09-28 has its 5-working-day report deadline on 2023-10-11.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = date;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }

    /// <summary>
    /// How many working days lie after <paramref name="after"/> up to and including <paramref name="upTo"/> (0 when
    /// <paramref name="upTo"/> is not later): how late something done on <paramref name="upTo"/> is against a deadline of
    /// <paramref name="after"/>. The inverse of <see cref="AddWorkingDays"/>: a report due 2026-10-15 and published
    /// 2026-10-16 is one working day late.
    /// </summary>
    public int CountWorkingDays(DateOnly after, DateOnly upTo)
    {
        var counted = 0;
        for (var day = after.AddDays(1); day <= upTo; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) counted++;
        }
        return counted;
    }

    private void RequireYear(int year)
    {
        if (!_years.Contains(year))
        {
            throw new CalendarYearMissingException(year);
        }
    }
}

/// <summary>A deadline fell in a year whose official calendar the county office has not entered yet.</summary>
public sealed class CalendarYearMissingException(int year)
    : InvalidOperationException($"The working-day calendar for {year} has not been entered yet; the county office maintains it.")
{
    public int Year { get; } = year;
}
