using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Registrations.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegistrationsDbContext>
{
    public RegistrationsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<RegistrationsDbContext>().UseNpgsql("Host=localhost;Database=registrationsdb").Options,
        new CallerContext(new HttpContextAccessor()));
}
