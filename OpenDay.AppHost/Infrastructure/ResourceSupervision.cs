using System.Collections.Concurrent;
using System.Collections.Immutable;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenDay.AppHost.Infrastructure;

public static class ResourceSupervisionExtensions
{
    /// <summary>
    /// Restarts any process the orchestrator runs (PostgreSQL, Redis, the identity provider, the services, the gateway)
    /// that exits without having been asked to, the way a container restart policy or a Kubernetes pod would. A stop
    /// asked for (the dashboard's Stop, a test's stop command) is respected. Each restart is written to the resource's
    /// console log and counted in its <c>supervisor.restarts</c> property, so the dashboard shows it happened.
    /// </summary>
    public static IDistributedApplicationBuilder AddResourceSupervision(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ResourceSupervisor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResourceSupervisor>());
        return builder;
    }
}

/// <summary>
/// Watches every resource's state and starts again, through the resource's own start command (the orchestrator keeps
/// its ports, its proxy endpoint and its arguments, so it comes back with the same data folder and the same address),
/// a process that went from running to exited without a stop being asked for. Consecutive crashes back off
/// (0.5 s doubling to 30 s) so a process that cannot start does not spin.
/// </summary>
public sealed partial class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceSupervisor> logger) : BackgroundService
{
    public const string RestartsProperty = "supervisor.restarts";
    public const string LastRestartProperty = "supervisor.last-restart";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    /// <summary>A process that stayed up this long is healthy again: its next crash restarts it at once.</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    // DCP's executable states and Aspire's container states that mean the process is gone. "Terminated" is DCP's word
    // for a process it killed itself (a stop); Aspire 13 reports it as Exited, older versions pass it through.
    private static readonly HashSet<string> GoneStates = [KnownResourceStates.Exited, KnownResourceStates.Finished, "Terminated"];

    private readonly ConcurrentDictionary<string, Supervised> _resources = new();
    private readonly HashSet<string> _wrapped = [];

    /// <summary>How many times each resource (by name) was restarted by the supervisor; tests and operators read this.</summary>
    public int RestartCount(string resourceName) =>
        _resources.Values.Where(r => r.Name == resourceName).Sum(r => r.Restarts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var update in notifications.WatchAsync(stopping.Token))
            {
                if (!IsSupervised(update.Resource)) continue;
                Observe(update, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Processes the orchestrator runs; a database inside PostgreSQL or a parameter has no process to restart.</summary>
    private static bool IsSupervised(IResource resource) =>
        resource is ExecutableResource or ProjectResource or ContainerResource;

    private void Observe(ResourceEvent update, CancellationToken cancellationToken)
    {
        var state = update.Snapshot.State?.Text;
        var resource = _resources.GetOrAdd(update.ResourceId, _ => new Supervised(update.Resource.Name));
        var previous = resource.State;
        resource.State = state;
        if (state == previous) return;
        LogTransition(update.ResourceId, previous, state, update.Snapshot.ExitCode);

        if (state == KnownResourceStates.Running)
        {
            WrapStopCommands(update.Resource);
            resource.RunningSince = DateTime.UtcNow;
            resource.StopRequested = false;
            resource.Restarting = false;
        }
        else if (state == KnownResourceStates.Stopping)
        {
            // Only a stop asked of the orchestrator passes through Stopping; a killed process goes straight to exited.
            resource.StopRequested = true;
        }
        else if (state is not null && GoneStates.Contains(state) && resource.RunningSince != default
                 && (previous == KnownResourceStates.Running || previous == KnownResourceStates.Starting))
        {
            if (resource.StopRequested || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                LogLeftStopped(update.ResourceId, state);
                return;
            }
            if (resource.Restarting) return;
            resource.Restarting = true;
            _ = RestartAsync(update.Resource, update.ResourceId, resource, state, update.Snapshot.ExitCode, cancellationToken);
        }
        else if (state == KnownResourceStates.FailedToStart && resource.Restarting && !resource.StopRequested)
        {
            // A start of ours that failed (e.g. PostgreSQL still releasing its old shared memory): try again, later.
            _ = RestartAsync(update.Resource, update.ResourceId, resource, state, update.Snapshot.ExitCode, cancellationToken);
        }
    }

    private async Task RestartAsync(IResource model, string resourceId, Supervised resource, string state, int? exitCode,
        CancellationToken cancellationToken)
    {
        var console = resourceLogs.GetLogger(resourceId);
        try
        {
            while (true)
            {
                var backoff = resource.NextBackoff(DateTime.UtcNow);
                LogCrashed(resourceId, state, exitCode, backoff.TotalSeconds);
                console.LogWarning("Supervisor: {Resource} exited unexpectedly ({State}, exit code {ExitCode}); restarting it in {Seconds} s",
                    resourceId, state, exitCode?.ToString() ?? "unknown", backoff.TotalSeconds);
                await Task.Delay(backoff, cancellationToken);
                if (resource.StopRequested) return; // someone stopped it on purpose meanwhile
                var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken);
                if (result.Success) break;
                // Still exited: the next attempt waits longer.
                LogStartFailed(resourceId, result.Message);
            }
            var count = Interlocked.Increment(ref resource.RestartsField);
            var at = DateTime.UtcNow;
            await notifications.PublishUpdateAsync(model, resourceId, snapshot => snapshot with
            {
                Properties = With(snapshot.Properties, (RestartsProperty, count), (LastRestartProperty, at.ToString("O"))),
            });
            console.LogWarning("Supervisor: {Resource} restarted ({Count} restart(s) so far)", resourceId, count);
            LogRestarted(resourceId, count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogRestartError(e, resourceId);
            resource.Restarting = false;
        }
    }

    private static ImmutableArray<ResourcePropertySnapshot> With(ImmutableArray<ResourcePropertySnapshot> properties,
        params (string Name, object Value)[] values) =>
        [.. properties.Where(p => values.All(v => v.Name != p.Name)), .. values.Select(v => new ResourcePropertySnapshot(v.Name, v.Value))];

    /// <summary>
    /// Marks stops asked for through the resource's commands (the dashboard and tests use the same ones), so the exit
    /// that follows is not mistaken for a crash even if the orchestrator never reports Stopping.
    /// </summary>
    private void WrapStopCommands(IResource resource)
    {
        lock (_wrapped)
        {
            if (!_wrapped.Add(resource.Name)) return;
        }
        foreach (var name in new[] { KnownResourceCommands.StopCommand, KnownResourceCommands.RestartCommand })
        {
            var original = resource.Annotations.OfType<ResourceCommandAnnotation>().SingleOrDefault(a => a.Name == name);
            if (original is null) continue;
            var wrapped = new ResourceCommandAnnotation(original.Name, original.DisplayName, original.UpdateState,
                async context =>
                {
                    foreach (var supervised in _resources.Where(r => r.Value.Name == resource.Name || r.Key == context.ResourceName))
                    {
                        supervised.Value.StopRequested = true;
                    }
                    return await original.ExecuteCommand(context);
                },
                original.DisplayDescription, original.Arguments, original.ConfirmationMessage, original.IconName,
                original.IconVariant, original.IsHighlighted, original.Visibility, original.ValidateArguments);
            resource.Annotations.Remove(original);
            resource.Annotations.Add(wrapped);
        }
    }

    private sealed class Supervised(string name)
    {
        public string Name { get; } = name;
        public string? State { get; set; }
        public volatile bool StopRequested;
        public volatile bool Restarting;
        public DateTime RunningSince { get; set; }
        public int RestartsField;
        public int Restarts => Volatile.Read(ref RestartsField);
        private TimeSpan _backoff = TimeSpan.Zero;

        public TimeSpan NextBackoff(DateTime now)
        {
            _backoff = _backoff == TimeSpan.Zero || now - RunningSince > StableAfter
                ? FirstBackoff
                : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
            return _backoff;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Resource {ResourceId}: {Previous} -> {State} (exit code {ExitCode})")]
    private partial void LogTransition(string resourceId, string? previous, string? state, int? exitCode);

    [LoggerMessage(LogLevel.Warning, "Resource {ResourceId} exited unexpectedly ({State}, exit code {ExitCode}); restarting in {BackoffSeconds} s")]
    private partial void LogCrashed(string resourceId, string state, int? exitCode, double backoffSeconds);

    [LoggerMessage(LogLevel.Warning, "Resource {ResourceId} restarted by the supervisor ({Restarts} restart(s))")]
    private partial void LogRestarted(string resourceId, int restarts);

    [LoggerMessage(LogLevel.Information, "Resource {ResourceId} was stopped on request ({State}); left stopped")]
    private partial void LogLeftStopped(string resourceId, string state);

    [LoggerMessage(LogLevel.Error, "Resource {ResourceId} could not be started again: {Message}; retrying")]
    private partial void LogStartFailed(string resourceId, string? message);

    [LoggerMessage(LogLevel.Error, "Supervisor failed restarting {ResourceId}")]
    private partial void LogRestartError(Exception exception, string resourceId);
}
