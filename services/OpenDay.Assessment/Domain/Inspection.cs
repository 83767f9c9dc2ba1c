using OpenDay.Assessment.V1;
using OpenDay.Platform.Data;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// An inspection (督促检查) or on-site visit (现场走访) by the county office (§六(四)): owned by the county office that
/// recorded it and assigned to the inspected unit, which reads it and records its rectification (and nothing else).
/// </summary>
public class Inspection : ITenantOwned, IAssignedToUnit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The recording county office.</summary>
    public string TenantId { get; set; } = "";
    /// <summary>The inspected unit (stored as <c>UnitCode</c>).</summary>
    public string AssignedTenantId { get; set; } = "";
    public Guid? EventId { get; set; }
    public DateOnly InspectedOn { get; set; }
    public InspectionKind Kind { get; set; }
    public required string Findings { get; set; }
    public InspectionRating Rating { get; set; }
    public string RectificationRequired { get; set; } = "";
    public int RectificationWorkingDays { get; set; }
    public DateOnly? RectificationDueOn { get; set; }
    public DateOnly? RectifiedOn { get; set; }
    public string RectificationNote { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }

    public bool NeedsRectification => Rating == InspectionRating.ProblemsFound;

    /// <summary>Problems found and not yet rectified: the county's open list.</summary>
    public bool IsOpen => NeedsRectification && RectifiedOn is null;

    public bool RectifiedOnTime => InspectionRules.RectifiedOnTime(RectificationDueOn, RectifiedOn);
}

/// <summary>What an inspection record and a rectification must be.</summary>
public static class InspectionRules
{
    public const int MaxFindings = 4000;
    public const int MaxRectification = 2000;
    public const int MaxWorkingDays = 60;

    public static FieldViolations CheckRecord(FieldViolations violations, RecordInspectionRequest request, DateOnly inspectedOn, DateOnly today)
    {
        var problems = request.Rating == InspectionRating.ProblemsFound;
        return violations
            .Check(request.InspectedOn.Length == 0 || inspectedOn <= today, "inspected_on", "inspected_on cannot be in the future.")
            .Check(request.Kind != InspectionKind.Unspecified && Enum.IsDefined(request.Kind), "kind", "kind must be supervision (督促检查) or site visit (现场走访).")
            .Required(request.Findings, "findings", MaxFindings)
            .Check(request.Rating != InspectionRating.Unspecified && Enum.IsDefined(request.Rating), "rating",
                "rating must be good, acceptable or problems found.")
            .Check(!problems || !string.IsNullOrWhiteSpace(request.RectificationRequired), "rectification_required",
                "rectification_required is required when problems were found: what must be rectified.")
            .Check(problems || request.RectificationRequired.Length == 0, "rectification_required",
                "rectification_required is only for an inspection that found problems.")
            .Check(request.RectificationRequired.Length <= MaxRectification, "rectification_required",
                $"rectification_required must be at most {MaxRectification} characters.")
            .Check(problems ? request.RectificationWorkingDays is >= 1 and <= MaxWorkingDays : request.RectificationWorkingDays == 0,
                "rectification_working_days",
                problems ? $"rectification_working_days must be from 1 to {MaxWorkingDays} when problems were found."
                    : "rectification_working_days is only for an inspection that found problems.");
    }

    /// <summary>Why the unit cannot record a rectification now, or null.</summary>
    public static string? RectificationRefusal(Inspection inspection) => inspection switch
    {
        { NeedsRectification: false } => "This inspection found no problems; there is nothing to rectify. 该检查未发现问题，无需整改。",
        { RectifiedOn: not null } => $"The rectification was recorded on {inspection.RectifiedOn.Value.ToWire()}. 已记录整改情况。",
        _ => null,
    };

    public static bool RectifiedOnTime(DateOnly? dueOn, DateOnly? rectifiedOn) => dueOn is { } due && rectifiedOn is { } done && done <= due;
}
