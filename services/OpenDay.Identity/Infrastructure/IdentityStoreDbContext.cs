using Microsoft.EntityFrameworkCore;

namespace OpenDay.Identity.Infrastructure;

/// <summary>OpenIddict's applications, authorizations and tokens (codes, refresh tokens), and the realm's users.</summary>
public class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options) : DbContext(options)
{
    public DbSet<StoredUser> Users => Set<StoredUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StoredUser>(user =>
        {
            user.ToTable("realm_users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.Username).HasMaxLength(100);
            user.HasIndex(u => u.Username).IsUnique();
            user.Property(u => u.ServiceAccountClientId).HasMaxLength(100);
            user.Property(u => u.Document).HasColumnType("jsonb");
        });
    }
}

/// <summary>A realm user as Keycloak's user representation (JSON), with the columns it is looked up by.</summary>
public class StoredUser
{
    public required string Id { get; set; }
    /// <summary>Lower-case, as Keycloak keeps user names.</summary>
    public required string Username { get; set; }
    public string? ServiceAccountClientId { get; set; }
    public required string Document { get; set; }
}
