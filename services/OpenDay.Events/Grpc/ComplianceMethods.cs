using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;

namespace OpenDay.Events.Grpc;

/// <summary>The county office's compliance view of a campaign (督导考核, §六(四)).</summary>
public partial class EventsGrpcService
{
    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<Compliance> GetCompliance(GetCampaignRequest request, ServerCallContext context)
    {
        var (campaign, units, plans) = await CampaignYearUnits.LoadAsync(db, publicUnits, request.Year, context.CancellationToken);
        var held = await db.HeldIn(request.Year)
            .GroupBy(e => e.TenantId)
            .Select(g => new { Unit = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Unit, g => g.Count, context.CancellationToken);

        var calendarMissing = !await db.CalendarYears.AnyAsync(y => y.Year == request.Year, context.CancellationToken);
        return new Compliance
        {
            Year = request.Year,
            MinEventsPerUnit = campaign.MinEventsPerUnit,
            CalendarMissing = calendarMissing,
            CalendarWarning = calendarMissing ? CalendarMissingWarning(request.Year) : "",
            Units =
            {
                units.OrderBy(u => u.Code).Select(unit =>
                {
                    var plan = plans.GetValueOrDefault(unit.Code);
                    var count = held.GetValueOrDefault(unit.Code);
                    return new UnitCompliance
                    {
                        UnitCode = unit.Code,
                        UnitName = unit.Name,
                        PlanFiling = Domain.Plan.FilingOf(plan),
                        PlanRecorded = plan?.Status == PlanStatus.Recorded,
                        EventsHeld = count,
                        MeetsMinimum = count >= campaign.MinEventsPerUnit,
                    };
                }),
            },
        };
    }
}
