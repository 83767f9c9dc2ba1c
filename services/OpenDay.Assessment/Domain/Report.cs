using OpenDay.Assessment.V1;
using OpenDay.Platform.Data;
using OpenDay.Registrations.V1;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// What an event's unit publishes after it is held (活动开展情况, §六(三)): a summary, attendance by participant category
/// as registrations had it when written, and photos; the opinions raised at the event are read live from the ledger.
/// One per event. Due <see cref="ReportDeadline"/>; once published, changes are corrections shown with it.
/// </summary>
public class Report : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public required string EventTitle { get; set; }
    /// <summary>The event's end date in Asia/Shanghai: the deadline counts from it.</summary>
    public DateOnly EventEndsOn { get; set; }
    public required string Summary { get; set; }
    public List<AttendanceLine> Attendance { get; set; } = [];
    public int Attended { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Draft;
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public bool Late { get; set; }
    /// <summary>Null while the events service (the calendar) has not answered yet; the outbox fills it in.</summary>
    public int? WorkingDaysLate { get; set; }
    /// <summary>The events service acknowledged the event as reported (the outbox delivered it).</summary>
    public bool EventMarkedReported { get; set; }
    public List<ReportCorrection> Corrections { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }

    public void TakeAttendance(Attendance attendance)
    {
        Attendance = [.. attendance.Categories.Select(c => new AttendanceLine { Category = c.Category, Confirmed = c.Confirmed, Attended = c.Attended })];
        Attended = attendance.Attended;
    }

    public void Publish(DateTimeOffset at, DateOnly on, int? workingDaysLate)
    {
        Status = ReportStatus.Published;
        PublishedAt = at;
        PublishedOn = on;
        Late = ReportDeadline.IsLate(DueOn, on);
        WorkingDaysLate = Late ? workingDaysLate : 0;
    }

    public void Correct(string summary, string note, string by, DateTimeOffset at)
    {
        Corrections = [.. Corrections, new ReportCorrection { CorrectedAt = at, Note = note, CorrectedBy = by, PreviousSummary = Summary }];
        Summary = summary;
    }
}

public sealed class AttendanceLine
{
    public ParticipantCategory Category { get; set; }
    public int Confirmed { get; set; }
    public int Attended { get; set; }
}

public sealed class ReportCorrection
{
    public DateTimeOffset CorrectedAt { get; set; }
    public string Note { get; set; } = "";
    public string CorrectedBy { get; set; } = "";
    public string PreviousSummary { get; set; } = "";
}

/// <summary>A photo of a report. Its bytes live in an <see cref="IReportPhotoStore"/>.</summary>
public class ReportPhoto : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid ReportId { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public string Caption { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>Where photos' bytes are kept (PostgreSQL today; a disk or an object store behind the same two calls).</summary>
public interface IReportPhotoStore
{
    /// <summary>Adds the photo with its bytes to the unit of work; saved with the caller's SaveChanges.</summary>
    void Add(ReportPhoto photo, byte[] content);

    Task<byte[]?> ReadAsync(Guid photoId, bool publishedOnly, CancellationToken cancellationToken);
}

/// <summary>Only images, and not too large: the public column shows them as they are.</summary>
public static class ReportPhotos
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The image type from the file's own first bytes (never from a name or a declared type); null when it is no image we accept.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}
