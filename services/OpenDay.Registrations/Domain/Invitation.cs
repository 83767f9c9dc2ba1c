using System.Security.Cryptography;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Data;

namespace OpenDay.Registrations.Domain;

/// <summary>A directed invitation (定向邀请) of one person to one event.</summary>
public class Invitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public required string Name { get; set; }
    public required string Mobile { get; set; }
    public ParticipantCategory Category { get; set; }
    public InvitationStatus Status { get; set; } = InvitationStatus.Pending;
    /// <summary>The invitee answers with this code and no account; 128 bits, so it cannot be guessed.</summary>
    public string Code { get; set; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
