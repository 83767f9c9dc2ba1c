using OpenDay.ServiceDefaults.Data;

namespace OpenDay.Assessment.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<AssessmentDbContext>;
