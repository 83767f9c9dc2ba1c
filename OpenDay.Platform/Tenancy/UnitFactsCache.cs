using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using OpenDay.Units.V1;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// Unit facts in Redis, one key per unit. The units service deletes a unit's key (and its supervisors') on every
/// change; a deletion Redis missed is retried in the background until Redis takes it, and the lifetime bounds
/// staleness beyond that. Redis being down is never an error, nor slow: the facts are then asked of the units service.
/// </summary>
public sealed partial class UnitFactsCache(RedisCircuit circuit, ILogger<UnitFactsCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, byte> _pendingInvalidations = new();
    private int _retrying;

    public static RedisKey Key(string unitCode) => $"openday:unit-facts:{unitCode}";

    public async Task<UnitFacts?> GetAsync(string unitCode)
    {
        if (_pendingInvalidations.ContainsKey(unitCode)) return null; // what Redis holds for it may be stale
        var (answered, value) = await circuit.TryAsync(database => database.StringGetAsync(Key(unitCode)), "read unit facts");
        return answered && value.HasValue ? UnitFacts.Parser.ParseFrom((byte[])value!) : null;
    }

    public async Task SetAsync(UnitFacts facts)
    {
        if (_pendingInvalidations.ContainsKey(facts.Code)) return;
        await circuit.TryAsync(database => database.StringSetAsync(Key(facts.Code), facts.ToByteArray(), Lifetime), "write unit facts");
    }

    public async Task InvalidateAsync(params string?[] unitCodes)
    {
        var codes = unitCodes.Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToArray();
        if (codes.Length == 0) return;
        if ((await circuit.TryAsync(database => database.KeyDeleteAsync(codes.Select(Key).ToArray()), "invalidate unit facts")).Answered) return;
        foreach (var code in codes) _pendingInvalidations.TryAdd(code, 0);
        LogInvalidationPending(codes.Length);
        if (Interlocked.CompareExchange(ref _retrying, 1, 0) == 0) _ = RetryInvalidationsAsync();
    }

    private async Task RetryInvalidationsAsync()
    {
        try
        {
            while (!_pendingInvalidations.IsEmpty)
            {
                await Task.Delay(RetryInterval);
                var codes = _pendingInvalidations.Keys.ToArray();
                if ((await circuit.TryAsync(database => database.KeyDeleteAsync(codes.Select(Key).ToArray()), "invalidate unit facts")).Answered)
                {
                    foreach (var code in codes) _pendingInvalidations.TryRemove(code, out _);
                    LogInvalidationsCaughtUp(codes.Length);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _retrying, 0);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Unit facts of {Count} unit(s) could not be invalidated: Redis is unavailable; retrying until it is back")]
    private partial void LogInvalidationPending(int count);

    [LoggerMessage(LogLevel.Information, "Unit facts invalidations missed during a Redis outage are made ({Count} unit(s))")]
    private partial void LogInvalidationsCaughtUp(int count);
}
