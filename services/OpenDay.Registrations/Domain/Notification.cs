using OpenDay.Registrations.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Registrations.Domain;

/// <summary>
/// A message owed to a participant (moved up from the waitlist, event cancelled, taken off), recorded with the change
/// that causes it; an SMS adapter sends it later and stamps <see cref="SentAt"/>. Its text holds no personal data.
/// </summary>
public class Notification : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public Guid ParticipantId { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SentAt { get; set; }

    public static Notification For(Participant participant, NotificationKind kind, string message) => new()
    {
        TenantId = participant.TenantId,
        EventId = participant.EventId,
        ParticipantId = participant.Id,
        Kind = kind,
        Message = message,
    };
}
