using BootstrapBlazor.Components;

namespace OpenDay.Portal.Components.Console.County;

/// <summary>
/// The county tables sort and page in the browser's circuit: each list is read whole from its service (a county's units,
/// a year's days, one filter's audit entries), then BootstrapBlazor's table asks for a sorted page of it.
/// </summary>
public static class CountyTables
{
    public static readonly IEnumerable<int> PageSizes = [20, 50, 100];

    public static QueryData<T> Page<T>(IEnumerable<T> rows, QueryPageOptions options)
    {
        var query = rows.AsQueryable();
        if (!string.IsNullOrEmpty(options.SortName)) query = query.Sort(options.SortName, options.SortOrder, true);
        var total = query.Count();
        return new QueryData<T>
        {
            Items = query.Skip((options.PageIndex - 1) * options.PageItems).Take(options.PageItems).ToList(),
            TotalCount = total,
            IsSorted = true,
        };
    }
}
