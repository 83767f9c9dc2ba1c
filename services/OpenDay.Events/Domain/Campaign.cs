using OpenDay.Platform.Grpc;

namespace OpenDay.Events.Domain;

/// <summary>
/// A yearly campaign (年度活动) and its rules: every number the notice sets is a setting here, with the 2023 notice's
/// values as defaults (SPEC.md §3).
/// </summary>
public class Campaign
{
    public int Year { get; set; }
    public DateOnly ActivityStartsOn { get; set; }
    public DateOnly ActivityEndsOn { get; set; }
    public DateOnly PlanFilingDeadline { get; set; }
    public int ReportDeadlineWorkingDays { get; set; } = NoticeDefaults.ReportDeadlineWorkingDays;
    public int MaxParticipantsPerEvent { get; set; } = NoticeDefaults.MaxParticipantsPerEvent;
    /// <summary>The minimum share of public representatives, kept as a fraction so ⌈total × share⌉ stays exact.</summary>
    public int MinPublicShareNumerator { get; set; } = NoticeDefaults.MinPublicShareNumerator;
    public int MinPublicShareDenominator { get; set; } = NoticeDefaults.MinPublicShareDenominator;
    public int MinEventsPerUnit { get; set; } = NoticeDefaults.MinEventsPerUnit;
    /// <summary>Working days a unit has to answer an opinion recorded in its ledger (工作台账).</summary>
    public int OpinionDueWorkingDays { get; set; } = NoticeDefaults.OpinionDueWorkingDays;

    /// <summary>The notice's settings for a year.</summary>
    public static Campaign Defaults(int year) => new()
    {
        Year = year,
        ActivityStartsOn = new DateOnly(year, NoticeDefaults.ActivityStarts.Month, NoticeDefaults.ActivityStarts.Day),
        ActivityEndsOn = new DateOnly(year, NoticeDefaults.ActivityEnds.Month, NoticeDefaults.ActivityEnds.Day),
        PlanFilingDeadline = new DateOnly(year, NoticeDefaults.PlanFilingDeadline.Month, NoticeDefaults.PlanFilingDeadline.Day),
    };

    /// <summary>Settings are final once the activity window has opened.</summary>
    public bool WindowOpen(DateOnly today) => today >= ActivityStartsOn;

    public bool IsInWindow(DateOnly day) => day >= ActivityStartsOn && day <= ActivityEndsOn;

    /// <summary>§六(四): a plan filed after the deadline is accepted all the same, and flagged late.</summary>
    public bool IsLateFiling(DateOnly filedOn) => filedOn > PlanFilingDeadline;

    private string Window => $"{ActivityStartsOn:yyyy-MM-dd} … {ActivityEndsOn:yyyy-MM-dd}";

    /// <summary>What the campaign asks of an event (§二 window, §四 cap), each refusal on the field it belongs to.</summary>
    public FieldViolations CheckEvent(FieldViolations violations, DateOnly startsOn, DateOnly endsOn, int capacity) => violations
        .Check(IsInWindow(startsOn), "starts_at", $"starts_at must fall in the {Year} activity window {Window} (Asia/Shanghai).")
        .Check(IsInWindow(endsOn), "ends_at", $"ends_at must fall in the {Year} activity window {Window} (Asia/Shanghai).")
        .Check(capacity <= MaxParticipantsPerEvent, "capacity",
            $"capacity must be at most {MaxParticipantsPerEvent}, the campaign's cap per open point (§四).");

    /// <summary>A plan's open dates (§六(四)) fall in the activity window.</summary>
    public FieldViolations CheckOpenDate(FieldViolations violations, string field, DateOnly? date) => violations.Check(
        date is { } day && IsInWindow(day), field, $"{field} must be a date (yyyy-MM-dd) in the activity window {Window}.");

    /// <summary>Settings that make sense together, each refusal on its field.</summary>
    public FieldViolations CheckSettings(FieldViolations violations) => violations
        .Check(ActivityStartsOn.Year == Year, "activity_starts_on", $"activity_starts_on must fall in {Year}.")
        .Check(ActivityEndsOn > ActivityStartsOn && ActivityEndsOn.Year == Year, "activity_ends_on",
            $"activity_ends_on must be after activity_starts_on and in {Year}.")
        .Check(PlanFilingDeadline <= ActivityEndsOn && PlanFilingDeadline.Year == Year,
            "plan_filing_deadline", "plan_filing_deadline must fall in the year, no later than the end of the activity window.")
        .Check(ReportDeadlineWorkingDays is >= 1 and <= 30, "report_deadline_working_days", "report_deadline_working_days must be between 1 and 30.")
        .Check(MaxParticipantsPerEvent is >= 1 and <= 500, "max_participants_per_event", "max_participants_per_event must be between 1 and 500.")
        .Check(MinPublicShareDenominator is >= 1 and <= 10, "min_public_share_denominator", "min_public_share_denominator must be between 1 and 10.")
        .Check(MinPublicShareNumerator >= 0 && MinPublicShareNumerator <= MinPublicShareDenominator,
            "min_public_share_numerator", "min_public_share_numerator must be between 0 and the denominator (a share of at most 1).")
        .Check(MinEventsPerUnit is >= 0 and <= 12, "min_events_per_unit", "min_events_per_unit must be between 0 and 12.")
        .Check(OpinionDueWorkingDays is >= 1 and <= 60, "opinion_due_working_days", "opinion_due_working_days must be between 1 and 60.");
}

/// <summary>The county notice's numbers (Yishui, 2023-09-11): the defaults of every campaign, and nowhere else.</summary>
public static class NoticeDefaults
{
    /// <summary>§二: 9月中旬至10月底.</summary>
    public static readonly (int Month, int Day) ActivityStarts = (9, 15), ActivityEnds = (10, 31);
    /// <summary>§六(四): plans filed by 9月15日.</summary>
    public static readonly (int Month, int Day) PlanFilingDeadline = (9, 15);
    /// <summary>§六(三): the report within 5 working days after the activity.</summary>
    public const int ReportDeadlineWorkingDays = 5;
    /// <summary>§四: 原则上每个开放点30人以内.</summary>
    public const int MaxParticipantsPerEvent = 30;
    /// <summary>§四: 群众代表比例不低于三分之一.</summary>
    public const int MinPublicShareNumerator = 1, MinPublicShareDenominator = 3;
    /// <summary>§二: 每年至少举办1次.</summary>
    public const int MinEventsPerUnit = 1;
    /// <summary>§五(四): opinions answered (及时回应); the notice sets no number, the county's default is three weeks of working days.</summary>
    public const int OpinionDueWorkingDays = 15;
}

/// <summary>One change of a campaign's settings: who, when, before and after (as JSON of the settings).</summary>
public class CampaignChangeRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; } = DateTimeOffset.UtcNow;
    public required string Before { get; set; }
    public required string After { get; set; }
}
