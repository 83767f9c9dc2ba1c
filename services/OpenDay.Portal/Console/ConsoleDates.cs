using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using OpenDay.Portal.Api;

namespace OpenDay.Portal.Console;

/// <summary>The console's form values: times typed as Beijing time (datetime-local), sent as instants.</summary>
public static class ConsoleDates
{
    public static Timestamp? ToTimestamp(DateTime? local) => local is { } value
        ? Timestamp.FromDateTimeOffset(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), ChinaDates.Zone.GetUtcOffset(value)))
        : null;

    public static DateTime? ToLocal(Timestamp? instant) => instant is null ? null : ChinaDates.Local(instant);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ChinaDates.Local(time.GetUtcNow()));

    /// <summary>The campaign the console opens on: this year's until its window ends (10-31), then next year's.</summary>
    public static int DefaultYear(TimeProvider time)
    {
        var today = Today(time);
        return today > new DateOnly(today.Year, 10, 31) ? today.Year + 1 : today.Year;
    }
}
