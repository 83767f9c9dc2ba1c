using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Units.Infrastructure.Migrations
{
    /// <summary>
    /// The registry's own policies: the units table is the tenants themselves. A unit reads its row and the rows of
    /// the units it supervises; the county roles read all; only the county admin adds units; a unit admin changes
    /// only its own row (its contact), the county admin any. Anonymous callers read the public_units view only.
    /// </summary>
    public partial class RowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateApplicationRole();
            var own = $"\"Code\" = {Setting(TenantSetting)}";
            var countyAdmin = $"{Setting(CountyAdminSetting)} = 'true'";
            migrationBuilder.Sql($"""
                ALTER TABLE units ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_read ON units FOR SELECT TO {ApplicationRole}
                  USING ({Setting(ReadsAllSetting)} = 'true' OR {own} OR "SupervisingUnitCode" = {Setting(TenantSetting)});
                CREATE POLICY tenant_insert ON units FOR INSERT TO {ApplicationRole} WITH CHECK ({countyAdmin});
                CREATE POLICY tenant_update ON units FOR UPDATE TO {ApplicationRole}
                  USING ({countyAdmin} OR {own}) WITH CHECK ({countyAdmin} OR {own});
                CREATE VIEW public_units AS SELECT "Code", "Name", "Kind" FROM units WHERE "Active";
                GRANT SELECT ON public_units TO {ApplicationRole};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP VIEW IF EXISTS public_units;
                DROP POLICY IF EXISTS tenant_read ON units;
                DROP POLICY IF EXISTS tenant_insert ON units;
                DROP POLICY IF EXISTS tenant_update ON units;
                ALTER TABLE units DISABLE ROW LEVEL SECURITY;
                """);
        }
    }
}
