using OpenDay.Events.V1;
using OpenDay.Platform.Data;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Infrastructure.Outbox;

/// <summary>
/// The outbox of published reports: written in the same transaction as the publication, and delivered to the events
/// service (its event becomes reported) until acknowledged (<see cref="ReportPublicationDispatcher"/>). So the report
/// and the event agree even when the events service is down at the moment of publishing.
/// </summary>
public class ReportPublicationRecord : ITenantOwned
{
    public long Sequence { get; set; }
    public string TenantId { get; set; } = "";
    public Guid ReportId { get; set; }
    public Guid EventId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly PublishedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Why events refused it for good (a bug, never a user's error): kept aside so later ones still flow.</summary>
    public string? Rejection { get; set; }

    public MarkEventReportedRequest ToMessage() => new()
    {
        EventId = EventId.ToString(),
        UnitCode = TenantId,
        ReportId = ReportId.ToString(),
        DueOn = DueOn.ToWire(),
        PublishedOn = PublishedOn.ToWire(),
    };
}
