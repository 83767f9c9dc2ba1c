using System.Collections.Concurrent;
using Aspire.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole AppHost in local mode, with a fresh temporary state folder and random ports, started once for the
/// end-to-end tests and torn down (every process, then the folder) after them.
/// </summary>
public sealed class OpenDayStack : IAsyncLifetime
{
    public static readonly string[] Resources = ["postgres", "redis", "identity", "units", "events", "registrations", "assessment", "portal", "gateway"];
    public static readonly string[] Services = ["units", "events", "registrations", "assessment"];

    // Generous: on a shared 2-core machine under load, nine processes and their migrations can take several minutes.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>OpenDay's own processes (projects in development, Release builds in production), not PostgreSQL or Redis.</summary>
    private static readonly string[] OwnProcesses = ["identity", "units", "events", "registrations", "assessment", "portal", "gateway"];

    /// <summary>The AppHost profile the stack runs in: <c>development</c>, or <c>production</c> from OPENDAY_TEST_PROFILE.</summary>
    public static string Profile { get; } = Environment.GetEnvironmentVariable("OPENDAY_TEST_PROFILE") is { Length: > 0 } profile ? profile : "development";

    public DistributedApplication App { get; private set; } = null!;
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("openday-e2e-").FullName;
    public Tokens Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenDay_AppHost>(
        [
            "--OpenDay:Infrastructure=local",
            $"--OpenDay:StateDirectory={StateDirectory}",
            "--OpenDay:GatewayPort=random",
            "--OpenDay:GatewayGrpcPort=random",
            // The AppHost forwards every resource's console to its own log; in a test run only warnings and errors
            // belong in the output (the tests read the consoles themselves, below).
            "--Logging:LogLevel:Default=Warning",
            // Development (Debug builds, every request traced) unless OPENDAY_TEST_PROFILE=production: eng/faults.sh
            // measures the fault suite against the Release builds a deployment runs.
            $"--OpenDay:Profile={Profile}",
        ]);
        await Telemetry.StartAsync();
        foreach (var process in builder.Resources.Where(r => OwnProcesses.Contains(r.Name)).Cast<IResourceWithEnvironment>())
        {
            builder.CreateResourceBuilder(process)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "500");
        }
        // Every simulated resident of the rush comes from this one address: the per-address sign-up limit is for the
        // real world (the gateway's own limits have their test with the defaults).
        builder.CreateResourceBuilder(OwnProcess(builder, "gateway"))
            .WithEnvironment("RateLimits__SignUp__PermitLimit", "1000000");
        // The console refreshes a token 4 min 50 s before it expires (5-minute tokens): every call 10 s after sign-in
        // refreshes, so the browser tests exercise the refresh path (ConsoleTests checks it happened).
        builder.CreateResourceBuilder(OwnProcess(builder, "portal"))
            .WithEnvironment("Console__RefreshBefore", "00:04:50")
            // The same patience as the tests' own clients (30 s deadlines) on a loaded machine; 10 s by default.
            .WithEnvironment("Console__DeadlineSeconds", "30");

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        foreach (var resource in Resources)
        {
            _logWatchers.Add(CaptureLogsAsync(resource, _stopping.Token));
        }
        await WaitAllHealthyAsync(StartTimeout);
        Tokens = new Tokens(Gateway());
        await OpenSignUpCampaignAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// Healthy is not yet warm: a unit user's first call makes every service look the unit up in the units service
    /// (a cold Debug build on a busy machine can overrun that call's 5 s deadline and answer 503). One read per service
    /// as a unit user, repeated until it answers, so that the first test meets the stack as a user would a minute later.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var unit = new Clients(this, "housing.admin");
        var reads = new Func<Task>[]
        {
            async () => await unit.Events.ListAuditEntriesAsync(new Audit.V1.ListAuditEntriesRequest(), await unit.Call()),
            async () => await unit.Registrations.ListAuditEntriesAsync(new Audit.V1.ListAuditEntriesRequest(), await unit.Call()),
            async () => await unit.Assessment.ListAuditEntriesAsync(new Audit.V1.ListAuditEntriesRequest(), await unit.Call()),
        };
        var giveUp = DateTime.UtcNow + StartTimeout;
        foreach (var read in reads)
        {
            while (true)
            {
                try
                {
                    await read();
                    break;
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && DateTime.UtcNow < giveUp)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    /// <summary>The year whose campaign the sign-up tests use: its registration windows are still ahead (today is in 2026); no other test touches that year.</summary>
    public const int SignUpYear = 2037;

    private async Task OpenSignUpCampaignAsync()
    {
        var county = new Clients(this, "county.admin");
        try
        {
            await county.Events.CreateCampaignAsync(new Events.V1.CampaignSettings { Year = SignUpYear }, await county.Call());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    /// <summary>
    /// Waits until every resource is healthy again (after a test stopped, restarted or killed one). A resource that
    /// cannot get there fails the test with its last console lines, which say why (a port, a lock, a crash).
    /// </summary>
    public async Task WaitAllHealthyAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        foreach (var resource in Resources)
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (Exception e) when (e is DistributedApplicationException or OperationCanceledException)
            {
                var console = ConsoleLogs.Where(line => line.StartsWith(resource + ": ", StringComparison.Ordinal)).TakeLast(40);
                throw new InvalidOperationException(
                    $"{resource} did not become healthy: {e.Message}\n{string.Join('\n', console)}", e);
            }
        }
    }

    private static IResourceWithEnvironment OwnProcess(IDistributedApplicationTestingBuilder builder, string name) =>
        (IResourceWithEnvironment)builder.Resources.Single(r => r.Name == name);

    /// <summary>Every line each resource has written to its console during the run.</summary>
    public ConcurrentQueue<string> ConsoleLogs { get; } = new();

    public TelemetryCollector Telemetry { get; } = new();

    private readonly List<Task> _logWatchers = [];
    private readonly CancellationTokenSource _stopping = new();

    private async Task CaptureLogsAsync(string resource, CancellationToken cancellationToken)
    {
        try
        {
            var model = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
            await foreach (var batch in App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(model).WithCancellation(cancellationToken))
            {
                foreach (var line in batch) ConsoleLogs.Enqueue($"{resource}: {line.Content}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        await App.DisposeAsync();
        await Telemetry.DisposeAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server that is still closing its files; the folder is in /tmp all the same.
        }
    }

    /// <summary>An HTTP client for the gateway's public HTTP/1.1 endpoint (REST, sign-in).</summary>
    public HttpClient Gateway() => App.CreateHttpClient("gateway", "http");

    /// <summary>An HTTP client straight to a service, bypassing the gateway.</summary>
    public HttpClient Direct(string service) => App.CreateHttpClient(service, "http");

    /// <summary>A gRPC channel to the gateway's HTTP/2 endpoint, or straight to a service.</summary>
    public GrpcChannel GrpcChannel(string resource = "gateway") =>
        Grpc.Net.Client.GrpcChannel.ForAddress(App.GetEndpoint(resource, "grpc"));

    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");

    public string RealmUrl => GatewayUrl.ToString().TrimEnd('/') + "/realms/openday";

    public string SigningKeyFile => Path.Combine(StateDirectory, "identity-keys", "signing-key.pem");

    /// <summary>Call options as a dev user: their current token and a deadline.</summary>
    public async Task<CallOptions> CallAs(string username) => Call(await Tokens.For(username));

    /// <summary>gRPC call options: the bearer token and a deadline, as every client call should carry.</summary>
    public static CallOptions Call(string? accessToken, int seconds = 30)
    {
        var headers = new Metadata();
        if (accessToken is not null) headers.Add("Authorization", $"Bearer {accessToken}");
        return new CallOptions(headers, DateTime.UtcNow.AddSeconds(seconds));
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<OpenDayStack>
{
    public const string Name = "OpenDay stack";
}
