using OpenDay.Platform.Data;

namespace OpenDay.Registrations.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<RegistrationsDbContext>;
