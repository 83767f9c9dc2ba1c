using OpenDay.Units.V1;

namespace OpenDay.Units.Domain;

/// <summary>What anyone may know of an active unit: read from the <c>public_units</c> view, never from the table.</summary>
public class PublicUnitListing
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public UnitKind Kind { get; init; }
}
