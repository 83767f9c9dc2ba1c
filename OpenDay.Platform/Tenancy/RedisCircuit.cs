using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// The one way the caches reach Redis: every operation is bounded by <see cref="OperationTimeout"/>, and after a
/// failure the circuit opens, so for <see cref="OpenFor"/> the caches do not even try and every read goes straight to
/// its database fallback at database speed. After that one caller probes (half-open); its success closes the circuit,
/// its failure opens it again. A process's caches share one circuit, as they share one connection.
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

    public static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(2);

    private const int Closed = 0, Open = 1, Probing = 2;
    private int _state = Closed;
    private long _openUntilTicks;
    private long _outages;

    /// <summary>How many times the circuit has opened: a cache that sees this change knows Redis missed something.</summary>
    public long Outages => Interlocked.Read(ref _outages);

    public bool IsClosed => Volatile.Read(ref _state) == Closed;

    /// <summary>
    /// Runs <paramref name="operation"/> against Redis unless the circuit is open. Returns false, without throwing,
    /// when Redis was not asked (circuit open) or did not answer in time; the caller then falls back.
    /// </summary>
    public async Task<(bool Answered, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> operation, string what)
    {
        if (!TryEnter()) return (false, default!);
        try
        {
            var value = await operation(redis.GetDatabase()).WaitAsync(OperationTimeout, time);
            OnSuccess();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnFailure(e, what);
            return (false, default!);
        }
        catch
        {
            // Anything else came from our side of the call: Redis answered, so a probe must not hold the circuit.
            Interlocked.CompareExchange(ref _state, Closed, Probing);
            throw;
        }
    }

    private bool TryEnter()
    {
        switch (Volatile.Read(ref _state))
        {
            case Closed:
                return true;
            case Open when time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _openUntilTicks):
                // One caller probes; the others keep falling back until it has answered.
                return Interlocked.CompareExchange(ref _state, Probing, Open) == Open;
            default:
                return false;
        }
    }

    private void OnSuccess()
    {
        if (Interlocked.Exchange(ref _state, Closed) != Closed) LogClosed();
    }

    private void OnFailure(Exception exception, string what)
    {
        Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + OpenFor).UtcTicks);
        var previous = Interlocked.Exchange(ref _state, Open);
        if (previous == Closed)
        {
            Interlocked.Increment(ref _outages);
            LogOpened(exception, what, OpenFor.TotalSeconds);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis did not answer ({Operation}); caches bypassed for {Seconds} s, reads answered from the database")]
    private partial void LogOpened(Exception exception, string operation, double seconds);

    [LoggerMessage(LogLevel.Information, "Redis answers again; caches in use")]
    private partial void LogClosed();
}
