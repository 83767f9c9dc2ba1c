using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// Redis cache of the anonymous public listings. Entries are keyed by a version that every change to what the public
/// sees (an event, a unit) bumps, so an edit shows at once. Redis being down is never an error, nor slow: the circuit
/// answers "not cached" at once and callers compute the answer from the database. Because a change made while Redis
/// was away could not bump the version, the version is bumped before the cache is used again (and retried in the
/// background, so a process that only writes catches up too): no entry from before the outage is served after it.
/// </summary>
public sealed partial class PublicListingCache(RedisCircuit circuit, ILogger<PublicListingCache> logger)
{
    public static readonly RedisKey VersionKey = "openday:public:version";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(1);

    // One round trip for a read: the version (bumped first when a bump is owed) and the entries under it.
    private static readonly LuaScript ReadScript = LuaScript.Prepare("""
        if @bump == '1' then redis.call('INCR', @version) end
        local v = redis.call('GET', @version) or '0'
        local answer = { v }
        for i, prefix in ipairs(cjson.decode(@prefixes)) do answer[i + 1] = redis.call('GET', prefix .. v .. ':' .. @query) end -- false when missing
        return answer
        """);

    private int _bumpPending;
    private int _catchingUp;

    /// <summary>Something the public sees changed.</summary>
    public async Task BumpAsync()
    {
        if (!(await circuit.TryAsync(database => database.StringIncrementAsync(VersionKey), "record a change")).Answered)
        {
            MissedChange();
        }
    }

    /// <summary>
    /// The version the public sees now and the entries of <paramref name="listings"/> for <paramref name="query"/> under
    /// it, in one round trip: a version of null (and no entries) when Redis is away.
    /// </summary>
    public async Task<PublicCacheRead> ReadAsync(string query, params string[] listings)
    {
        var bump = Volatile.Read(ref _bumpPending) == 1;
        var prefixes = System.Text.Json.JsonSerializer.Serialize(listings.Select(l => $"openday:public:{l}:v"));
        var (answered, answer) = await circuit.TryAsync(async database => (RedisResult[])(await database.ScriptEvaluateAsync(ReadScript,
            new { bump = bump ? "1" : "0", version = VersionKey, prefixes, query }))!, "read");
        if (!answered)
        {
            MissedChange(); // a change made meanwhile may not reach Redis
            return new PublicCacheRead(null, new byte[]?[listings.Length]);
        }
        if (bump && Interlocked.CompareExchange(ref _bumpPending, 0, 1) == 1) LogCaughtUp();
        return new PublicCacheRead((long)answer[0], [.. answer.Skip(1).Select(entry => entry.IsNull ? null : (byte[]?)entry)]);
    }

    /// <summary>
    /// Stores an answer under the version it was read at (<see cref="ReadAsync"/>): if a change came meanwhile, the
    /// answer, perhaps made before it, lands under an old version that nobody reads. Nothing is stored without a version.
    /// </summary>
    public async Task SetAsync(string listing, string query, byte[] value, long? version)
    {
        if (version is not { } known) return;
        await circuit.TryAsync(database => database.StringSetAsync(Key(listing, known, query), value, Lifetime, flags: CommandFlags.FireAndForget), "write");
    }

    public static RedisKey Key(string listing, long version, string query) => $"openday:public:{listing}:v{version}:{query}";

    private void MissedChange()
    {
        Interlocked.Exchange(ref _bumpPending, 1);
        if (Interlocked.CompareExchange(ref _catchingUp, 1, 0) == 0) _ = CatchUpLoopAsync();
    }

    /// <summary>True when no bump is owed, or the owed bump has just been made.</summary>
    private async Task<bool> CaughtUpAsync()
    {
        if (Volatile.Read(ref _bumpPending) == 0) return true;
        if (!(await circuit.TryAsync(database => database.StringIncrementAsync(VersionKey), "catch up")).Answered) return false;
        if (Interlocked.CompareExchange(ref _bumpPending, 0, 1) == 1) LogCaughtUp();
        return true;
    }

    private async Task CatchUpLoopAsync()
    {
        try
        {
            while (!await CaughtUpAsync()) await Task.Delay(CatchUpInterval);
        }
        finally
        {
            Interlocked.Exchange(ref _catchingUp, 0);
        }
        if (Volatile.Read(ref _bumpPending) == 1) MissedChange(); // missed again while the loop was ending
    }

    [LoggerMessage(LogLevel.Information, "Public listing cache version bumped after a Redis outage; cached listings from before it are no longer served")]
    private partial void LogCaughtUp();
}

/// <summary>What one read of the public cache found: the public version (null with Redis away) and one entry per listing asked.</summary>
public sealed record PublicCacheRead(long? Version, byte[]?[] Entries);
