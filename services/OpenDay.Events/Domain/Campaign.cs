namespace OpenDay.Events.Domain;

/// <summary>
/// A yearly campaign (年度活动) and its rules: every number the notice sets is a setting here, with the 2023 notice's
/// values as defaults (SPEC.md §3).
/// </summary>
public class Campaign
{
    public int Year { get; set; }
    /// <summary>§二: 9月中旬至10月底.</summary>
    public DateOnly ActivityStartsOn { get; set; }
    public DateOnly ActivityEndsOn { get; set; }
    /// <summary>§六(四): plans filed by 9月15日.</summary>
    public DateOnly PlanFilingDeadline { get; set; }
    /// <summary>§六(三): the report within 5 working days after the activity.</summary>
    public int ReportDeadlineWorkingDays { get; set; } = 5;
    /// <summary>§四: 原则上每个开放点30人以内.</summary>
    public int MaxParticipantsPerEvent { get; set; } = 30;
    /// <summary>§四: 群众代表比例不低于三分之一, kept as a fraction so ⌈total × share⌉ stays exact.</summary>
    public int MinPublicShareNumerator { get; set; } = 1;
    public int MinPublicShareDenominator { get; set; } = 3;
    /// <summary>§二: 每年至少举办1次.</summary>
    public int MinEventsPerUnit { get; set; } = 1;

    /// <summary>The notice's settings for a year.</summary>
    public static Campaign Defaults(int year) => new()
    {
        Year = year,
        ActivityStartsOn = new DateOnly(year, 9, 15),
        ActivityEndsOn = new DateOnly(year, 10, 31),
        PlanFilingDeadline = new DateOnly(year, 9, 15),
    };

    /// <summary>Settings are final once the activity window has opened.</summary>
    public bool WindowOpen(DateOnly today) => today >= ActivityStartsOn;

    public bool IsInWindow(DateOnly day) => day >= ActivityStartsOn && day <= ActivityEndsOn;
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
