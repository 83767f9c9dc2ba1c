using Npgsql;
using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Data;
using OpenDay.Platform.Tenancy;

using Participant = OpenDay.Registrations.Domain.Participant;
using Notification = OpenDay.Registrations.Domain.Notification;

namespace OpenDay.Registrations.Infrastructure;

public class RegistrationsDbContext(DbContextOptions<RegistrationsDbContext> options, CallerContext caller)
    : TenantDbContext(options, caller)
{
    public const string UniquePersonPerEvent = "IX_participants_one_person_per_event";
    public const string UniqueIdempotencyKey = "IX_participants_idempotency_key";

    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<EventRoster> Rosters => Set<EventRoster>();
    public DbSet<Notification> Notifications => Set<Notification>();

    /// <summary>The roster row as it stands, without a lock (rows the caller may read: its unit's and those it supervises).</summary>
    public Task<EventRoster?> ReadRosterAsync(Guid eventId, CancellationToken cancellationToken) =>
        Rosters.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId, cancellationToken);

    /// <summary>
    /// The event's roster row, locked until the transaction ends, for a step that takes or frees a seat: the only
    /// place where sign-ups contend, and only those steps come here. Null for an event registrations has not heard of
    /// (or another unit's: row-level security still applies; callers found the event through the filters first).
    /// </summary>
    public Task<EventRoster?> LockRosterAsync(Guid eventId, CancellationToken cancellationToken) =>
        OneRoster(Rosters.FromSql($"""SELECT * FROM event_rosters WHERE "EventId" = {eventId} FOR NO KEY UPDATE"""), cancellationToken);

    /// <summary>
    /// The roster row for a change of the event itself (a cancellation): it waits for sign-ups in flight and they for
    /// it, so none slips in beside a cancellation.
    /// </summary>
    public Task<EventRoster?> LockRosterForEventChangeAsync(Guid eventId, CancellationToken cancellationToken) =>
        OneRoster(Rosters.FromSql($"""SELECT * FROM event_rosters WHERE "EventId" = {eventId} FOR UPDATE"""), cancellationToken);

    /// <summary>
    /// The roster row for a new sign-up or invitation: any number of them hold it together, and the seat steps
    /// (<see cref="LockRosterAsync"/>) do not wait for them; only a change of the event does.
    /// </summary>
    public Task<EventRoster?> ShareRosterAsync(Guid eventId, CancellationToken cancellationToken) =>
        OneRoster(Rosters.FromSql($"""SELECT * FROM event_rosters WHERE "EventId" = {eventId} FOR KEY SHARE"""), cancellationToken);

    /// <summary>
    /// A public sign-up in two round trips: (1) the transaction begun with the request's session settings and the
    /// roster row shared as <see cref="ShareRosterAsync"/> shares it; <paramref name="check"/> applies the roster's
    /// rules to it (and throws to refuse); (2) the application and its audit record in one statement that adds nothing
    /// when a unique index already holds the person or the idempotency key on this event, and the commit. True when
    /// added; false when nothing was (the caller finds out why, as after a unique violation).
    /// </summary>
    public Task<bool> AddPublicApplicationAsync(Participant application, Action<EventRoster?> check, CancellationToken cancellationToken) =>
        Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            application.TenantId = Caller.RequiredTenantId;
            var connection = (NpgsqlConnection)Database.GetDbConnection();
            SessionPerTransaction = true;
            await Database.OpenConnectionAsync(ct);
            var open = false;
            try
            {
                await using (var first = new NpgsqlBatch(connection))
                {
                    foreach (var command in TenantBatches.BeginTransaction(Caller)) first.BatchCommands.Add(command);
                    first.BatchCommands.Add(new NpgsqlBatchCommand("""SELECT * FROM event_rosters WHERE "EventId" = $1 FOR KEY SHARE""")
                    {
                        Parameters = { new NpgsqlParameter { Value = application.EventId } },
                    });
                    open = true;
                    EventRoster? roster = null;
                    await using (var reader = await first.ExecuteReaderAsync(ct))
                    {
                        // Past the settings' row to the roster's result.
                        while (!(reader.FieldCount > 0 && reader.GetName(0) == nameof(EventRoster.EventId)) && await reader.NextResultAsync(ct)) { }
                        if (await reader.ReadAsync(ct)) roster = this.Materialize<EventRoster>(reader);
                    }
                    check(roster);
                }
                await using var second = new NpgsqlBatch(connection)
                {
                    BatchCommands =
                    {
                        this.InsertIfAbsentWithAudit(application, AuditOf(nameof(Participant), application.Id.ToString(), nameof(EntityState.Added))),
                        new NpgsqlBatchCommand("COMMIT"),
                    },
                };
                var added = (int)(await second.ExecuteScalarAsync(ct))! == 1;
                open = false;
                return added;
            }
            finally
            {
                if (open && connection.State == System.Data.ConnectionState.Open)
                {
                    await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                    await rollback.ExecuteNonQueryAsync(CancellationToken.None);
                }
                SessionPerTransaction = false;
                await Database.CloseConnectionAsync();
            }
        }, cancellationToken);

    private static Task<EventRoster?> OneRoster(IQueryable<EventRoster> locked, CancellationToken cancellationToken) =>
        locked.IgnoreQueryFilters().SingleOrDefaultAsync(cancellationToken);

    /// <summary>The unit that holds a participant's code, for the public routes that come with nothing but the code.</summary>
    public Task<string?> FindTenantByCodeAsync(string code, CancellationToken cancellationToken) =>
        Database.SqlQuery<string?>($"SELECT participant_tenant({code}) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>1 for the next in line; 0 when not waitlisted.</summary>
    public async Task<int> WaitlistPositionAsync(Participant participant, CancellationToken cancellationToken) =>
        participant.Status != ParticipantStatus.Waitlisted ? 0 : 1 + await Participants.CountAsync(other =>
            other.EventId == participant.EventId && other.Status == ParticipantStatus.Waitlisted && other.WaitlistedAt < participant.WaitlistedAt,
            cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Participant>(p =>
        {
            p.ToTable("participants");
            p.Property(x => x.Name).HasMaxLength(50);
            p.Property(x => x.StatedRole).HasMaxLength(50);
            p.Property(x => x.WorkUnit).HasMaxLength(100);
            p.Property(x => x.MobileMasked).HasMaxLength(11);
            p.Property(x => x.IdNumberMasked).HasMaxLength(18);
            p.Property(x => x.Reason).HasMaxLength(500);
            p.Property(x => x.Code).HasMaxLength(32);
            p.Property(x => x.IdempotencyKey).HasMaxLength(100);
            p.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Category).HasConversion<string>().HasMaxLength(40);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Attendance).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.Version).IsRowVersion();
            p.HasIndex(x => x.Code).IsUnique();
            p.HasIndex(x => new { x.EventId, x.Status });
            // One person at most once per event, invitations included; a withdrawn or declined one may come back.
            p.HasIndex(x => new { x.EventId, x.IdNumberHash }).IsUnique().HasDatabaseName(UniquePersonPerEvent)
                .HasFilter($"\"IdNumberHash\" IS NOT NULL AND \"Status\" NOT IN ('{ParticipantStatus.Withdrawn}', '{ParticipantStatus.Declined}')");
            p.HasIndex(x => new { x.EventId, x.IdempotencyKey }).IsUnique().HasDatabaseName(UniqueIdempotencyKey)
                .HasFilter("\"IdempotencyKey\" IS NOT NULL");
        });
        modelBuilder.Entity<EventRoster>(r =>
        {
            r.ToTable("event_rosters");
            r.HasKey(x => x.EventId);
            r.Property(x => x.Title).HasMaxLength(200);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(40);
            r.Property(x => x.CancellationReason).HasMaxLength(500);
        });
        modelBuilder.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Message).HasMaxLength(500);
            n.HasIndex(x => x.EventId);
        });
        base.OnModelCreating(modelBuilder);
    }
}
