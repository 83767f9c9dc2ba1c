using System.Globalization;

namespace OpenDay.Platform.Grpc;

/// <summary>A calendar date as every OpenDay contract carries it: <c>yyyy-MM-dd</c>, nothing else.</summary>
public static class WireDate
{
    public const string Format = "yyyy-MM-dd";

    public static bool TryParse(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string ToWire(this DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}
