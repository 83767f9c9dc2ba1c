using OpenDay.Units.V1;

namespace OpenDay.Units.Domain;

/// <summary>
/// A person's account assigned to a unit by the county office. The identity provider holds the effective truth (the
/// user's tenant attribute and role); this record keeps who assigned whom and when, and lists a unit's staff.
/// </summary>
public class StaffAssignment
{
    /// <summary>Lower-case, as the identity provider keeps user names; the key: one unit per person.</summary>
    public required string Username { get; set; }
    public required string UnitCode { get; set; }
    public required string UserId { get; set; }
    public StaffRole Role { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The realm role that goes with the assignment.</summary>
    public static string RealmRole(StaffRole role) => role switch
    {
        StaffRole.UnitAdmin => ServiceDefaults.Authentication.Roles.UnitAdmin,
        StaffRole.UnitStaff => ServiceDefaults.Authentication.Roles.UnitStaff,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
