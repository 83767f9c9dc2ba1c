using OpenDay.Platform.Data;

namespace OpenDay.Events.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<EventsDbContext>;
