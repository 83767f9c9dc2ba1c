using System.Security.Cryptography;
using OpenDay.Registrations.V1;
using System.ComponentModel.DataAnnotations.Schema;
using OpenDay.Platform.Data;
using OpenDay.Registrations.PersonalData;

namespace OpenDay.Registrations.Domain;

/// <summary>
/// One person on one event, by either channel: a directed invitation (定向邀请) or a public application (社会报名).
/// ID and mobile numbers are kept only as an encrypted copy, a keyed hash and a masked form.
/// </summary>
public class Participant : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public Channel Channel { get; set; }
    public required string Name { get; set; }
    public ParticipantCategory Category { get; set; }
    /// <summary>What an other invitee is (expert, service recipient, netizen, resident…).</summary>
    public string StatedRole { get; set; } = "";
    /// <summary>Work unit or occupation, as the applicant gave it.</summary>
    public string WorkUnit { get; set; } = "";

    public byte[] MobileEncrypted { get; set; } = [];
    public byte[] MobileHash { get; set; } = [];
    public string MobileMasked { get; set; } = "";
    /// <summary>Known once an applicant signs up or an invitee accepts; one person (this hash) at most once per event.</summary>
    public byte[]? IdNumberEncrypted { get; set; }
    public byte[]? IdNumberHash { get; set; }
    public string IdNumberMasked { get; set; } = "";

    /// <summary>Stores a mobile number in its three forms (see <see cref="PersonalDataProtector.Protect"/>).</summary>
    [NotMapped]
    public ProtectedNumber Mobile
    {
        set => (MobileEncrypted, MobileHash, MobileMasked) = (value.Encrypted, value.Hash, value.Masked);
    }

    /// <summary>Stores an ID number in its three forms.</summary>
    [NotMapped]
    public ProtectedNumber IdNumber
    {
        set => (IdNumberEncrypted, IdNumberHash, IdNumberMasked) = (value.Encrypted, value.Hash, value.Masked);
    }

    public ParticipantStatus Status { get; set; }
    /// <summary>Why it was rejected or cancelled: the person sees it.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The invitation code or the applicant's reference code: 128 random bits, so it cannot be guessed.</summary>
    public string Code { get; set; } = NewCode();
    /// <summary>The client's key for a sign-up submit: a retry with it gets the first answer.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The waitlist's order: first waitlisted, first promoted.</summary>
    public DateTimeOffset? WaitlistedAt { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public AttendanceMark Attendance { get; set; }

    /// <summary>PostgreSQL's row version (xmin): two reviewers changing the same participant cannot both win.</summary>
    public uint Version { get; set; }

    /// <summary>On the confirmed roster: an accepted invitation or an approved application.</summary>
    public static readonly ParticipantStatus[] ConfirmedStatuses = [ParticipantStatus.Accepted, ParticipantStatus.Approved];

    /// <summary>Still on the event in some way: waiting for an answer, a review, a seat, or holding one.</summary>
    public static readonly ParticipantStatus[] ActiveStatuses =
        [ParticipantStatus.Invited, ParticipantStatus.Accepted, ParticipantStatus.Submitted, ParticipantStatus.Approved, ParticipantStatus.Waitlisted];

    public bool IsConfirmed => ConfirmedStatuses.Contains(Status);

    public bool IsPublicRepresentative => Category == ParticipantCategory.PublicRepresentative;

    public bool IsActive => ActiveStatuses.Contains(Status);

    /// <summary>What the person sees: an unanswered invitation expires when registration closes.</summary>
    public ParticipantStatus StatusAt(EventRoster roster, DateTimeOffset now) =>
        Status == ParticipantStatus.Invited && now >= roster.RegistrationClosesAt ? ParticipantStatus.Expired : Status;

    public static string NewCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormedCode(string? code) =>
        code is { Length: 32 } && code.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
