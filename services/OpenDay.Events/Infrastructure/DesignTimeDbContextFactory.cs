using OpenDay.ServiceDefaults.Data;

namespace OpenDay.Events.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<EventsDbContext>;
