using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Platform.Time;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;

namespace OpenDay.Registrations.Grpc;

/// <summary>
/// What the assessment service, as itself, reads of a campaign year for the score (考核, §六(四)): per unit, the finalised
/// rosters of the year's events and how many of them meet the public-representative share (§四) now. Counts only.
/// </summary>
[Authorize(Roles = Roles.Service)]
public sealed class RosterScoreFactsGrpcService(RegistrationsDbContext db, CallerContext caller) : RosterScoreFacts.RosterScoreFactsBase
{
    public override async Task<RosterYearFacts> GetRosterYearFacts(GetRosterYearFactsRequest request, ServerCallContext context)
    {
        new FieldViolations().Year(request.Year).ThrowIfAny();
        caller.ReadAllUnits();
        var (from, until) = (ChinaTime.DayStart(new DateOnly(request.Year, 1, 1)), ChinaTime.DayStart(new DateOnly(request.Year + 1, 1, 1)));
        var finalised = await db.Rosters.AsNoTracking()
            .Where(r => r.Finalised && r.Status != EventStatus.Cancelled && r.StartsAt >= from && r.StartsAt < until)
            .ToListAsync(context.CancellationToken);
        return new RosterYearFacts
        {
            Units =
            {
                finalised.GroupBy(r => r.TenantId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new UnitRosterFacts
                {
                    UnitCode = g.Key, Finalised = g.Count(), Met = g.Count(r => r.ShareMet),
                }),
            },
        };
    }
}
