using OpenDay.Units.V1;

namespace OpenDay.Units.Domain;

/// <summary>An open unit (开放主体). Its code is its tenant id: every row of tenant data elsewhere names it.</summary>
public class Unit
{
    /// <summary>The unit's stable code, e.g. <c>gaoqiao-town</c>; also the <c>tenant</c> claim of its staff.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    /// <summary>The county department that supervises an enterprise, service window or public institution (§二).</summary>
    public string? SupervisingUnitCode { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    /// <summary>A retired unit keeps its history and runs no new events.</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset? RetiredAt { get; set; }
}
