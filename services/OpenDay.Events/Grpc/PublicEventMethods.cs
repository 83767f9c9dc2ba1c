using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;
using OpenDay.Platform.Time;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Events.Grpc;

/// <summary>The anonymous listing of open days: served from Redis, computed from the database when Redis has none or is away.</summary>
public partial class EventsGrpcService
{
    private const int DefaultPublicPageSize = 20;
    private const int MaxPublicPageSize = 100;

    [AllowAnonymous]
    public override async Task<ListPublicEventsResponse> ListPublicEvents(ListPublicEventsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Date(request.FromDate, "from_date", out var from, optional: true)
            .Date(request.ToDate, "to_date", out var to, optional: true)
            .Check(request.ThemeContains.Length <= 100, "theme_contains", "theme_contains must be at most 100 characters.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultPublicPageSize, MaxPublicPageSize, violations);
        violations.ThrowIfAny();

        // One Redis round trip: the page if cached, else the count of the same filter (it does not change with the
        // page, so paging through a filter counts once per version of what the public sees).
        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));
        var countKey = Convert.ToHexStringLower(SHA256.HashData(new ListPublicEventsRequest(request) { PageSize = 0, PageToken = "" }.ToByteArray()));
        var page = await publicCache.ReadAsync(cacheKey, "events");
        if (page.Entries[0] is { } cached) return ListPublicEventsResponse.Parser.ParseFrom(cached);
        var counted = await publicCache.ReadAsync(countKey, "events-count");

        var units = await publicUnitList.GetAsync(page.Version, publicUnits, context.CancellationToken);
        var visible = units.Values.Where(u => request.UnitKind == UnitKind.Unspecified || u.Kind == request.UnitKind)
            .Select(u => u.Code)
            .Where(code => request.UnitCode.Length == 0 || code == request.UnitCode)
            .ToList();
        var query = db.PublicEvents.Where(e => visible.Contains(e.TenantId));
        // Dates are the county's (Asia/Shanghai, UTC+8 all year); PostgreSQL compares instants in UTC.
        if (request.FromDate.Length > 0)
        {
            var fromInstant = ChinaTime.DayStart(from);
            query = query.Where(e => e.EndsAt >= fromInstant);
        }
        if (request.ToDate.Length > 0)
        {
            var untilInstant = ChinaTime.DayStart(to.AddDays(1));
            query = query.Where(e => e.StartsAt < untilInstant);
        }
        if (request.Form != EventForm.Unspecified) query = query.Where(e => e.Forms.Contains(request.Form));
        if (request.ThemeContains.Length > 0) query = query.Where(e => e.Theme.Contains(request.ThemeContains) || e.Title.Contains(request.ThemeContains));

        // Both orders are served by an index on (StartsAt, Id) over the public statuses (migration PublicListingIndexes).
        var ordered = request.Order == PublicEventOrder.Start
            ? query.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
            : query.OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id);
        var rows = await ordered.Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        int total;
        if (counted.Version == page.Version && counted.Entries[0] is { Length: 4 } count) total = BitConverter.ToInt32(count);
        // A page that is not full ends the list, so it gives the count: a search whose answer fits one page is one
        // query, with Redis away too.
        else if (rows.Count < paging.Size && (rows.Count > 0 || paging.Offset == 0)) total = paging.Offset + rows.Count;
        else
        {
            total = await query.CountAsync(context.CancellationToken);
            await publicCache.SetAsync("events-count", countKey, BitConverter.GetBytes(total), page.Version);
        }
        var response = new ListPublicEventsResponse
        {
            Events = { rows.Select(e => e.ToPublicMessage(units[e.TenantId])) },
            TotalSize = total,
            NextPageToken = paging.NextToken(rows.Count, total),
        };
        await publicCache.SetAsync("events", cacheKey, response.ToByteArray(), page.Version);
        return response;
    }

    [AllowAnonymous]
    public override async Task<PublicEvent> GetPublicEvent(GetEventRequest request, ServerCallContext context)
    {
        var id = FieldViolations.ParseId(request.Id, "id", "an event");
        var cacheKey = id.ToString("N");
        var read = await publicCache.ReadAsync(cacheKey, "event");
        if (read.Entries[0] is { } cached) return PublicEvent.Parser.ParseFrom(cached);

        var row = await db.PublicEvents.SingleOrDefaultAsync(e => e.Id == id, context.CancellationToken);
        if (row is null) throw RpcErrors.NotFound("event", request.Id);
        var units = await publicUnitList.GetAsync(read.Version, publicUnits, context.CancellationToken);
        if (!units.TryGetValue(row.TenantId, out var unit)) throw RpcErrors.NotFound("event", request.Id);
        var message = row.ToPublicMessage(unit);
        await publicCache.SetAsync("event", cacheKey, message.ToByteArray(), read.Version);
        return message;
    }
}
