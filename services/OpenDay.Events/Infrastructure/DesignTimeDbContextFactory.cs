using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Events.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EventsDbContext>
{
    public EventsDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<EventsDbContext>().UseNpgsql("Host=localhost;Database=eventsdb").Options,
        new CallerContext(new HttpContextAccessor()));
}
