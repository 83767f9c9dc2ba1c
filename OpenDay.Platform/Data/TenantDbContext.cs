using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Platform.Data;

/// <summary>
/// The base of every service's DbContext. Every <see cref="ITenantOwned"/> entity gets a global query filter
/// from the caller's token (a unit sees its own rows; the county roles read all), and is stamped with the
/// caller's tenant on insert. A change to another tenant's row is refused before it reaches the database.
/// An <see cref="IAssignedToUnit"/> entity is also readable through its assignee, and changeable by it.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options, CallerContext caller) : DbContext(options)
{
    // Read per query, not captured at model build: EF Core parameterises members of the context.
    protected string? CurrentTenantId => caller.TenantId;
    protected bool ReadsAllTenants => caller.ReadsAllUnits;
    protected List<string> SupervisedTenantIds => [.. caller.SupervisedTenantIds];

    protected CallerContext Caller => caller;

    /// <summary>Every change made through this context, written with it (see <see cref="AuditRecord"/>).</summary>
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    /// <summary>Set for migrations: the owner's session, not bound by row-level security.</summary>
    public bool IsOwnerSession { get; set; }

    /// <summary>
    /// Set while the context's own code sends the request role and settings with its transaction's first statement
    /// (<see cref="TenantBatches.BeginTransaction"/>): the connection interceptor then does not send them on open.
    /// </summary>
    public bool SessionPerTransaction { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("audit_records");
            audit.Property(a => a.UserId).HasMaxLength(64);
            audit.Property(a => a.UserName).HasMaxLength(100);
            audit.Property(a => a.Operation).HasMaxLength(200);
            audit.Property(a => a.RecordType).HasMaxLength(100);
            audit.Property(a => a.RecordKey).HasMaxLength(200);
            audit.Property(a => a.Change).HasMaxLength(20);
            audit.HasIndex(a => a.OccurredAt);
        });
        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            var entity = modelBuilder.Entity(entityType.ClrType);
            entity.Property(nameof(ITenantOwned.TenantId)).HasMaxLength(64).IsRequired();
            entity.HasIndex(nameof(ITenantOwned.TenantId));
            if (typeof(IAssignedToUnit).IsAssignableFrom(entityType.ClrType))
            {
                entity.Property(nameof(IAssignedToUnit.AssignedTenantId)).HasMaxLength(64).IsRequired();
                entity.HasIndex(nameof(IAssignedToUnit.AssignedTenantId));
            }
            entity.HasQueryFilter(TenantFilter(entityType.ClrType));
        }
    }

    private LambdaExpression TenantFilter(Type clrType)
    {
        // e => this.ReadsAllTenants || Readable(e.TenantId) [|| Readable(e.AssignedTenantId)], where
        // Readable(x) = x == this.CurrentTenantId || this.SupervisedTenantIds.Contains(x)
        var e = Expression.Parameter(clrType, "e");
        var context = Expression.Constant(this);
        Expression Readable(string column)
        {
            var tenantId = Expression.Property(e, column);
            return Expression.OrElse(
                Expression.Equal(tenantId, Expression.Property(context, ContextProperty(nameof(CurrentTenantId)))),
                Expression.Call(Expression.Property(context, ContextProperty(nameof(SupervisedTenantIds))),
                    typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, tenantId));
        }
        var body = Expression.OrElse(Expression.Property(context, ContextProperty(nameof(ReadsAllTenants))), Readable(nameof(ITenantOwned.TenantId)));
        if (typeof(IAssignedToUnit).IsAssignableFrom(clrType)) body = Expression.OrElse(body, Readable(nameof(IAssignedToUnit.AssignedTenantId)));
        return Expression.Lambda(body, e);
    }

    private static PropertyInfo ContextProperty(string name) =>
        typeof(TenantDbContext).GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic)!;

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        RecordAudit();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        RecordAudit();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>One audit record per changed row, in the same transaction; only the record's key, never its content.</summary>
    private void RecordAudit()
    {
        if (caller.TenantId is not { } tenant) return; // no signed-in caller: start-up seeding, not a user's change
        var changes = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditRecord)
            .ToList();
        foreach (var entry in changes)
        {
            var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
            AuditRecords.Add(AuditOf(entry.Metadata.ClrType.Name, string.Join(',', key), entry.State.ToString()));
        }
    }

    /// <summary>The audit record of one change by the caller (who, in which unit, through which RPC, to which record).</summary>
    protected internal AuditRecord AuditOf(string recordType, string recordKey, string change) => new()
    {
        TenantId = caller.RequiredTenantId,
        UserId = caller.UserId ?? "anonymous",
        UserName = caller.UserName ?? "anonymous", // a member of the public, through a public route
        Operation = caller.Operation,
        RecordType = recordType,
        RecordKey = recordKey,
        Change = change,
    };

    /// <summary>Sets the tenant of new rows (idempotent): a context that derives rows from them may call it first.</summary>
    protected void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when string.IsNullOrEmpty(entry.Entity.TenantId):
                    entry.Entity.TenantId = caller.RequiredTenantId;
                    break;
                case EntityState.Modified when entry.Entity is ICountyReviewed && caller.IsInRole(ServiceDefaults.Authentication.Roles.CountyAdmin):
                    break;
                // The assignee works on the row but cannot pass it on: assigned to it before and after the change.
                case EntityState.Modified when entry.Entity is IAssignedToUnit assigned && caller.TenantId is { } assignee
                                               && assigned.AssignedTenantId == assignee
                                               && entry.Property(nameof(IAssignedToUnit.AssignedTenantId)).OriginalValue as string == assignee:
                    break;
                case EntityState.Added or EntityState.Modified or EntityState.Deleted
                    when entry.Entity.TenantId != caller.TenantId:
                    throw new TenantMismatchException(entry.Metadata.ClrType.Name);
            }
        }
    }
}

/// <summary>A write that would touch another tenant's row; a bug if it ever happens, never a user error.</summary>
public sealed class TenantMismatchException(string entity)
    : InvalidOperationException($"Refused to write a {entity} that belongs to another unit.");
