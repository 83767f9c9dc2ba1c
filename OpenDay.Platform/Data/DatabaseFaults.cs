using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace OpenDay.Platform.Data;

/// <summary>
/// How a service behaves while PostgreSQL is away: it fails fast and says so (Unavailable / 503 with Retry-After),
/// and is itself again the moment PostgreSQL returns, without a restart.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>
    /// Retries of a statement that failed on a broken connection: a connection that died with the old server is
    /// replaced by a new one without the caller noticing, but an outage is reported within the caller's two seconds
    /// (Aspire's default of 6 retries backing off up to 30 s made callers hang for half a minute).
    /// </summary>
    public const int MaxRetries = 2;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>What a caller is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>The short retrying strategy above, for a context's Npgsql options.</summary>
    public static void UseShortRetries(this NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.ExecutionStrategy(dependencies => new ShortRetryingExecutionStrategy(dependencies));

    /// <summary>
    /// Retries what a new connection can mend (a pooled connection that died with the old server), with the pools
    /// emptied first, but nothing that <see cref="RetryWillNotMend"/> names.
    /// </summary>
    private sealed class ShortRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
        : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, DatabaseFaults.MaxRetryDelay, null)
    {
        protected override bool ShouldRetryOn(Exception? exception)
        {
            if (exception is null || RetryWillNotMend(exception) || !base.ShouldRetryOn(exception)) return false;
            // The retry must not take another idle connection that died with the same server: a service that had not
            // touched the database during an outage failed its first request after it, every attempt on a dead one.
            ForgetDeadConnections(exception);
            return true;
        }
    }

    /// <summary>
    /// A failure that a retry 200 ms later will not mend, so the caller hears Unavailable at once rather than after
    /// the retries: a timeout (a server that does not answer would take the caller past its two seconds), or no server
    /// (<see cref="FoundNoServer"/>).
    /// </summary>
    public static bool RetryWillNotMend(Exception exception) =>
        FoundNoServer(exception) || Chain(exception).Any(e => e is TimeoutException);

    /// <summary>
    /// A new connection found no server: refused (none is listening), or the server is shutting down or still
    /// starting up (57P03: after a crash its recovery takes seconds), or the circuit already knows. Not 57P01/57P02,
    /// which a pooled connection reports when its first use finds that the server it knew went away: a new connection
    /// mends that. Local PostgreSQL is reached directly, not through the orchestrator's proxy, which would accept and
    /// hold the connection.
    /// </summary>
    public static bool FoundNoServer(Exception exception) => Chain(exception).Any(e => e
        is DatabaseCircuitOpenException
        or SocketException { SocketErrorCode: SocketError.ConnectionRefused }
        or PostgresException { SqlState: "57P03" });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>What an exception says of the database: nothing (the statement was wrong), busy, or gone.</summary>
    public enum Fault
    {
        /// <summary>Not a fault of the database's reach: the statement itself failed.</summary>
        None,
        /// <summary>There but overwhelmed: too many connections, a timed-out wait, a transient failure.</summary>
        Busy,
        /// <summary>Went away (its connections died with it), or is shutting down or starting up.</summary>
        Gone,
    }

    /// <summary>
    /// Reads <paramref name="exception"/> and the ones it wraps (EF Core wraps the driver's, the retrying strategy wraps
    /// the last attempt's) for what it says of the database.
    /// </summary>
    public static Fault Classify(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case PostgresException postgres:
                    // 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
                    // (starting up or recovering); 53300: too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState is "57P01" or "57P02" or "57P03" ? Fault.Gone
                        : postgres.SqlState == "53300" ? Fault.Busy
                        : Fault.None;
                case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
                case SocketException:
                case DatabaseCircuitOpenException:
                    return Fault.Gone;
                case NpgsqlException { InnerException: TimeoutException }:
                    return Fault.Busy;
                case NpgsqlException { IsTransient: true } transient:
                    return transient.InnerException is { } inner && Classify(inner) == Fault.Gone ? Fault.Gone : Fault.Busy;
            }
        }
        return Fault.None;
    }

    /// <summary>The database could not be reached, is overwhelmed, or is shutting down or starting up: not the statement's fault.</summary>
    public static bool IsUnreachable(Exception exception) => Classify(exception) != Fault.None;

    private static long _lastClearedTicks;

    /// <summary>
    /// Empties the connection pools when <paramref name="exception"/> says the server went away (its connections died
    /// with it), at most once a second. Not for a busy server (too many connections, a wait for a pooled connection
    /// that timed out): emptying the pools then makes every caller open a new connection at once, and a rush that was
    /// slow becomes one that fails.
    /// </summary>
    public static void ForgetDeadConnections(Exception exception)
    {
        if (Classify(exception) != Fault.Gone) return;
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastClearedTicks);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastClearedTicks, now, last) != last) return;
        NpgsqlConnection.ClearAllPools();
    }
}
