using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenDay.Platform.Data;
using Fault = OpenDay.Platform.Data.DatabaseFaults.Fault;

namespace OpenDay.Platform.Tests;

/// <summary>
/// What a failure says of PostgreSQL decides what the caller hears (Unavailable with Retry-After, or the statement's own
/// error) and whether the connection pools are emptied (only when the server went away, never when it is busy).
/// </summary>
public class DatabaseFaultsTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    public static TheoryData<Exception, Fault> Cases => new()
    {
        { Postgres("57P01"), Fault.Gone },                                                  // admin shutdown
        { Postgres("08006"), Fault.Gone },                                                  // connection failure
        { Postgres("53300"), Fault.Busy },                                                  // too many connections
        { Postgres("23505"), Fault.None },                                                  // a unique violation is the statement's
        { new NpgsqlException("read", new EndOfStreamException()), Fault.Gone },
        { new NpgsqlException("connect", new SocketException((int)SocketError.ConnectionRefused)), Fault.Gone },
        { new NpgsqlException("pool", new TimeoutException()), Fault.Busy },                // a wait for a pooled connection
        { new DbUpdateException("save", new NpgsqlException("read", new IOException())), Fault.Gone }, // wrapped by EF Core
        { new InvalidOperationException("bug"), Fault.None },
        { new DatabaseCircuitOpenException(), Fault.Gone },                                 // found not there a moment ago
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_failure_is_read_for_what_it_says_of_the_database(Exception exception, Fault expected)
    {
        Assert.Equal(expected, DatabaseFaults.Classify(exception));
        Assert.Equal(expected != Fault.None, DatabaseFaults.IsUnreachable(exception));
    }

    public static TheoryData<Exception, bool> Retries => new()
    {
        { new NpgsqlException("read", new EndOfStreamException()), false },                // a pooled connection that died: a new one mends it
        { Postgres("40001"), false },                                                       // a serialization failure: a retry mends it
        { new NpgsqlException("connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { new NpgsqlException("pool", new TimeoutException()), true },
        { Postgres("57P03"), true },                                                        // still starting up after a crash
        { Postgres("57P01"), false },                                                       // a pooled connection of a server that went away
        { new DbUpdateException("save", Postgres("57P03")), true },                         // wrapped by EF Core
        { new InvalidOperationException("open", new DatabaseCircuitOpenException()), true },
    };

    [Theory]
    [MemberData(nameof(Retries))]
    public void A_failure_that_a_retry_will_not_mend_is_answered_at_once(Exception exception, bool answeredAtOnce) =>
        Assert.Equal(answeredAtOnce, DatabaseFaults.RetryWillNotMend(exception));
}
