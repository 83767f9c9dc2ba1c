using Google.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure.Outbox;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Time;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using Report = OpenDay.Assessment.Domain.Report;
using ReportPhoto = OpenDay.Assessment.Domain.ReportPhoto;
using ReportCorrection = OpenDay.Assessment.Domain.ReportCorrection;

namespace OpenDay.Assessment.Grpc;

/// <summary>Event reports (活动开展情况, §六(三)): drafted after the event is held, published within the deadline.</summary>
public partial class AssessmentGrpcService
{
    private const int DefaultReportPage = 20;
    private const int MaxReportPage = 100;

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Report> DraftReport(DraftReportRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Required(request.Summary, "summary", Infrastructure.Reports.MaxSummary)
            .ThrowIfAny();
        var evt = await eventOwnership.RequireOwnEventAsync(request.EventId, ct);
        if (evt.Status is not (EventStatus.Held or EventStatus.Reported))
        {
            throw RpcErrors.FailedPrecondition(request.EventId, "EVENT_STATUS_" + evt.Status.ToString().ToUpperInvariant(),
                $"The event is {Words.Of(evt.Status)}; its report is drafted once it is held. 活动举办后方可撰写开展情况。");
        }
        if (await db.Reports.AnyAsync(r => r.EventId == eventId, ct)) throw ReportExists(request.EventId);

        var endsOn = ChinaTime.DateOf(evt.EndsAt.ToDateTimeOffset());
        var campaign = await CampaignOfAsync(ChinaTime.DateOf(evt.StartsAt.ToDateTimeOffset()).Year, ct);
        var report = new Report
        {
            EventId = eventId,
            EventTitle = evt.Title,
            EventEndsOn = endsOn,
            Summary = request.Summary.Trim(),
            DueOn = await ReportDeadline.DueOnAsync(endsOn, campaign.ReportDeadlineWorkingDays, calendar, ct),
        };
        report.TakeAttendance(await AttendanceAsync(request.EventId, ct));
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw ReportExists(request.EventId); // a second draft of the same event, at the same moment
        }
        return await ToMessageAsync(report, ct);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Report> UpdateReport(UpdateReportRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        new FieldViolations()
            .Id(request.Id, "id", "a report", out _)
            .Required(request.Summary, "summary", Infrastructure.Reports.MaxSummary)
            .Check(request.CorrectionNote.Length <= 500, "correction_note", "correction_note must be at most 500 characters.")
            .ThrowIfAny();
        // The caller sends no version: a row changed between this request's read and its write (the outbox marks a
        // published report delivered a moment after publishing) is read again and the change made again, once.
        for (var attempt = 1; ; attempt++)
        {
            var report = await FindReportAsync(request.Id, ct);
            if (report.Status == ReportStatus.Published)
            {
                new FieldViolations()
                    .Check(!string.IsNullOrWhiteSpace(request.CorrectionNote), "correction_note",
                        "correction_note is required to change a published report: the correction is shown with it.")
                    .ThrowIfAny();
                report.Correct(request.Summary.Trim(), request.CorrectionNote.Trim(), caller.UserName ?? "", time.GetUtcNow());
            }
            else
            {
                report.Summary = request.Summary.Trim();
                report.TakeAttendance(await AttendanceAsync(report.EventId.ToString(), ct));
            }
            report.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            if (report.Status == ReportStatus.Published) await publicCache.BumpAsync();
            return await ToMessageAsync(report, ct);
        }
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Report> PublishReport(PublishReportRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var report = await FindReportAsync(request.Id, ct);
        if (report.Status == ReportStatus.Published)
        {
            throw RpcErrors.FailedPrecondition(request.Id, "STATUS_PUBLISHED",
                $"The report was published on {report.PublishedOn?.ToWire()}; correct it with UpdateReport. 该报告已发布，如需修改请提交更正。");
        }
        var publishedOn = Today;
        report.Publish(time.GetUtcNow(), publishedOn, await WorkingDaysLateIfReachableAsync(report.DueOn, publishedOn, ct));
        report.UpdatedAt = time.GetUtcNow();
        // The event becomes reported through the outbox, saved with the publication: both or neither.
        db.ReportPublications.Add(new ReportPublicationRecord
        {
            ReportId = report.Id, EventId = report.EventId, DueOn = report.DueOn, PublishedOn = publishedOn,
        });
        await db.SaveChangesAsync(ct);
        await publicCache.BumpAsync();
        return await ToMessageAsync(report, ct);
    }

    public override async Task<V1.Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "a report");
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken)
                     ?? throw RpcErrors.NotFound("report", request.Id);
        return await ToMessageAsync(report, context.CancellationToken);
    }

    public override async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultReportPage, MaxReportPage, violations);
        violations.ThrowIfAny();
        var total = await db.Reports.CountAsync(context.CancellationToken);
        var page = await db.Reports.AsNoTracking().OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        var response = new ListReportsResponse { TotalSize = total, NextPageToken = paging.NextToken(page.Count, total) };
        foreach (var report in page) response.Reports.Add(await ToMessageAsync(report, context.CancellationToken, withOpinions: false));
        return response;
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.ReportPhoto> AddReportPhoto(AddReportPhotoRequest request, ServerCallContext context)
    {
        var contentType = ReportPhotos.ContentTypeOf(request.Content.Span);
        new FieldViolations()
            .Id(request.ReportId, "report_id", "a report", out _)
            .Check(!request.Content.IsEmpty, "content", "content is required: the image file.")
            .Check(request.Content.Length <= ReportPhotos.MaxBytes, "content", $"content must be at most {ReportPhotos.MaxBytes / 1024 / 1024} MiB.")
            .Check(request.Content.IsEmpty || contentType is not null, "content", "content must be a JPEG, PNG, GIF or WebP image.")
            .Check(request.Caption.Length <= 200, "caption", "caption must be at most 200 characters.")
            .ThrowIfAny();
        var report = await FindReportAsync(request.ReportId, context.CancellationToken);
        var photo = new ReportPhoto { TenantId = report.TenantId, ReportId = report.Id, ContentType = contentType!, Size = request.Content.Length, Caption = request.Caption.Trim() };
        photos.Add(photo, request.Content.ToByteArray());
        report.UpdatedAt = time.GetUtcNow(); // the photo belongs to the report: only its unit may add one (write guard)
        await db.SaveChangesAsync(context.CancellationToken);
        if (report.Status == ReportStatus.Published) await publicCache.BumpAsync();
        return new V1.ReportPhoto { Id = photo.Id.ToString(), ReportId = report.Id.ToString(), ContentType = photo.ContentType, Size = photo.Size, Caption = photo.Caption };
    }

    public override async Task<HttpBody> GetReportPhoto(GetReportPhotoRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.ReportId, "report_id", "a report", out var reportId)
            .Id(request.PhotoId, "photo_id", "a photo", out var photoId)
            .ThrowIfAny();
        var photo = await db.ReportPhotos.AsNoTracking()
                        .Where(p => p.Id == photoId && p.ReportId == reportId)
                        .Select(p => new { p.ContentType })
                        .SingleOrDefaultAsync(context.CancellationToken)
                    ?? throw RpcErrors.NotFound("photo", request.PhotoId);
        var content = await photos.ReadAsync(photoId, publishedOnly: false, context.CancellationToken) ?? throw RpcErrors.NotFound("photo", request.PhotoId);
        return new HttpBody { ContentType = photo.ContentType, Data = ByteString.CopyFrom(content) };
    }

    /// <summary>The report if the caller may read it; NotFound otherwise. Changing it is its own unit's (the write guard refuses a supervisor).</summary>
    private async Task<Report> FindReportAsync(string value, CancellationToken cancellationToken)
    {
        var id = FieldViolations.ParseId(value, "id", "a report");
        return await db.Reports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw RpcErrors.NotFound("report", value);
    }

    /// <summary>Attendance by category as registrations has it now (the caller's token: registrations checks the event is theirs).</summary>
    private async Task<Attendance> AttendanceAsync(string eventId, CancellationToken cancellationToken) =>
        await registrations.GetAttendanceAsync(new GetRosterRequest { EventId = eventId },
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);

    /// <summary>
    /// Working days late, asked of the calendar now; null when the events service is away (the publication does not
    /// wait for it: the outbox learns the number when it delivers).
    /// </summary>
    private async Task<int?> WorkingDaysLateIfReachableAsync(DateOnly dueOn, DateOnly publishedOn, CancellationToken cancellationToken)
    {
        try
        {
            return await ReportDeadline.WorkingDaysLateAsync(dueOn, publishedOn, calendar, cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return null;
        }
    }

    private static RpcException ReportExists(string eventId) => RpcErrors.AlreadyExists("report", eventId, "event_id",
        "This event has a report already; update it instead. 该活动已有开展情况报告。");

    private async Task<V1.Report> ToMessageAsync(Report r, CancellationToken cancellationToken, bool withOpinions = true)
    {
        var message = new V1.Report
        {
            Id = r.Id.ToString(),
            EventId = r.EventId.ToString(),
            UnitCode = r.TenantId,
            EventTitle = r.EventTitle,
            EventEndsOn = r.EventEndsOn.ToWire(),
            Summary = r.Summary,
            Attendance = { r.Attendance.Select(ToMessage) },
            Attended = r.Attended,
            Status = r.Status,
            DueOn = r.DueOn.ToWire(),
            PublishedOn = r.PublishedOn?.ToWire() ?? "",
            Late = r.Late,
            Corrections = { r.Corrections.Select(ToMessage) },
            EventMarkedReported = r.EventMarkedReported,
        };
        if (r.WorkingDaysLate is { } late) message.WorkingDaysLate = late;
        var reportPhotos = await db.ReportPhotos.AsNoTracking().Where(p => p.ReportId == r.Id).OrderBy(p => p.CreatedAt)
            .Select(p => new V1.ReportPhoto { Id = p.Id.ToString(), ReportId = r.Id.ToString(), ContentType = p.ContentType, Size = p.Size, Caption = p.Caption })
            .ToListAsync(cancellationToken);
        message.Photos.AddRange(reportPhotos);
        if (withOpinions)
        {
            var opinions = await db.Opinions.AsNoTracking().Where(o => o.EventId == r.EventId).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
            message.Opinions.AddRange(opinions.Select(o => new ReportOpinion
            {
                OpinionId = o.Id.ToString(), Topic = o.Topic, Text = o.Text, RaisedByDisplay = o.RaisedByDisplay,
                ResponsibleUnitCode = o.AssignedTenantId, Status = o.Status, Answer = o.Answer, Outcome = o.Outcome, Explanation = o.Explanation,
            }));
        }
        return message;
    }

    private static AttendanceCount ToMessage(AttendanceLine a) => new() { Category = a.Category, Confirmed = a.Confirmed, Attended = a.Attended };

    private static V1.ReportCorrection ToMessage(ReportCorrection c) => new() { CorrectedAt = Timestamp.FromDateTimeOffset(c.CorrectedAt), Note = c.Note };
}
