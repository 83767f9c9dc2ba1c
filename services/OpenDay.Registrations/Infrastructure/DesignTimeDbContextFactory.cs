using OpenDay.ServiceDefaults.Data;

namespace OpenDay.Registrations.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<RegistrationsDbContext>;
