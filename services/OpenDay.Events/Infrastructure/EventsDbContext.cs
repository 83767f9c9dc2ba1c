using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.Infrastructure.Outbox;
using OpenDay.Platform.Data;
using OpenDay.Platform.Tenancy;
using OpenDay.Platform.Time;

namespace OpenDay.Events.Infrastructure;

public class EventsDbContext(DbContextOptions<EventsDbContext> options, CallerContext caller) : TenantDbContext(options, caller)
{
    public DbSet<Event> Events => Set<Event>();
    public DbSet<PublicEventRow> PublicEvents => Set<PublicEventRow>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignChangeRecord> CampaignChanges => Set<CampaignChangeRecord>();
    public DbSet<CalendarYearRecord> CalendarYears => Set<CalendarYearRecord>();
    public DbSet<CalendarDayRecord> CalendarDays => Set<CalendarDayRecord>();
    public DbSet<EventChangeRecord> EventChanges => Set<EventChangeRecord>();

    /// <summary>The events a campaign year counts as held (held or reported, starting in the year, Asia/Shanghai): the compliance view's and the score's.</summary>
    public IQueryable<Event> HeldIn(int year)
    {
        var (from, until) = (ChinaTime.DayStart(new DateOnly(year, 1, 1)), ChinaTime.DayStart(new DateOnly(year + 1, 1, 1)));
        return Events.AsNoTracking()
            .Where(e => (e.Status == V1.EventStatus.Held || e.Status == V1.EventStatus.Reported) && e.StartsAt >= from && e.StartsAt < until);
    }

    /// <summary>Every saved change of an event also goes into the outbox, in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant(); // a new event's unit, before its snapshot is taken
        var changed = ChangeTracker.Entries<Event>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToList();
        if (changed.Count > 0)
        {
            var years = changed.Select(e => ChinaTime.DateOf(e.StartsAt).Year).Distinct().ToList();
            var campaigns = await Campaigns.AsNoTracking().Where(c => years.Contains(c.Year)).ToDictionaryAsync(c => c.Year, cancellationToken);
            // An event always falls in a campaign's window; the notice's settings if that ever were not so.
            Campaign CampaignOf(Event e) => campaigns.GetValueOrDefault(ChinaTime.DateOf(e.StartsAt).Year) ?? Campaign.Defaults(ChinaTime.DateOf(e.StartsAt).Year);
            EventChanges.AddRange(changed.Select(e => EventChangeRecord.Of(e, CampaignOf(e))));
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The whole stored calendar, as the one working-days function reads it.</summary>
    public async Task<WorkingDayCalendar> LoadCalendarAsync(CancellationToken cancellationToken) => new(
        (await CalendarDays.AsNoTracking().ToListAsync(cancellationToken)).Select(d => new CalendarDay(d.Date, d.Kind, d.Name)),
        await CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Event>(e =>
        {
            e.ToTable("events");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Theme).HasMaxLength(200);
            e.Property(x => x.Venue).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.Agenda).HasMaxLength(4000);
            e.Property(x => x.CancellationReason).HasMaxLength(500);
        });
        modelBuilder.Entity<EventChangeRecord>(change =>
        {
            change.ToTable("event_changes");
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).UseIdentityAlwaysColumn();
            change.HasIndex(c => c.Sequence).HasFilter("\"DeliveredAt\" IS NULL").HasDatabaseName("IX_event_changes_undelivered");
        });
        modelBuilder.Entity<Plan>(plan =>
        {
            plan.ToTable("plans");
            plan.HasIndex(p => new { p.TenantId, p.Year }).IsUnique();
            plan.Property(p => p.ImplementationPlan).HasMaxLength(8000);
            plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            plan.Property(p => p.ReturnReason).HasMaxLength(500);
            plan.Property(p => p.ReviewedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<PublicEventRow>(row =>
        {
            row.ToView("public_events");
            row.HasNoKey();
            row.Property(x => x.Status).HasConversion<string>();
        });
        modelBuilder.Entity<Campaign>(campaign =>
        {
            campaign.ToTable("campaigns");
            campaign.HasKey(c => c.Year);
            campaign.Property(c => c.Year).ValueGeneratedNever();
            // The notice's own campaign, and this year's and next year's for development (next year's registration is open).
            campaign.HasData(Campaign.Defaults(2023), Campaign.Defaults(2026), Campaign.Defaults(2027));
        });
        modelBuilder.Entity<CampaignChangeRecord>(change =>
        {
            change.ToTable("campaign_changes");
            change.Property(c => c.ChangedBy).HasMaxLength(100);
            change.Property(c => c.Before).HasColumnType("jsonb");
            change.Property(c => c.After).HasColumnType("jsonb");
            change.HasIndex(c => c.Year);
        });
        modelBuilder.Entity<CalendarYearRecord>(year =>
        {
            year.ToTable("calendar_years");
            year.HasKey(y => y.Year);
            year.Property(y => y.Year).ValueGeneratedNever();
            year.Property(y => y.UpdatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<CalendarDayRecord>(day =>
        {
            day.ToTable("calendar_days");
            day.HasKey(d => d.Date);
            day.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
            day.Property(d => d.Name).HasMaxLength(50);
        });
        base.OnModelCreating(modelBuilder);
    }
}
