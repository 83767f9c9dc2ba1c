using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenDay.Platform.Data;

public static class MigrationExtensions
{
    private static readonly ActivitySource ActivitySource = new(ServiceDefaultsExtensions.ActivitySourceName);

    /// <summary>
    /// Applies the context's pending EF Core migrations (creating the database if needed) before the service
    /// starts listening, so no request ever meets an old schema and <c>/health</c> turns green only after it.
    /// <paramref name="seed"/> then adds what the service must start with, as the owner (row-level security does not apply).
    /// </summary>
    public static async Task MigrateDatabaseAsync<TContext>(this WebApplication app, Func<TContext, CancellationToken, Task>? seed = null)
        where TContext : DbContext
    {
        using var activity = ActivitySource.StartActivity($"Migrate {typeof(TContext).Name}", ActivityKind.Client);
        await using var scope = app.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (context is TenantDbContext tenantContext) tenantContext.IsOwnerSession = true;
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<TContext>>();
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var pending = (await context.Database.GetPendingMigrationsAsync()).ToList();
            logger.LogInformation("Applying {Count} pending migration(s) to {Context}: {Migrations}",
                pending.Count, typeof(TContext).Name, pending);
            await context.Database.MigrateAsync();
            if (seed is not null) await seed(context, app.Lifetime.ApplicationStopping);
        });
    }
}
