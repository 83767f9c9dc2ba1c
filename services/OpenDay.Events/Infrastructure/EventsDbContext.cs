using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.ServiceDefaults.Data;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Events.Infrastructure;

public class EventsDbContext(DbContextOptions<EventsDbContext> options, CallerContext caller) : TenantDbContext(options, caller)
{
    public DbSet<Event> Events => Set<Event>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Event>(e =>
        {
            e.ToTable("events");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Theme).HasMaxLength(200);
            e.Property(x => x.Venue).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
        });
        base.OnModelCreating(modelBuilder);
    }
}
