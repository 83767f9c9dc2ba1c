using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AssessmentDbContext>
{
    public AssessmentDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<AssessmentDbContext>().UseNpgsql("Host=localhost;Database=assessmentdb").Options,
        new CallerContext(new HttpContextAccessor()));
}
