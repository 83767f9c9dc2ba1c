namespace OpenDay.ServiceDefaults.Authentication;

/// <summary>The claim names a Keycloak realm built from <c>openday-realm.json</c> puts into its tokens.</summary>
public static class KeycloakClaims
{
    public const string Subject = "sub";
    public const string UserName = "preferred_username";
    public const string Tenant = "tenant";
    /// <summary>Keycloak nests realm roles: <c>"realm_access": { "roles": [ … ] }</c>.</summary>
    public const string RealmAccess = "realm_access";
    /// <summary>The flat role claim the services map <see cref="RealmAccess"/> into.</summary>
    public const string Role = "role";
}

/// <summary>The realm roles of SPEC.md §1.</summary>
public static class Roles
{
    /// <summary>县政务公开办公室 administrator.</summary>
    public const string CountyAdmin = "county-admin";
    /// <summary>县政务公开办公室 inspector (督查).</summary>
    public const string CountyInspector = "county-inspector";
    public const string UnitAdmin = "unit-admin";
    public const string UnitStaff = "unit-staff";
    /// <summary>Not a person: an OpenDay service calling another as itself (its service account).</summary>
    public const string Service = "openday-service";
}
