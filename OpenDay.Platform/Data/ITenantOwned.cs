namespace OpenDay.Platform.Data;

/// <summary>A row of tenant data: it belongs to one unit (开放主体), stamped from the caller's token on insert.</summary>
public interface ITenantOwned
{
    string TenantId { get; set; }
}
