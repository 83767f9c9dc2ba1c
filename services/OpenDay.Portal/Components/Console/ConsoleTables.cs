using BootstrapBlazor.Components;

namespace OpenDay.Portal.Components.Console;

/// <summary>
/// A console table's sort and page, in the browser's circuit, over a list already read whole from its service (one
/// event's invitations, a unit's ledger, a county's units, one filter's audit entries).
/// </summary>
public static class ConsoleTables
{
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
