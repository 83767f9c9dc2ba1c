using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// The one way the caches reach Redis: every operation is bounded by <see cref="OperationTimeout"/>, and after a
/// failure the circuit opens, so the caches do not even try and every read goes straight to its database fallback at
/// database speed. While it is open a background probe asks Redis every <see cref="OpenFor"/>; its answer closes the
/// circuit. No request is ever the probe: a probe sent while Redis is still coming back waits up to the operation
/// timeout, and a listing that carried it answered in up to half a second. A process's caches share one circuit, as
/// they share one connection.
/// </summary>
public sealed partial class RedisCircuit(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisCircuit> logger)
{
    /// <summary>
    /// A Redis that has not answered in this long is treated as down. A dead Redis never costs this: while disconnected
    /// the multiplexer fails a command at once. Only a hung one does. Not shorter: on a busy machine a slow answer that
    /// opened the circuit sent every request's unit lookup to the units service at once (a sign-up rush's approvals
    /// then failed with 503s).
    /// </summary>
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How often the probe asks Redis while the circuit is open.</summary>
    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(2);

    private int _open;

    private bool IsClosed => Volatile.Read(ref _open) == 0;

    /// <summary>
    /// Runs <paramref name="operation"/> against Redis unless the circuit is open. Returns false, without throwing,
    /// when Redis was not asked (circuit open) or did not answer in time; the caller then falls back.
    /// </summary>
    public async Task<(bool Answered, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> operation, string what)
    {
        if (!IsClosed) return (false, default!);
        try
        {
            return (true, await operation(redis.GetDatabase()).WaitAsync(OperationTimeout, time));
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            Open(e, what);
            return (false, default!);
        }
    }

    private static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    private void Open(Exception exception, string what)
    {
        if (Interlocked.Exchange(ref _open, 1) == 1) return;
        // The failure's kind and message say what happened; its stack trace (StackExchange.Redis's internals) does not,
        // and formatting the first one in a process cost the request that carried it a few hundred milliseconds.
        LogOpened(what, exception.GetType().Name, exception.Message, OpenFor.TotalSeconds);
        _ = ProbeUntilAnsweredAsync();
    }

    private async Task ProbeUntilAnsweredAsync()
    {
        while (true)
        {
            await Task.Delay(OpenFor, time);
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(OperationTimeout, time);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                continue;
            }
            Volatile.Write(ref _open, 0);
            LogClosed();
            return;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis did not answer ({Operation}: {ErrorType}: {Error}); caches bypassed, reads answered from the database, Redis asked again every {Seconds} s")]
    private partial void LogOpened(string operation, string errorType, string error, double seconds);

    [LoggerMessage(LogLevel.Information, "Redis answers again; caches in use")]
    private partial void LogClosed();
}
