using Microsoft.EntityFrameworkCore;
using OpenDay.Platform.Data;
using OpenDay.Platform.Tenancy;
using OpenDay.Units.Domain;
using Unit = OpenDay.Units.Domain.Unit;

namespace OpenDay.Units.Infrastructure;

public class UnitsDbContext(DbContextOptions<UnitsDbContext> options, CallerContext caller) : TenantDbContext(options, caller)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();

    /// <summary>The anonymous list of active units: a view, so row-level security on the table stays closed to anonymous callers.</summary>
    public DbSet<PublicUnitListing> PublicUnits => Set<PublicUnitListing>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.Code);
            unit.Property(u => u.Code).HasMaxLength(64);
            unit.Property(u => u.Name).HasMaxLength(100);
            unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
            unit.Property(u => u.SupervisingUnitCode).HasMaxLength(64);
            unit.Property(u => u.ContactName).HasMaxLength(50);
            unit.Property(u => u.ContactPhone).HasMaxLength(20);
            unit.HasIndex(u => u.SupervisingUnitCode);
            unit.HasIndex(u => u.Name);
            // The registry is the tenants themselves: a unit reads its own row and those it supervises.
            unit.HasQueryFilter(u => ReadsAllTenants || u.Code == CurrentTenantId || u.SupervisingUnitCode == CurrentTenantId);
            unit.HasData(UnitSeed.Units);
        });
        modelBuilder.Entity<StaffAssignment>(staff =>
        {
            staff.ToTable("staff_assignments");
            staff.Property(s => s.UnitCode).HasMaxLength(64);
            staff.Property(s => s.Username).HasMaxLength(100);
            staff.Property(s => s.UserId).HasMaxLength(64);
            staff.Property(s => s.AssignedBy).HasMaxLength(100);
            staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(40);
            staff.HasKey(s => s.Username);
            staff.HasIndex(s => s.UnitCode);
            staff.HasQueryFilter(s => ReadsAllTenants || s.UnitCode == CurrentTenantId);
        });
        modelBuilder.Entity<PublicUnitListing>(listing =>
        {
            listing.ToView("public_units");
            listing.HasNoKey();
            listing.Property(u => u.Kind).HasConversion<string>();
        });
        base.OnModelCreating(modelBuilder);
    }
}
