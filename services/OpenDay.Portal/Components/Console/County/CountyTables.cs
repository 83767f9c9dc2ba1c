namespace OpenDay.Portal.Components.Console.County;

/// <summary>The county tables' page sizes (their lists are longer than a unit's); <see cref="ConsoleTables"/> sorts and pages them.</summary>
public static class CountyTables
{
    public static readonly IEnumerable<int> PageSizes = [20, 50, 100];
}

/// <summary>
/// A table's list, loaded once per filter and one load at a time. A table queries on its first render and again on every
/// search; when a search comes while the first load is still under way, each query must answer from the list of the
/// filter it was asked with, in the order asked — not from whichever load happened to finish last.
/// </summary>
public sealed class TableSource<T>
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private object _filter = new();
    private object? _loadedFor;
    private List<T> _rows = [];

    /// <summary>What the next query reads: a new filter (or the same one, to read again after a change).</summary>
    public void Reload(object? filter = null) => _filter = filter ?? new object();

    /// <summary>The list of the filter current when asked (given to <paramref name="load"/> when it must be read).</summary>
    public async Task<List<T>> GetAsync(Func<object, Task<List<T>>> load)
    {
        var filter = _filter;
        await _gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(_loadedFor, filter))
            {
                _rows = await load(filter);
                _loadedFor = filter;
            }
            return _rows;
        }
        finally
        {
            _gate.Release();
        }
    }
}
