using Google.Protobuf;
using OpenDay.Events.Domain;
using OpenDay.Events.Grpc;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Events.Infrastructure.Outbox;

/// <summary>
/// The outbox: one row per saved change of an event, written in the same transaction as the change, and delivered to
/// the registrations service until it acknowledges (see <see cref="EventChangeDispatcher"/>). Each row is a whole
/// snapshot of the event, so a receiver that has applied a newer one can ignore an older one.
/// </summary>
public class EventChangeRecord : ITenantOwned
{
    public long Sequence { get; set; }
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    /// <summary>The <see cref="EventChange"/> message, without its sequence (known only once the row is inserted).</summary>
    public required byte[] Snapshot { get; set; }
    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Why the receiver refused it for good (a bug, never a user's error): kept aside so later changes still flow.</summary>
    public string? Rejection { get; set; }

    public static EventChangeRecord Of(Event e, Campaign campaign) => new()
    {
        TenantId = e.TenantId,
        EventId = e.Id,
        Snapshot = e.ToChange(campaign).ToByteArray(),
    };

    public EventChange ToMessage()
    {
        var change = EventChange.Parser.ParseFrom(Snapshot);
        change.Sequence = Sequence;
        return change;
    }
}
