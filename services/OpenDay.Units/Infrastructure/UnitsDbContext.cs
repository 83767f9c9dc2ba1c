using Microsoft.EntityFrameworkCore;
using OpenDay.ServiceDefaults.Data;
using OpenDay.ServiceDefaults.Tenancy;
using Unit = OpenDay.Units.Domain.Unit;

namespace OpenDay.Units.Infrastructure;

public class UnitsDbContext(DbContextOptions<UnitsDbContext> options, CallerContext caller) : TenantDbContext(options, caller)
{
    public DbSet<Unit> Units => Set<Unit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Unit>(unit =>
        {
            unit.ToTable("units");
            unit.HasKey(u => u.TenantId);
            unit.Property(u => u.TenantId).HasColumnName("code");
            unit.Property(u => u.Name).HasMaxLength(100);
            unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(40);
            unit.Property(u => u.SupervisingUnitCode).HasMaxLength(64);
            unit.Property(u => u.ContactName).HasMaxLength(50);
            unit.Property(u => u.ContactPhone).HasMaxLength(20);
            unit.HasData(UnitSeed.Units);
        });
        base.OnModelCreating(modelBuilder);
    }
}
