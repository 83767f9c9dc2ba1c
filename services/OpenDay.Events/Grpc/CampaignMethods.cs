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
        var campaign = Validate(request, Campaign.Defaults(Math.Clamp(request.Year, FieldViolations.FirstYear, FieldViolations.LastYear)));
        if (await db.Campaigns.AnyAsync(c => c.Year == request.Year, context.CancellationToken))
        {
            throw RpcErrors.AlreadyExists("campaign", request.Year.ToString(CultureInfo.InvariantCulture), "year",
                $"The {request.Year} campaign exists already; there is one campaign a year.");
        }
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(context.CancellationToken);
        return await ToMessageAsync(campaign, context.CancellationToken);
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
        return await ToMessageAsync(campaign, context.CancellationToken);
    }

    public override async Task<V1.Campaign> GetCampaign(GetCampaignRequest request, ServerCallContext context) =>
        await ToMessageAsync(await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Year == request.Year, context.CancellationToken)
                             ?? throw RpcErrors.NotFound("campaign", request.Year.ToString(CultureInfo.InvariantCulture)), context.CancellationToken);

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
            .Year(request.Year);
        DateOnly DateOr(string value, DateOnly fallback, string field)
        {
            if (value.Length == 0) return fallback;
            var ok = WireDate.TryParse(value, out var date);
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
            OpinionDueWorkingDays = IntOr(request.OpinionDueWorkingDays, current.OpinionDueWorkingDays),
        };
        campaign.CheckSettings(violations)
            .ThrowIfAny();
        return campaign;
    }

    private static readonly JsonFormatter SettingsJson = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    private static CampaignSettings ToSettings(Campaign c) => new()
    {
        Year = c.Year,
        ActivityStartsOn = c.ActivityStartsOn.ToWire(),
        ActivityEndsOn = c.ActivityEndsOn.ToWire(),
        PlanFilingDeadline = c.PlanFilingDeadline.ToWire(),
        ReportDeadlineWorkingDays = c.ReportDeadlineWorkingDays,
        MaxParticipantsPerEvent = c.MaxParticipantsPerEvent,
        MinPublicShareNumerator = c.MinPublicShareNumerator,
        MinPublicShareDenominator = c.MinPublicShareDenominator,
        MinEventsPerUnit = c.MinEventsPerUnit,
        OpinionDueWorkingDays = c.OpinionDueWorkingDays,
    };

    private async Task<V1.Campaign> ToMessageAsync(Campaign c, CancellationToken cancellationToken) => new()
    {
        Settings = ToSettings(c),
        WindowOpen = c.WindowOpen(ChinaTime.Today(time)),
        CalendarEntered = await db.CalendarYears.AnyAsync(y => y.Year == c.Year, cancellationToken),
    };

    /// <summary>What the county office is told while a campaign's year has no working-day calendar.</summary>
    private static string CalendarMissingWarning(int year) =>
        $"{year} 年的工作日日历尚未录入，报告和意见答复期限无法计算，请录入国务院公布的节假日安排。" +
        $"The {year} working-day calendar has not been entered: no report or opinion deadline of {year} can be computed until it is.";
}
