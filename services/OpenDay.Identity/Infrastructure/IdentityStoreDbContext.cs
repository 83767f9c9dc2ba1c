using Microsoft.EntityFrameworkCore;

namespace OpenDay.Identity.Infrastructure;

/// <summary>OpenIddict's applications, authorizations and tokens (codes, refresh tokens).</summary>
public class IdentityStoreDbContext(DbContextOptions<IdentityStoreDbContext> options) : DbContext(options);
