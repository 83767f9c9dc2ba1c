using System.Security.Claims;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Units.V1;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// Who is calling, read only from the verified token: the user, their unit (tenant, 开放主体) and roles.
/// Never from a header or a body a caller can set.
/// </summary>
public sealed class CallerContext(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    private string? _actingForTenantId;

    /// <summary>The caller's unit code; null for anonymous callers or tokens without a tenant.</summary>
    public string? TenantId => _actingForTenantId ?? (IsAuthenticated ? User.FindFirst(KeycloakClaims.Tenant)?.Value : null);

    /// <summary>
    /// A public route (a sign-up, an answer to an invitation) or a service delivering a change acts for the unit whose
    /// record it touches, found by the handler first: from then on the request reads and writes as that unit, under
    /// the same query filters and row-level security. Call it before the first query that needs it; only those
    /// handlers call it, whoever the caller is.
    /// </summary>
    public void ActFor(string tenantId) => _actingForTenantId = tenantId;

    private bool _readsAllUnits;

    /// <summary>
    /// A service gathering the year's facts for the score (its own account, never a user) reads every unit's rows, as the
    /// county roles do; it writes nothing. Only those handlers call it.
    /// </summary>
    public void ReadAllUnits() => _readsAllUnits = true;

    /// <summary>Every unit's rows are readable: the county roles, or a service gathering the score's facts.</summary>
    public bool ReadsAllUnits => _readsAllUnits || IsCountyRole;

    public string? UserId => User.FindFirst(KeycloakClaims.Subject)?.Value;

    public string? UserName => User.FindFirst(KeycloakClaims.UserName)?.Value;

    /// <summary>The RPC being served (<c>/package.Service/Method</c>), for native gRPC and JSON calls alike.</summary>
    public string Operation => accessor.HttpContext is { } http
        ? http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? http.Request.Path.ToString()
        : "";

    public bool IsInRole(string role) => User.IsInRole(role);

    /// <summary>The county office's roles read every unit's data (SPEC.md §2).</summary>
    public bool IsCountyRole => IsInRole(Roles.CountyAdmin) || IsInRole(Roles.CountyInspector);

    /// <summary>The tenant; the authorization policies refuse a signed-in caller whose token carries none.</summary>
    public string RequiredTenantId => TenantId
        ?? throw new InvalidOperationException("The caller's token carries no tenant claim.");

    /// <summary>What the unit directory says of the caller's unit, loaded per request (null for county roles and the units service).</summary>
    public UnitFacts? UnitFacts { get; set; }

    /// <summary>Units whose data the caller reads but never changes: those their unit supervises (§二).</summary>
    public IReadOnlyList<string> SupervisedTenantIds => UnitFacts?.SupervisedUnitCodes ?? (IReadOnlyList<string>)[];
}
