using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Platform.Data;

/// <summary>
/// For <c>dotnet ef migrations add</c>: builds a service's context with no caller and no database behind it.
/// A service declares <c>class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory&lt;ItsDbContext&gt;;</c>.
/// </summary>
public abstract class DesignTimeTenantDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : TenantDbContext
{
    public TContext CreateDbContext(string[] args) => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost").Options,
        new CallerContext(new HttpContextAccessor()))!;
}
