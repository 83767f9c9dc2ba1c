using System.Security.Cryptography;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;

namespace OpenDay.Assessment.Grpc;

/// <summary>
/// The public "政府开放日" column: anonymous, read from views that hold only published reports and answered opinions
/// (the tables' row-level security stays closed to anonymous callers), of active units only; served from Redis under
/// the public version that every publication, correction and answer bumps.
/// </summary>
public partial class AssessmentGrpcService
{
    private const int DefaultPublicPage = 20;
    private const int MaxPublicPage = 100;

    [AllowAnonymous]
    public override async Task<ListPublicReportsResponse> ListPublicReports(ListPublicReportsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var violations = new FieldViolations()
            .Check(request.UnitCode.Length <= 64, "unit_code", "unit_code must be at most 64 characters.")
            .Year(request.Year, optional: true);
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultPublicPage, MaxPublicPage, violations);
        violations.ThrowIfAny();

        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        var read = await publicCache.ReadAsync(cacheKey, "assessment-reports");
        if (read.Entries[0] is { } cached) return ListPublicReportsResponse.Parser.ParseFrom(cached);

        var active = await ActiveUnitsAsync(ct);
        var visible = active.Keys.Where(code => request.UnitCode.Length == 0 || code == request.UnitCode).ToList();
        var query = db.PublicReports.Where(r => visible.Contains(r.TenantId));
        if (request.Year != 0)
        {
            var (first, last) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
            query = query.Where(r => r.EventEndsOn >= first && r.EventEndsOn <= last);
        }
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(r => r.PublishedAt).ThenBy(r => r.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(ct);
        var ids = page.Select(r => r.Id).ToList();
        var photoIds = (await db.PublicReportPhotos.Where(p => ids.Contains(p.ReportId)).Select(p => new { p.Id, p.ReportId }).ToListAsync(ct))
            .ToLookup(p => p.ReportId, p => p.Id);
        var response = new ListPublicReportsResponse
        {
            Reports = { page.Select(r => ToPublicMessage(r, active[r.TenantId], photoIds[r.Id])) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
        };
        await publicCache.SetAsync("assessment-reports", cacheKey, response.ToByteArray(), read.Version);
        return response;
    }

    [AllowAnonymous]
    public override async Task<PublicReport> GetPublicReport(GetPublicReportRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var id = FieldViolations.ParseId(request.Id, "id", "a report");
        var cacheKey = id.ToString("N");
        var read = await publicCache.ReadAsync(cacheKey, "assessment-report");
        if (read.Entries[0] is { } cached) return PublicReport.Parser.ParseFrom(cached);

        var row = await db.PublicReports.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw RpcErrors.NotFound("report", request.Id);
        var active = await ActiveUnitsAsync(ct);
        if (!active.TryGetValue(row.TenantId, out var unit)) throw RpcErrors.NotFound("report", request.Id);
        var photoIds = await db.PublicReportPhotos.Where(p => p.ReportId == id).Select(p => p.Id).ToListAsync(ct);
        var message = ToPublicMessage(row, unit, photoIds);
        var opinions = await db.PublicOpinions.Where(o => o.EventId == row.EventId).OrderBy(o => o.AnsweredOn).ThenBy(o => o.Id).ToListAsync(ct);
        message.Opinions.AddRange(opinions.Select(o => ToPublicMessage(o, active)));
        await publicCache.SetAsync("assessment-report", cacheKey, message.ToByteArray(), read.Version);
        return message;
    }

    [AllowAnonymous]
    public override async Task<HttpBody> GetPublicReportPhoto(GetReportPhotoRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.ReportId, "report_id", "a report", out var reportId)
            .Id(request.PhotoId, "photo_id", "a photo", out var photoId)
            .ThrowIfAny();
        var photo = await db.PublicReportPhotos.Where(p => p.Id == photoId && p.ReportId == reportId)
                        .Select(p => new { p.ContentType }).SingleOrDefaultAsync(context.CancellationToken)
                    ?? throw RpcErrors.NotFound("photo", request.PhotoId);
        var content = await photos.ReadAsync(photoId, publishedOnly: true, context.CancellationToken) ?? throw RpcErrors.NotFound("photo", request.PhotoId);
        return new HttpBody { ContentType = photo.ContentType, Data = ByteString.CopyFrom(content) };
    }

    [AllowAnonymous]
    public override async Task<ListPublicOpinionsResponse> ListPublicOpinions(ListPublicOpinionsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var violations = new FieldViolations().Required(request.UnitCode, "unit_code", 64);
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultPublicPage, MaxPublicPage, violations);
        violations.ThrowIfAny();

        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        var read = await publicCache.ReadAsync(cacheKey, "assessment-opinions");
        if (read.Entries[0] is { } cached) return ListPublicOpinionsResponse.Parser.ParseFrom(cached);

        var active = await ActiveUnitsAsync(ct);
        if (!active.ContainsKey(request.UnitCode)) throw RpcErrors.NotFound("unit", request.UnitCode);
        var query = db.PublicOpinions.Where(o => o.ResponsibleUnitCode == request.UnitCode);
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(o => o.AnsweredOn).ThenBy(o => o.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(ct);
        var response = new ListPublicOpinionsResponse
        {
            Opinions = { page.Select(o => ToPublicMessage(o, active)) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
        };
        await publicCache.SetAsync("assessment-opinions", cacheKey, response.ToByteArray(), read.Version);
        return response;
    }

    private static PublicReport ToPublicMessage(PublicReportRow r, PublicUnit unit, IEnumerable<Guid> photoIds) => new()
    {
        Id = r.Id.ToString(),
        EventId = r.EventId.ToString(),
        UnitCode = r.TenantId,
        UnitName = unit.Name,
        EventTitle = r.EventTitle,
        EventEndsOn = r.EventEndsOn.ToWire(),
        Summary = r.Summary,
        Attendance = { r.Attendance.Select(ToMessage) },
        Attended = r.Attended,
        PublishedOn = r.PublishedOn.ToWire(),
        Late = r.Late,
        Corrections = { r.Corrections.Select(ToMessage) },
        PhotoIds = { photoIds.Select(p => p.ToString()) },
    };

    private static PublicOpinion ToPublicMessage(PublicOpinionRow o, IReadOnlyDictionary<string, PublicUnit> active) => new()
    {
        Id = o.Id.ToString(),
        EventId = o.EventId.ToString(),
        ResponsibleUnitCode = o.ResponsibleUnitCode,
        ResponsibleUnitName = active.TryGetValue(o.ResponsibleUnitCode, out var unit) ? unit.Name : "",
        RaisedByDisplay = RaisedByNames.Display(o.RaisedBy, o.RaisedByCategory),
        Topic = o.Topic,
        Text = o.Text,
        Outcome = o.Outcome,
        Explanation = o.Explanation,
        Answer = o.Answer,
        AnsweredOn = o.AnsweredOn.ToWire(),
    };
}
