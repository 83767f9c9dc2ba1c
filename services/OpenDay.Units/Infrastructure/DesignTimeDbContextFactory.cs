using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Units.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<UnitsDbContext>
{
    public UnitsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<UnitsDbContext>().UseNpgsql("Host=localhost;Database=unitsdb").Options,
        new CallerContext(new HttpContextAccessor()));
}
