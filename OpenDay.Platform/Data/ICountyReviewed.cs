namespace OpenDay.Platform.Data;

/// <summary>
/// Tenant data that the county admin changes as well as its unit (a plan it records or returns): the write guard
/// lets the county admin modify it, and its row-level security policy must allow the same.
/// </summary>
public interface ICountyReviewed;
