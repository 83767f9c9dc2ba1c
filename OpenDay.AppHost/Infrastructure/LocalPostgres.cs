using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OpenDay.AppHost.Infrastructure;

/// <summary>A PostgreSQL server run from the machine's own binaries, for machines without a container runtime.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");

    public List<LocalPostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>A database on a <see cref="LocalPostgresServerResource"/>, created once the server is healthy.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class LocalPostgresExtensions
{
    /// <summary>
    /// initdb into <paramref name="stateDirectory"/>/postgres on first use (as the postgres user when root, with a
    /// generated password kept beside it), then runs the server on a port the orchestrator picks.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string stateDirectory)
    {
        var dataDirectory = Path.Combine(stateDirectory, "postgres");
        var passwordFile = Path.Combine(stateDirectory, "postgres.password");
        EnsureInitialized(dataDirectory, passwordFile);

        builder.Configuration[$"Parameters:{name}-password"] = File.ReadAllText(passwordFile).Trim();
        var password = builder.AddParameter($"{name}-password", secret: true);

        var (postgres, postgresArgs) = LocalProcess.AsPostgresUser(LocalProcess.PostgresBinary("postgres"),
            "-D", dataDirectory, "-k", dataDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300");
        string[] args = ["-c", StartOnceOldBackendsAreGone, "postgres-start", dataDirectory, postgres, .. postgresArgs];
        var server = new LocalPostgresServerResource(name, "/bin/sh", stateDirectory, password.Resource);

        var healthCheckKey = $"{name}-check";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => server.ConnectionStringExpression.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()!,
            name: healthCheckKey);

        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
            await connection.OpenAsync(cancellationToken);
            foreach (var database in server.Databases)
            {
                await CreateDatabaseIfMissingAsync(connection, database.DatabaseName, cancellationToken);
                await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.Running });
            }
        });

        return builder.AddResource(server)
            .WithArgs(args)
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp", env: "PGPORT",
                port: LocalProcess.FreeLoopbackPort(), isProxied: false)
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Starts the server in place of this shell (exec: the pid the orchestrator watches is the server's) once the
    /// backends of a server that was killed are gone. A stop that outlasts the orchestrator's patience (PostgreSQL's
    /// answer to SIGTERM waits for every pooled connection to close) ends in SIGKILL of the postmaster alone; its
    /// backends take a moment to notice and exit, and a server started meanwhile refuses to run ("pre-existing shared
    /// memory block is still in use"), so a restart on a busy machine failed. Backends are found by their working
    /// folder, the data folder; a server still running there is left alone (it would refuse the new one itself).
    /// </summary>
    private const string StartOnceOldBackendsAreGone = """
        data=$(cd "$1" && pwd -P); shift
        old=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
        if [ -z "$old" ] || ! kill -0 "$old" 2>/dev/null; then
          for attempt in $(seq 50); do
            left=$(find /proc/[0-9]*/cwd -maxdepth 0 -lname "$data" 2>/dev/null | cut -d/ -f3)
            [ -z "$left" ] && break
            if [ "$attempt" = 50 ]; then kill -9 $left 2>/dev/null; sleep 1; fi
            sleep 0.2
          done
        fi
        exec "$@"
        """;

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithParentRelationship(server)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            });
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnection connection, string databaseName, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            // Database names are ours (resource names), never user input; quoted as identifiers all the same.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void EnsureInitialized(string dataDirectory, string passwordFile)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Local infrastructure mode runs on Linux; use OpenDay:Infrastructure=containers.");
        }
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        var stateDirectory = Path.GetDirectoryName(dataDirectory)!;
        Directory.CreateDirectory(stateDirectory);
        // The postgres user must be able to reach its data folder inside ours.
        File.SetUnixFileMode(stateDirectory, (UnixFileMode)0b111_101_101);
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true); // a half-finished initdb
        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(passwordFile, password);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var initdbPasswordFile = Path.Combine(dataDirectory, "..", "postgres.initdb-password");
        File.WriteAllText(initdbPasswordFile, password);
        File.SetUnixFileMode(initdbPasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LocalProcess.GiveToPostgres(dataDirectory);
        LocalProcess.GiveToPostgres(initdbPasswordFile);
        try
        {
            var (command, args) = LocalProcess.AsPostgresUser(LocalProcess.PostgresBinary("initdb"),
                "-D", dataDirectory, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + initdbPasswordFile,
                "-E", "UTF8", "--locale=C.UTF-8");
            LocalProcess.Run(command, args);
        }
        finally
        {
            File.Delete(initdbPasswordFile);
        }
    }
}
