using OpenDay.Events.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Events.Domain;

/// <summary>
/// A unit's plan for the year (计划备案, §六(一)(四)): filed by the unit, recorded or returned by the county office.
/// </summary>
public class Plan : ITenantOwned, ICountyReviewed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public int Year { get; set; }
    public List<DateOnly> OpenDates { get; set; } = [];
    public List<string> Themes { get; set; } = [];
    public List<EventForm> Forms { get; set; } = [];
    public required string ImplementationPlan { get; set; }
    public PlanStatus Status { get; set; } = PlanStatus.Filed;
    public DateTimeOffset FiledAt { get; set; }
    public bool Late { get; set; }
    public string? ReturnReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>How a unit stands with its plan for the year (§六(四)): not filed, returned and not filed again, late, or on time.</summary>
    public static PlanFiling FilingOf(Plan? plan) => plan switch
    {
        null => PlanFiling.NotFiled,
        { Status: PlanStatus.Returned } => PlanFiling.Returned,
        { Late: true } => PlanFiling.Late,
        _ => PlanFiling.OnTime,
    };
}
