using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpenDay.Identity.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IdentityStoreDbContext>
{
    public IdentityStoreDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<IdentityStoreDbContext>().UseNpgsql("Host=localhost;Database=identitydb").UseOpenIddict().Options);
}
