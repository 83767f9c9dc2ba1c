namespace OpenDay.Platform.Data;

/// <summary>
/// One change to one record, written in the same transaction as the change itself: who (user and unit), when,
/// through which RPC, to which record. It belongs to the unit of the user who made the change.
/// </summary>
public class AuditRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Operation { get; set; }
    public required string RecordType { get; set; }
    public required string RecordKey { get; set; }
    public required string Change { get; set; }
    public DateTimeOffset OccurredAt { get; set; } = DateTimeOffset.UtcNow;
}
