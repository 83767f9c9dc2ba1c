using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.V1;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Assessment.Infrastructure.Outbox;

/// <summary>
/// Delivers published reports to the events service as the assessment service's own account, oldest first, each until
/// acknowledged; while events is down they wait here. The events service acknowledges an event reported already, so a
/// delivery made twice (acknowledgement lost) is harmless. Its answer also carries how many working days late the
/// report was, which the publication could not learn if events was down at that moment.
/// </summary>
public sealed partial class ReportPublicationDispatcher(IServiceScopeFactory scopes, EventReportSink.EventReportSinkClient events,
    PublicListingCache publicCache, ILogger<ReportPublicationDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = Idle;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverBatchAsync(stoppingToken);
                backoff = Idle;
                if (delivered == BatchSize) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Events, the identity provider or the database away: the publications wait; this loop must not end.
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                LogDeliveryFailed(e.GetType().Name, e.Message, backoff.TotalSeconds);
            }
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        db.IsOwnerSession = true; // no user behind this: the owner reads every unit's outbox rows
        var pending = await db.ReportPublications.IgnoreQueryFilters()
            .Where(c => c.DeliveredAt == null && c.Rejection == null)
            .OrderBy(c => c.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var publication in pending)
        {
            var row = db.ReportPublications.IgnoreQueryFilters().Where(c => c.Sequence == publication.Sequence);
            try
            {
                var answer = await events.MarkEventReportedAsync(publication.ToMessage(),
                    deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
                await db.Reports.IgnoreQueryFilters().Where(r => r.Id == publication.ReportId)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.EventMarkedReported, true)
                        .SetProperty(r => r.WorkingDaysLate, r => r.WorkingDaysLate ?? (r.Late ? answer.WorkingDaysLate : 0)), cancellationToken);
                await row.ExecuteUpdateAsync(set => set.SetProperty(c => c.DeliveredAt, DateTimeOffset.UtcNow)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
                await publicCache.BumpAsync();
                LogDelivered(publication.Sequence, publication.EventId, answer.Applied);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.Unimplemented
                                             or StatusCode.NotFound or StatusCode.FailedPrecondition)
            {
                // Retrying cannot help: set it aside, loudly, and let the publications behind it through.
                await row.ExecuteUpdateAsync(set => set.SetProperty(c => c.Rejection, e.Status.Detail)
                    .SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
                LogRejected(publication.Sequence, publication.EventId, e.StatusCode, e.Status.Detail);
            }
        }
        return pending.Count;
    }

    [LoggerMessage(LogLevel.Debug, "Report publication {Sequence} of event {EventId} delivered to events (applied: {Applied})")]
    private partial void LogDelivered(long sequence, Guid eventId, bool applied);

    [LoggerMessage(LogLevel.Error, "Report publication {Sequence} of event {EventId} refused by events ({StatusCode}: {Detail}); set aside")]
    private partial void LogRejected(long sequence, Guid eventId, StatusCode statusCode, string detail);

    [LoggerMessage(LogLevel.Warning, "Report publications not delivered to events ({ErrorType}: {Error}); retrying in {RetrySeconds} s")]
    private partial void LogDeliveryFailed(string errorType, string error, double retrySeconds);
}
