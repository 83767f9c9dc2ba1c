using OpenDay.Assessment.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Assessment.Domain;

/// <summary>An opinion or suggestion raised at an event, as logged in the unit's ledger (工作台账, §五(四)).</summary>
public class Opinion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public required string RaisedBy { get; set; }
    public required string Text { get; set; }
    public required string Topic { get; set; }
    /// <summary>The unit that must answer; possibly another unit than the one that recorded it.</summary>
    public required string ResponsibleUnitCode { get; set; }
    public DateOnly DueDate { get; set; }
    public OpinionStatus Status { get; set; } = OpinionStatus.Received;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
