using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Platform.Time;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Units.V1;

namespace OpenDay.Events.Grpc;

/// <summary>
/// What the assessment service, as itself, reads of a campaign year for the score (考核, §六(四)): each active unit's
/// plan filing and the events it held — the same facts as the county's compliance view, with the events named.
/// </summary>
[Authorize(Roles = Roles.Service)]
public sealed class EventScoreFactsGrpcService(EventsDbContext db, CallerContext caller, UnitsService.UnitsServiceClient publicUnits)
    : EventScoreFacts.EventScoreFactsBase
{
    public override async Task<EventYearFacts> GetEventYearFacts(GetCampaignRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        caller.ReadAllUnits();
        var (campaign, units, plans) = await CampaignYearUnits.LoadAsync(db, publicUnits, request.Year, ct);
        var held = (await db.HeldIn(request.Year).OrderBy(e => e.StartsAt).ThenBy(e => e.Id)
                .Select(e => new { e.TenantId, e.Id, e.Title, e.EndsAt })
                .ToListAsync(ct))
            .ToLookup(e => e.TenantId);
        return new EventYearFacts
        {
            Year = request.Year,
            MinEventsPerUnit = campaign.MinEventsPerUnit,
            Units =
            {
                units.OrderBy(u => u.Code, StringComparer.Ordinal).Select(unit => new UnitEventFacts
                {
                    UnitCode = unit.Code,
                    UnitName = unit.Name,
                    UnitKind = unit.Kind,
                    PlanFiling = Domain.Plan.FilingOf(plans.GetValueOrDefault(unit.Code)),
                    HeldEvents =
                    {
                        held[unit.Code].Select(e => new HeldEventFact
                        {
                            EventId = e.Id.ToString(), Title = e.Title, EndsOn = ChinaTime.DateOf(e.EndsAt).ToWire(),
                        }),
                    },
                }),
            },
        };
    }
}
