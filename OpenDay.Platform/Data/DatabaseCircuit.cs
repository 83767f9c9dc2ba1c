using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenDay.Platform.Data;

/// <summary>
/// A service's circuit to its PostgreSQL. When a new connection finds no server (refused, or shutting down or still
/// starting up) the circuit opens: until the server takes a connection again, every connection the service would open
/// fails at once with <see cref="DatabaseCircuitOpenException"/>, which callers hear as Unavailable with Retry-After.
/// A background probe asks every <see cref="ProbeEvery"/> and closes it, so no request waits on a server that is not
/// there. Why: while PostgreSQL recovers from a crash, a connection attempt against it took up to 1.5 s on a busy
/// machine (each forks a backend that refuses), and every request made one; the probe is the only one now.
/// </summary>
public sealed partial class DatabaseCircuit(string connectionString, ILogger<DatabaseCircuit> logger) : DbConnectionInterceptor
{
    public static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private int _open;

    private bool IsOpen => Volatile.Read(ref _open) == 1;

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowIfOpen();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ThrowIfOpen();
        return ValueTask.FromResult(result);
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => OpenIfNoServer(eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OpenIfNoServer(eventData.Exception);
        return Task.CompletedTask;
    }

    private void ThrowIfOpen()
    {
        if (IsOpen) throw new DatabaseCircuitOpenException();
    }

    private void OpenIfNoServer(Exception exception)
    {
        if (!DatabaseFaults.FoundNoServer(exception) || Interlocked.Exchange(ref _open, 1) == 1) return;
        LogOpened(exception.GetBaseException().GetType().Name, exception.GetBaseException().Message, ProbeEvery.TotalMilliseconds);
        _ = ProbeUntilServedAsync();
    }

    private async Task ProbeUntilServedAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = (int)ProbeTimeout.TotalSeconds }.ConnectionString;
        while (true)
        {
            await Task.Delay(ProbeEvery);
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                continue;
            }
            Volatile.Write(ref _open, 0);
            LogClosed();
            return;
        }
    }

    [LoggerMessage(LogLevel.Warning, "PostgreSQL took no connection ({ErrorType}: {Error}); requests answered Unavailable at once, PostgreSQL asked again every {Milliseconds} ms")]
    private partial void LogOpened(string errorType, string error, double milliseconds);

    [LoggerMessage(LogLevel.Information, "PostgreSQL takes connections again; requests served")]
    private partial void LogClosed();
}

/// <summary>The database circuit is open: PostgreSQL was found not there a moment ago and has not come back yet.</summary>
public sealed class DatabaseCircuitOpenException() : Exception("PostgreSQL is not taking connections; the circuit is open until it does.");
