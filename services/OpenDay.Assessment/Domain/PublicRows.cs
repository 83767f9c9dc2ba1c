using OpenDay.Assessment.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// A published report as the public may see it, read from the <c>public_reports</c> view (published only), so row-level
/// security on the table stays closed to anonymous callers.
/// </summary>
public class PublicReportRow
{
    public Guid Id { get; init; }
    public required string TenantId { get; init; }
    public Guid EventId { get; init; }
    public required string EventTitle { get; init; }
    public DateOnly EventEndsOn { get; init; }
    public required string Summary { get; init; }
    public List<AttendanceLine> Attendance { get; init; } = [];
    public int Attended { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public DateOnly PublishedOn { get; init; }
    public bool Late { get; init; }
    public List<ReportCorrection> Corrections { get; init; } = [];
}

/// <summary>An answered opinion as the public may see it (<c>public_opinions</c> view): no unanswered ones, no personal data beyond the name given and the category.</summary>
public class PublicOpinionRow
{
    public Guid Id { get; init; }
    public required string TenantId { get; init; }
    public required string ResponsibleUnitCode { get; init; }
    public Guid EventId { get; init; }
    public string RaisedBy { get; init; } = "";
    public ParticipantCategory RaisedByCategory { get; init; }
    public required string Topic { get; init; }
    public required string Text { get; init; }
    public OpinionStatus Outcome { get; init; }
    public string Explanation { get; init; } = "";
    public string Answer { get; init; } = "";
    public DateOnly AnsweredOn { get; init; }
}

/// <summary>A photo of a published report (<c>public_report_photos</c> view).</summary>
public class PublicReportPhotoRow
{
    public Guid Id { get; init; }
    public Guid ReportId { get; init; }
    public required string ContentType { get; init; }
    public byte[] Content { get; init; } = [];
}
