using System.Globalization;

namespace OpenDay.Platform.Grpc;

/// <summary>Offset paging for list RPCs: <c>page_size</c> and an opaque <c>page_token</c> (the next offset).</summary>
public readonly record struct Paging(int Size, int Offset)
{
    /// <summary>Reads the request's paging fields; a bad value becomes a field violation, reported with the rest.</summary>
    public static Paging From(int pageSize, string pageToken, int defaultSize, int maxSize, FieldViolations violations)
    {
        var size = pageSize == 0 ? defaultSize : pageSize;
        var offset = 0;
        violations
            .Check(size >= 1 && size <= maxSize, "page_size", $"page_size must be between 1 and {maxSize}.")
            .Check(pageToken.Length == 0 || (int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset >= 0),
                "page_token", "page_token must be the next_page_token of a previous page.");
        return new Paging(size, offset);
    }

    /// <summary>The token of the page after one of <paramref name="returned"/> items, or empty on the last page.</summary>
    public string NextToken(int returned, int total) =>
        Offset + returned < total ? (Offset + returned).ToString(CultureInfo.InvariantCulture) : "";
}
