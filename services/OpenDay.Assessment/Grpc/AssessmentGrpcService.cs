using Google.Protobuf;
using Grpc.Core;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.V1;
using OpenDay.Audit.V1;
using OpenDay.Events.V1;
using OpenDay.Platform.Data;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Platform.Time;
using OpenDay.Registrations.V1;
using OpenDay.Shared;
using OpenDay.Units.V1;

namespace OpenDay.Assessment.Grpc;

/// <summary>
/// The assessment service: the opinion ledger (<c>OpinionMethods.cs</c>), event reports (<c>ReportMethods.cs</c>) and
/// the public column (<c>PublicMethods.cs</c>), policy evaluation (<c>QuestionnaireMethods.cs</c>) and inspections
/// (<c>InspectionMethods.cs</c>), and the year-end score (<c>ScoreMethods.cs</c>). Calls to other services carry the caller's token and a deadline.
/// </summary>
public partial class AssessmentGrpcService(
    AssessmentDbContext db,
    CallerContext caller,
    EventOwnership eventOwnership,
    EventsService.EventsServiceClient events,
    RegistrationsService.RegistrationsServiceClient registrations,
    UnitsService.UnitsServiceClient units,
    IWorkingDays calendar,
    IReportPhotoStore photos,
    PublicListingCache publicCache,
    AnswerCodes answerCodes,
    ScoreFacts scoreFacts,
    TimeProvider time) : AssessmentService.AssessmentServiceBase
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    private DateOnly Today => ChinaTime.Today(time);

    private Mover Me => new(caller.UserName ?? "", caller.TenantId ?? "", time.GetUtcNow());

    /// <summary>
    /// The active units with names and kinds, from the units service's public list: the unit directory every responsible
    /// unit is checked against. Kept in Redis under the public version, which the units service bumps on every change
    /// to a unit (a retirement shows at once); asked of the units service when Redis has none or is away.
    /// </summary>
    private async Task<Dictionary<string, PublicUnit>> ActiveUnitsAsync(CancellationToken cancellationToken)
    {
        var read = await publicCache.ReadAsync("active", "assessment-units");
        if (read.Entries[0] is { } cached)
        {
            return ListPublicUnitsResponse.Parser.ParseFrom(cached).Units.ToDictionary(u => u.Code);
        }
        var answer = await units.ListPublicUnitsAsync(new ListPublicUnitsRequest(),
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
        await publicCache.SetAsync("assessment-units", "active", answer.ToByteArray(), read.Version);
        return answer.Units.ToDictionary(u => u.Code);
    }

    /// <summary>The campaign of a year, from the events service (its settings: opinion and report working days).</summary>
    private async Task<CampaignSettings> CampaignOfAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            return (await events.GetCampaignAsync(new GetCampaignRequest { Year = year },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken)).Settings;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw RpcErrors.FailedPrecondition(year.ToString(System.Globalization.CultureInfo.InvariantCulture), "NO_CAMPAIGN",
                $"{year} 年的政府开放日活动尚未开启。There is no {year} campaign; its settings give the deadlines.");
        }
    }
}
