namespace OpenDay.Portal.Components.Console.Unit;

/// <summary>The unit tables' page sizes; <see cref="ConsoleTables"/> sorts and pages them.</summary>
public static class TablePages
{
    public static readonly IEnumerable<int> PageSizes = [10, 20, 50];
}
