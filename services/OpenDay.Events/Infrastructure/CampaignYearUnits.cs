using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;

namespace OpenDay.Events.Infrastructure;

/// <summary>
/// What the county's compliance view and the score's facts both read of a campaign year: the campaign, every active
/// unit but the county office (asked of the units service afresh, never from a cache), and their plans for the year.
/// </summary>
public sealed record CampaignYearUnits(Campaign Campaign, IReadOnlyList<PublicUnit> Units, IReadOnlyDictionary<string, Plan> Plans)
{
    public static async Task<CampaignYearUnits> LoadAsync(EventsDbContext db, UnitsService.UnitsServiceClient units, int year, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Year == year, ct)
                       ?? throw RpcErrors.NotFound("campaign", year.ToString(CultureInfo.InvariantCulture));
        var active = (await units.ListPublicUnitsAsync(new ListPublicUnitsRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct))
            .Units.Where(u => u.Kind != UnitKind.CountyOffice).ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => p.Year == year).ToDictionaryAsync(p => p.TenantId, ct);
        return new CampaignYearUnits(campaign, active, plans);
    }
}
