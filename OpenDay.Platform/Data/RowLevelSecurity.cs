using Microsoft.EntityFrameworkCore.Migrations;

namespace OpenDay.Platform.Data;

/// <summary>
/// PostgreSQL row-level security on tenant tables, the second wall behind the EF Core query filters: requests run as
/// the non-superuser role <see cref="ApplicationRole"/> (see <see cref="TenantSessionInterceptor"/>) with the caller's
/// tenant in session settings, so a query that forgets its filter still sees only what the caller may see.
/// Migrations run as the owner, which row-level security does not bind.
/// </summary>
public static class RowLevelSecurity
{
    public const string ApplicationRole = "openday_app";

    /// <summary>Session settings the policies read.</summary>
    public const string TenantSetting = "openday.tenant";
    public const string ReadableTenantsSetting = "openday.readable_tenants";
    public const string ReadsAllSetting = "openday.reads_all";
    public const string CountyAdminSetting = "openday.county_admin";

    public static string Setting(string name) => $"current_setting('{name}', true)";

    /// <summary>
    /// The request role (no login: services switch to it with SET ROLE) and its rights on this database's tables. Roles
    /// belong to the whole server, and the services migrate their databases at the same moment on a first start: one
    /// of two creating it at once finds it created (unique violation), which is as good as creating it.
    /// </summary>
    public static void CreateApplicationRole(this MigrationBuilder migrations) => migrations.Sql($"""
        DO $$ BEGIN
          CREATE ROLE {ApplicationRole} NOLOGIN NOSUPERUSER NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$;
        GRANT USAGE ON SCHEMA public TO {ApplicationRole};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ApplicationRole};
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ApplicationRole};
        REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM {ApplicationRole};
        """);

    /// <summary>Identity columns of tables created after the role: requests insert into them.</summary>
    public static void GrantSequencesToApplicationRole(this MigrationBuilder migrations) => migrations.Sql(
        $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ApplicationRole};");

    /// <summary>
    /// A unit reads its own rows, those of the units it supervises, or all of them for the county roles; it writes only
    /// its own.
    /// </summary>
    /// <param name="readableByEveryone">Facts that are not personal and that public routes read before they know the
    /// unit (an event's capacity and sign-up window): every request reads them, only the unit writes them.</param>
    /// <param name="assigneeColumn">The column of an <see cref="IAssignedToUnit"/> table: whoever may read the assignee
    /// reads the row too, and the assignee may change it as long as it stays assigned to it (the owner reassigns).</param>
    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migrations, string table, string tenantColumn = "TenantId",
        bool countyReviewed = false, bool readableByEveryone = false, string? assigneeColumn = null)
    {
        var own = Own(tenantColumn);
        var writable = assigneeColumn is null ? own : $"{own} OR {Own(assigneeColumn)}";
        // ICountyReviewed data: the county admin may change it too (record or return a plan, reassign an opinion).
        var changeable = countyReviewed ? $"{writable} OR {Setting(CountyAdminSetting)} = 'true'" : writable;
        var readable = readableByEveryone
            ? "true"
            : $"{Setting(ReadsAllSetting)} = 'true' OR {ReadableBy(tenantColumn)}" + (assigneeColumn is null ? "" : $" OR {ReadableBy(assigneeColumn)}");
        migrations.Sql($"""
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            CREATE POLICY tenant_read ON "{table}" FOR SELECT TO {ApplicationRole} USING ({readable});
            CREATE POLICY tenant_insert ON "{table}" FOR INSERT TO {ApplicationRole} WITH CHECK ({own});
            CREATE POLICY tenant_update ON "{table}" FOR UPDATE TO {ApplicationRole} USING ({changeable}) WITH CHECK ({changeable});
            CREATE POLICY tenant_delete ON "{table}" FOR DELETE TO {ApplicationRole} USING ({own});
            """);
    }

    /// <summary>
    /// Whether the assignee of an <see cref="IAssignedToUnit"/> table may change its rows (an opinion it answers), or
    /// only read them (its score, which the county computes).
    /// </summary>
    public static void SetAssigneeMayUpdate(this MigrationBuilder migrations, string table, string assigneeColumn, bool mayUpdate,
        string tenantColumn = "TenantId")
    {
        var changeable = mayUpdate ? $"{Own(tenantColumn)} OR {Own(assigneeColumn)}" : Own(tenantColumn);
        migrations.Sql($"""
            DROP POLICY tenant_update ON "{table}";
            CREATE POLICY tenant_update ON "{table}" FOR UPDATE TO {ApplicationRole} USING ({changeable}) WITH CHECK ({changeable});
            """);
    }

    private static string Own(string column) => $"\"{column}\" = {Setting(TenantSetting)}";

    private static string ReadableBy(string column) =>
        $"{Own(column)} OR \"{column}\" = ANY (string_to_array({Setting(ReadableTenantsSetting)}, ','))";

    /// <summary>County data (the calendar, campaigns): every signed-in caller reads it, only the county admin changes it.</summary>
    public static void EnableCountyRowLevelSecurity(this MigrationBuilder migrations, string table) => migrations.Sql($"""
        ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
        CREATE POLICY everyone_reads ON "{table}" FOR SELECT TO {ApplicationRole} USING (true);
        CREATE POLICY county_admin_writes ON "{table}" FOR ALL TO {ApplicationRole}
          USING ({Setting(CountyAdminSetting)} = 'true') WITH CHECK ({Setting(CountyAdminSetting)} = 'true');
        """);

    public static void DisableTenantRowLevelSecurity(this MigrationBuilder migrations, string table) => migrations.Sql($"""
        DROP POLICY IF EXISTS tenant_read ON "{table}";
        DROP POLICY IF EXISTS tenant_insert ON "{table}";
        DROP POLICY IF EXISTS tenant_update ON "{table}";
        DROP POLICY IF EXISTS tenant_delete ON "{table}";
        ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY;
        """);
}
