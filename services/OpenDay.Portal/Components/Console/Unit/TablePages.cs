using BootstrapBlazor.Components;

namespace OpenDay.Portal.Components.Console.Unit;

/// <summary>A table's sort and page over rows already read from a service (one event's invitations, a unit's ledger).</summary>
public static class TablePages
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

    public static readonly IEnumerable<int> PageSizes = [10, 20, 50];
}
