using OpenDay.Platform.Data;

namespace OpenDay.Assessment.Infrastructure;

internal sealed class DesignTimeDbContextFactory : DesignTimeTenantDbContextFactory<AssessmentDbContext>;
