using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using OpenDay.Audit.V1;
using OpenDay.ServiceDefaults.Grpc;

namespace OpenDay.ServiceDefaults.Data;

/// <summary>Serves a service's audit trail; the tenant filter and row-level security decide whose entries are seen.</summary>
public static class AuditTrail
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public static async Task<ListAuditEntriesResponse> ListAuditEntriesAsync(this TenantDbContext db,
        ListAuditEntriesRequest request, CancellationToken cancellationToken)
    {
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var offset = 0;
        new FieldViolations()
            .Check(pageSize is >= 1 and <= MaxPageSize, "page_size", $"page_size must be between 1 and {MaxPageSize}.")
            .Check(request.PageToken.Length == 0 || (int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset >= 0),
                "page_token", "page_token must be the next_page_token of a previous page.")
            .Check(request.From is null || request.To is null || request.From.ToDateTimeOffset() < request.To.ToDateTimeOffset(),
                "to", "to must be after from.")
            .ThrowIfAny();

        var query = db.AuditRecords.AsNoTracking();
        if (request.UnitCode.Length > 0) query = query.Where(a => a.TenantId == request.UnitCode);
        if (request.From is not null) query = query.Where(a => a.OccurredAt >= request.From.ToDateTimeOffset());
        if (request.To is not null) query = query.Where(a => a.OccurredAt < request.To.ToDateTimeOffset());

        var page = await query.OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(cancellationToken);
        return new ListAuditEntriesResponse
        {
            Entries =
            {
                page.Take(pageSize).Select(a => new AuditEntry
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
            NextPageToken = page.Count > pageSize ? (offset + pageSize).ToString(CultureInfo.InvariantCulture) : "",
        };
    }
}
