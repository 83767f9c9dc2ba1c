using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.V1;

namespace OpenDay.Events.Infrastructure.Outbox;

/// <summary>
/// Delivers the outbox to the registrations service, oldest first, each change until it is acknowledged; while that
/// service is down the changes wait here, and go out once it answers again. The receiver ignores a change it has
/// applied already, so a change delivered twice (acknowledgement lost) is harmless.
/// </summary>
public sealed partial class EventChangeDispatcher(IServiceScopeFactory scopes, EventChangeSink.EventChangeSinkClient registrations,
    ILogger<EventChangeDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = Idle;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverBatchAsync(stoppingToken);
                backoff = Idle;
                if (delivered == BatchSize) continue; // more waiting
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Registrations, the identity provider or the database away: the changes wait; this loop must not end.
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                LogDeliveryFailed(e.GetType().Name, e.Message, backoff.TotalSeconds);
            }
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        db.IsOwnerSession = true; // no user behind this: the owner reads every unit's outbox rows
        var pending = await db.EventChanges.IgnoreQueryFilters()
            .Where(c => c.DeliveredAt == null && c.Rejection == null)
            .OrderBy(c => c.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var change in pending)
        {
            var row = db.EventChanges.IgnoreQueryFilters().Where(c => c.Sequence == change.Sequence);
            try
            {
                var answer = await registrations.ApplyEventChangeAsync(change.ToMessage(),
                    deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
                await row.ExecuteUpdateAsync(set => set.SetProperty(c => c.DeliveredAt, DateTimeOffset.UtcNow)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
                LogDelivered(change.Sequence, change.EventId, answer.Applied);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unimplemented)
            {
                // Retrying cannot help: set it aside, loudly, and let the changes behind it through.
                await row.ExecuteUpdateAsync(set => set.SetProperty(c => c.Rejection, e.Status.Detail)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
                LogRejected(change.Sequence, change.EventId, e.StatusCode, e.Status.Detail);
            }
        }
        return pending.Count;
    }

    [LoggerMessage(LogLevel.Debug, "Event change {Sequence} of event {EventId} delivered to registrations (applied: {Applied})")]
    private partial void LogDelivered(long sequence, Guid eventId, bool applied);

    [LoggerMessage(LogLevel.Error, "Event change {Sequence} of event {EventId} refused by registrations ({StatusCode}: {Detail}); set aside")]
    private partial void LogRejected(long sequence, Guid eventId, StatusCode statusCode, string detail);

    [LoggerMessage(LogLevel.Warning, "Event changes not delivered to registrations ({ErrorType}: {Error}); retrying in {RetrySeconds} s")]
    private partial void LogDeliveryFailed(string errorType, string error, double retrySeconds);
}
