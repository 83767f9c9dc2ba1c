using System.Globalization;

namespace OpenDay.Platform.Time;

/// <summary>
/// The county's own time (Asia/Shanghai, UTC+8 all year): a deadline's day, a birth date's "today", the time a person
/// is shown, are the county's. Every service reads dates and writes times for people through here.
/// </summary>
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The instant a county day begins, in UTC (as PostgreSQL compares instants).</summary>
    public static DateTimeOffset DayStart(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    /// <summary>An instant as a person in the county reads it: 2028-09-14 09:00 (UTC+8).</summary>
    public static string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd HH:mm '(UTC+8)'", CultureInfo.InvariantCulture);
}
