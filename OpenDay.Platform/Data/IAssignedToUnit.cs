namespace OpenDay.Platform.Data;

/// <summary>
/// Tenant data owned by one unit and assigned to another (an opinion recorded by 高桥镇 that 县住房和城乡建设局 must
/// answer): a second visibility dimension. The assignee — and whoever may read the assignee (its supervising department,
/// the county roles) — reads the row as if it were its own; the assignee may change it while it stays assigned to it,
/// but never hand it to a third unit (only the owner does that). Declaring the interface is enough for the query
/// filter and the write guard of <see cref="TenantDbContext"/>; the table's policy comes from
/// <see cref="RowLevelSecurity.EnableTenantRowLevelSecurity"/> with its <c>assigneeColumn</c>.
/// </summary>
public interface IAssignedToUnit
{
    /// <summary>The unit the row is assigned to; may equal the owner's <see cref="ITenantOwned.TenantId"/>.</summary>
    string AssignedTenantId { get; set; }
}
