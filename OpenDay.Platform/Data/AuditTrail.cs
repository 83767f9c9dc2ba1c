using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using OpenDay.Audit.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Platform.Data;

/// <summary>Serves a service's audit trail; the tenant filter and row-level security decide whose entries are seen.</summary>
public static class AuditTrail
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static async Task<ListAuditEntriesResponse> ListAuditEntriesAsync(this TenantDbContext db,
        ListAuditEntriesRequest request, CancellationToken cancellationToken)
    {
        var violations = new FieldViolations()
            .Check(request.From is null || request.To is null || request.From.ToDateTimeOffset() < request.To.ToDateTimeOffset(),
                "to", "to must be after from.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultPageSize, MaxPageSize, violations);
        violations.ThrowIfAny();

        var query = db.AuditRecords.AsNoTracking();
        if (request.UnitCode.Length > 0) query = query.Where(a => a.TenantId == request.UnitCode);
        if (request.From is not null) query = query.Where(a => a.OccurredAt >= request.From.ToDateTimeOffset());
        if (request.To is not null) query = query.Where(a => a.OccurredAt < request.To.ToDateTimeOffset());

        var page = await query.OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id)
            .Skip(paging.Offset).Take(paging.Size + 1).ToListAsync(cancellationToken);
        return new ListAuditEntriesResponse
        {
            Entries =
            {
                page.Take(paging.Size).Select(a => new AuditEntry
                {
                    Id = a.Id.ToString(),
                    UnitCode = a.TenantId,
                    UserId = a.UserId,
                    UserName = a.UserName,
                    Operation = a.Operation,
                    RecordType = a.RecordType,
                    RecordKey = a.RecordKey,
                    Change = a.Change,
                    OccurredAt = Timestamp.FromDateTimeOffset(a.OccurredAt),
                }),
            },
            // One more than a page was read: if it came, there is a next page.
            NextPageToken = paging.NextToken(Math.Min(page.Count, paging.Size), paging.Offset + page.Count),
        };
    }
}
