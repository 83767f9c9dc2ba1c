using OpenDay.Platform.Data;

namespace OpenDay.Units.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<UnitsDbContext>;
