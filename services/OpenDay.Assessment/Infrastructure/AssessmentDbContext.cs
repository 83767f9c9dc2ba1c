using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Domain;
using OpenDay.Platform.Data;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Assessment.Infrastructure;

public class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options, CallerContext caller)
    : TenantDbContext(options, caller)
{
    public DbSet<Opinion> Opinions => Set<Opinion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Opinion>(o =>
        {
            o.ToTable("opinions");
            o.Property(x => x.RaisedBy).HasMaxLength(50);
            o.Property(x => x.Text).HasMaxLength(4000);
            o.Property(x => x.Topic).HasMaxLength(100);
            o.Property(x => x.ResponsibleUnitCode).HasMaxLength(64);
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
            o.HasIndex(x => x.EventId);
        });
        base.OnModelCreating(modelBuilder);
    }
}
