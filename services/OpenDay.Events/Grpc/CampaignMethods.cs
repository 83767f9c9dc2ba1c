using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using Campaign = OpenDay.Events.Domain.Campaign;
using OpenDay.Platform.Time;

namespace OpenDay.Events.Grpc;

/// <summary>The yearly campaign's RPCs: the county office opens it and may change it until its window opens.</summary>
public partial class EventsGrpcService
{
    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<V1.Campaign> CreateCampaign(CampaignSettings request, ServerCallContext context)
    {
        var campaign = Validate(request, Campaign.Defaults(request.Year is >= 2000 and <= 2100 ? request.Year : 2000));
        if (await db.Campaigns.AnyAsync(c => c.Year == request.Year, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists("campaign", request.Year.ToString(CultureInfo.InvariantCulture), "year",
                $"The {request.Year} campaign exists already; there is one campaign a year.");
        }
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(campaign);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<V1.Campaign> UpdateCampaign(CampaignSettings request, ServerCallContext context)
    {
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Year == request.Year, context.CancellationToken)
                       ?? throw RpcErrors.NotFound("campaign", request.Year.ToString(CultureInfo.InvariantCulture));
        if (campaign.WindowOpen(ChinaTime.Today(time)))
        {
            throw RpcErrors.FailedPrecondition(request.Year.ToString(CultureInfo.InvariantCulture), "WINDOW_OPEN",
                $"活动已于 {campaign.ActivityStartsOn:yyyy-MM-dd} 开始，设置不可再改。The {request.Year} campaign's window opened on {campaign.ActivityStartsOn:yyyy-MM-dd}; its settings are final.");
        }
        var before = ToSettings(campaign);
        var updated = Validate(request, campaign);
        db.Entry(campaign).CurrentValues.SetValues(updated);
        db.CampaignChanges.Add(new CampaignChangeRecord
        {
            Year = campaign.Year,
            ChangedBy = caller.UserName ?? "",
            Before = SettingsJson.Format(before),
            After = SettingsJson.Format(ToSettings(updated)),
        });
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(campaign);
    }

    public override async Task<V1.Campaign> GetCampaign(GetCampaignRequest request, ServerCallContext context) =>
        ToMessage(await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Year == request.Year, context.CancellationToken)
                  ?? throw RpcErrors.NotFound("campaign", request.Year.ToString(CultureInfo.InvariantCulture)));

    public override async Task<ListCampaignChangesResponse> ListCampaignChanges(GetCampaignRequest request, ServerCallContext context)
    {
        var changes = await db.CampaignChanges.AsNoTracking()
            .Where(c => c.Year == request.Year)
            .OrderBy(c => c.ChangedAt)
            .ToListAsync(context.CancellationToken);
        return new ListCampaignChangesResponse
        {
            Changes =
            {
                changes.Select(c => new V1.CampaignChange
                {
                    ChangedBy = c.ChangedBy,
                    ChangedAt = Timestamp.FromDateTimeOffset(c.ChangedAt),
                    Before = CampaignSettings.Parser.ParseJson(c.Before),
                    After = CampaignSettings.Parser.ParseJson(c.After),
                }),
            },
        };
    }

    /// <summary>The settings asked for, unset ones taken from <paramref name="current"/>; every violation named.</summary>
    private static Campaign Validate(CampaignSettings request, Campaign current)
    {
        var violations = new FieldViolations()
            .Check(request.Year is >= 2000 and <= 2100, "year", "year must be between 2000 and 2100.");
        DateOnly DateOr(string value, DateOnly fallback, string field)
        {
            if (value.Length == 0) return fallback;
            var ok = TryParseDate(value, out var date);
            violations.Check(ok, field, $"{field} must be a date in the form yyyy-MM-dd.");
            return ok ? date : fallback;
        }
        static int IntOr(int value, int fallback) => value == 0 ? fallback : value;

        var campaign = new Campaign
        {
            Year = request.Year,
            ActivityStartsOn = DateOr(request.ActivityStartsOn, current.ActivityStartsOn, "activity_starts_on"),
            ActivityEndsOn = DateOr(request.ActivityEndsOn, current.ActivityEndsOn, "activity_ends_on"),
            PlanFilingDeadline = DateOr(request.PlanFilingDeadline, current.PlanFilingDeadline, "plan_filing_deadline"),
            ReportDeadlineWorkingDays = IntOr(request.ReportDeadlineWorkingDays, current.ReportDeadlineWorkingDays),
            MaxParticipantsPerEvent = IntOr(request.MaxParticipantsPerEvent, current.MaxParticipantsPerEvent),
            MinPublicShareNumerator = IntOr(request.MinPublicShareNumerator, current.MinPublicShareNumerator),
            MinPublicShareDenominator = IntOr(request.MinPublicShareDenominator, current.MinPublicShareDenominator),
            MinEventsPerUnit = IntOr(request.MinEventsPerUnit, current.MinEventsPerUnit),
        };
        violations
            .Check(campaign.ActivityStartsOn.Year == request.Year, "activity_starts_on", $"activity_starts_on must fall in {request.Year}.")
            .Check(campaign.ActivityEndsOn > campaign.ActivityStartsOn && campaign.ActivityEndsOn.Year == request.Year, "activity_ends_on",
                $"activity_ends_on must be after activity_starts_on and in {request.Year}.")
            .Check(campaign.PlanFilingDeadline <= campaign.ActivityEndsOn && campaign.PlanFilingDeadline.Year == request.Year,
                "plan_filing_deadline", "plan_filing_deadline must fall in the year, no later than the end of the activity window.")
            .Check(campaign.ReportDeadlineWorkingDays is >= 1 and <= 30, "report_deadline_working_days", "report_deadline_working_days must be between 1 and 30.")
            .Check(campaign.MaxParticipantsPerEvent is >= 1 and <= 500, "max_participants_per_event", "max_participants_per_event must be between 1 and 500.")
            .Check(campaign.MinPublicShareDenominator is >= 1 and <= 10, "min_public_share_denominator", "min_public_share_denominator must be between 1 and 10.")
            .Check(campaign.MinPublicShareNumerator >= 0 && campaign.MinPublicShareNumerator <= campaign.MinPublicShareDenominator,
                "min_public_share_numerator", "min_public_share_numerator must be between 0 and the denominator (a share of at most 1).")
            .Check(campaign.MinEventsPerUnit is >= 0 and <= 12, "min_events_per_unit", "min_events_per_unit must be between 0 and 12.")
            .ThrowIfAny();
        return campaign;
    }

    private static readonly JsonFormatter SettingsJson = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private static CampaignSettings ToSettings(Campaign c) => new()
    {
        Year = c.Year,
        ActivityStartsOn = c.ActivityStartsOn.ToString(DateFormat, CultureInfo.InvariantCulture),
        ActivityEndsOn = c.ActivityEndsOn.ToString(DateFormat, CultureInfo.InvariantCulture),
        PlanFilingDeadline = c.PlanFilingDeadline.ToString(DateFormat, CultureInfo.InvariantCulture),
        ReportDeadlineWorkingDays = c.ReportDeadlineWorkingDays,
        MaxParticipantsPerEvent = c.MaxParticipantsPerEvent,
        MinPublicShareNumerator = c.MinPublicShareNumerator,
        MinPublicShareDenominator = c.MinPublicShareDenominator,
        MinEventsPerUnit = c.MinEventsPerUnit,
    };

    private V1.Campaign ToMessage(Campaign c) => new() { Settings = ToSettings(c), WindowOpen = c.WindowOpen(ChinaTime.Today(time)) };
}
