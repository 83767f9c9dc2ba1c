using OpenDay.Platform.Data;
using OpenDay.Units.V1;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// The county's rubric of a campaign year, and whether the year's scores are final. County data: every signed-in caller
/// reads it (units know what they are scored on), only the county admin changes it.
/// </summary>
public class ScoreYear
{
    public int Year { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }
    public string FinalisedBy { get; set; } = "";
    public uint Version { get; set; }

    public bool Finalised => FinalisedAt is not null;
}

/// <summary>One change of a year's rubric: who, when, the criteria before and after.</summary>
public class RubricChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public List<Criterion> Before { get; set; } = [];
    public List<Criterion> After { get; set; } = [];
}

/// <summary>
/// A dated computation of a year's scores with the rubric it used (county data); <see cref="Final"/> once the county
/// admin finalised it. Its rows are <see cref="UnitScoreRecord"/>s.
/// </summary>
public class ScoreSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Year { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public string ComputedBy { get; set; } = "";
    public List<Criterion> Rubric { get; set; } = [];
    public bool Final { get; set; }
}

/// <summary>One unit's row of a snapshot: owned by the county office, assigned to the unit, which reads its own and nobody else's.</summary>
public class UnitScoreRecord : ITenantOwned, IAssignedToUnit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SnapshotId { get; set; }
    public string TenantId { get; set; } = "";
    /// <summary>The scored unit (stored as <c>UnitCode</c>).</summary>
    public string AssignedTenantId { get; set; } = "";
    public string UnitName { get; set; } = "";
    public UnitKind UnitKind { get; set; }
    public int Rank { get; set; }
    public decimal Total { get; set; }
    public List<CriterionScore> Criteria { get; set; } = [];
}
