using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.Domain;
using OpenDay.ServiceDefaults.Data;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Registrations.Infrastructure;

public class RegistrationsDbContext(DbContextOptions<RegistrationsDbContext> options, CallerContext caller)
    : TenantDbContext(options, caller)
{
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Invitation>(i =>
        {
            i.ToTable("invitations");
            i.Property(x => x.Name).HasMaxLength(50);
            i.Property(x => x.Mobile).HasMaxLength(11);
            i.Property(x => x.Code).HasMaxLength(32);
            i.HasIndex(x => x.Code).IsUnique();
            i.HasIndex(x => x.EventId);
            i.Property(x => x.Category).HasConversion<string>().HasMaxLength(40);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
        });
        base.OnModelCreating(modelBuilder);
    }
}
