using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace OpenDay.Portal.Api;

/// <summary>
/// Times as people in the county read them: Asia/Shanghai (UTC+8 all year), written the Chinese way —
/// 2026年10月9日 星期五 14:30. Weekday names are spelled out here rather than taken from the zh-CN culture, so a
/// machine without ICU data still writes them.
/// </summary>
public static class ChinaDates
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    public static DateTime Local(Timestamp instant) => Local(instant.ToDateTimeOffset());

    /// <summary>2026年10月9日 星期五 14:30</summary>
    public static string DateTime(Timestamp? instant) => instant is null ? "" : DateTime(instant.ToDateTimeOffset());

    public static string DateTime(DateTimeOffset instant)
    {
        var local = Local(instant);
        return $"{Date(local)} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>2026年10月9日 星期五</summary>
    public static string Date(System.DateTime local) =>
        $"{local.Year}年{local.Month}月{local.Day}日 {Weekdays[(int)local.DayOfWeek]}";

    /// <summary>An event's time span: one day (2026年10月9日 星期五 09:00–11:00) or two (… 至 …).</summary>
    public static string Span(Timestamp starts, Timestamp ends)
    {
        var start = Local(starts);
        var end = Local(ends);
        return start.Date == end.Date
            ? $"{Date(start)} {start.ToString("HH:mm", CultureInfo.InvariantCulture)}–{end.ToString("HH:mm", CultureInfo.InvariantCulture)}"
            : $"{DateTime(starts)} 至 {DateTime(ends)}";
    }

    /// <summary>Today in the county, as the listing's yyyy-MM-dd filters want it.</summary>
    public static string Today(TimeProvider time) =>
        Local(time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
