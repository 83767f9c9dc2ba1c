using OpenDay.Portal.Console;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Components.Console.County;

// The unit message, not the unit pages' namespace (Components/Console/Unit).
using Unit = OpenDay.Units.V1.Unit;

/// <summary>The registry as the county pages read it: every page of a filter (a county has hundreds of units, not more).</summary>
public static class CountyUnits
{
    /// <summary>A bound on what one table holds, so that a runaway list cannot hold the circuit.</summary>
    public const int MaxUnits = 5000;

    public static async Task<ConsoleResult<List<Unit>>> ListAsync(ConsoleApi api, ListUnitsRequest filter)
    {
        var units = new List<Unit>();
        var request = filter.Clone();
        request.PageSize = 100;
        do
        {
            var page = await api.RunCountyAsync(async o => await api.Units.ListUnitsAsync(request, o));
            if (page.Value is null) return new ConsoleResult<List<Unit>>(null, page.Errors);
            units.AddRange(page.Value.Units);
            request.PageToken = page.Value.NextPageToken;
        } while (request.PageToken.Length > 0 && units.Count < MaxUnits);
        return new ConsoleResult<List<Unit>>(units, null);
    }
}
