using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDay.Identity.Realm;

namespace OpenDay.Identity.Infrastructure;

/// <summary>
/// The realm's users, seeded from the realm file on first start and changed afterwards only through the admin API
/// (as a Keycloak realm's are): a unit assignment made by the county office outlives a restart.
/// </summary>
public sealed class UserStore(IdentityStoreDbContext db)
{
    public async Task<RealmUser?> FindByUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        var name = username.ToLowerInvariant();
        var stored = await db.Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.Username == name && u.ServiceAccountClientId == null, cancellationToken);
        return Enabled(stored);
    }

    public async Task<RealmUser?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        Enabled(await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken));

    public async Task<RealmUser?> FindServiceAccountAsync(string clientId, CancellationToken cancellationToken = default) =>
        Enabled(await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ServiceAccountClientId == clientId, cancellationToken));

    /// <summary>Every user, enabled or not, for the admin API's searches (a realm of a county's staff is small).</summary>
    public async Task<List<RealmUser>> AllAsync(CancellationToken cancellationToken = default) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken)).Select(Read).ToList();

    public async Task SaveAsync(RealmUser user, CancellationToken cancellationToken = default)
    {
        var stored = await db.Users.SingleOrDefaultAsync(u => u.Id == user.Id, cancellationToken);
        if (stored is null)
        {
            db.Users.Add(ToStored(user));
        }
        else
        {
            stored.Username = user.Username.ToLowerInvariant();
            stored.Document = Write(user);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the realm file's users that the store does not have yet; never overwrites what the admin API changed.</summary>
    public async Task SeedAsync(IEnumerable<RealmUser> users, CancellationToken cancellationToken = default)
    {
        var known = await db.Users.Select(u => u.Id).ToHashSetAsync(cancellationToken);
        db.Users.AddRange(users.Where(u => !known.Contains(u.Id)).Select(ToStored));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static StoredUser ToStored(RealmUser user) => new()
    {
        Id = user.Id,
        Username = user.Username.ToLowerInvariant(),
        ServiceAccountClientId = user.ServiceAccountClientId,
        Document = Write(user),
    };

    private static RealmUser? Enabled(StoredUser? stored) => stored is null ? null : Read(stored) is { Enabled: true } user ? user : null;

    private static RealmUser Read(StoredUser stored) =>
        JsonSerializer.Deserialize<RealmUser>(stored.Document, RealmDefinition.JsonOptions)!;

    private static string Write(RealmUser user) => JsonSerializer.Serialize(user, RealmDefinition.JsonOptions);
}
