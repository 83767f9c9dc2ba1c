using OpenDay.Units.V1;

namespace OpenDay.Events.Infrastructure;

/// <summary>
/// The active units with names and kinds, as the public listings show them, from the units service's public list (no
/// token needed). Kept in this process under the public cache version it was asked at: a unit change bumps that
/// version, as it does for the listings in Redis. With Redis away there is no version: the list this process last had
/// is used at once and refreshed in the background every <see cref="RefreshEvery"/>, so a unit changed during the
/// outage shows within that time, and no listing waits for the units service (the one that did answered in up to
/// 300 ms). Concurrent asks share one call.
/// </summary>
public sealed class PublicUnitList
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private sealed record Snapshot(long? Version, Dictionary<string, PublicUnit> Units, long AskedAtTicks);

    private readonly Lock _gate = new();
    private Snapshot? _last;
    private Task<Snapshot>? _asking;
    private long? _askingVersion;

    /// <param name="version">The public cache version the listing read, or null with Redis away.</param>
    /// <param name="units">The request's client of the units service (a transient; the list needs no token).</param>
    public async Task<Dictionary<string, PublicUnit>> GetAsync(long? version, UnitsService.UnitsServiceClient units, CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Version == version)
        {
            return last.Units;
        }
        if (last is not null && version is null)
        {
            if (Environment.TickCount64 - last.AskedAtTicks >= RefreshEvery.TotalMilliseconds) _ = Ask(null, units);
            return last.Units;
        }
        return (await Ask(version, units).WaitAsync(cancellationToken)).Units;
    }

    private Task<Snapshot> Ask(long? version, UnitsService.UnitsServiceClient units)
    {
        lock (_gate)
        {
            if (_asking is { IsCompleted: false } && _askingVersion == version) return _asking;
            _askingVersion = version;
            return _asking = AskAsync(version, units);
        }
    }

    private async Task<Snapshot> AskAsync(long? version, UnitsService.UnitsServiceClient units)
    {
        var list = await units.ListPublicUnitsAsync(new ListPublicUnitsRequest(), deadline: DateTime.UtcNow.Add(Deadline));
        var snapshot = new Snapshot(version, list.Units.ToDictionary(u => u.Code), Environment.TickCount64);
        Volatile.Write(ref _last, snapshot);
        return snapshot;
    }
}
