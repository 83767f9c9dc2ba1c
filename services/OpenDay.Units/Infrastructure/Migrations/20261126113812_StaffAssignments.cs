using System;
using Microsoft.EntityFrameworkCore.Migrations;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Units.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StaffAssignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "staff_assignments",
                columns: table => new
                {
                    Username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_assignments", x => x.Username);
                });

            migrationBuilder.CreateIndex(
                name: "IX_staff_assignments_UnitCode",
                table: "staff_assignments",
                column: "UnitCode");
            // A unit reads its own staff; the county roles all; only the county admin assigns.
            var countyAdmin = $"{Setting(CountyAdminSetting)} = 'true'";
            migrationBuilder.Sql($"""
                ALTER TABLE staff_assignments ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_read ON staff_assignments FOR SELECT TO {ApplicationRole}
                  USING ({Setting(ReadsAllSetting)} = 'true' OR "UnitCode" = {Setting(TenantSetting)});
                CREATE POLICY tenant_insert ON staff_assignments FOR INSERT TO {ApplicationRole} WITH CHECK ({countyAdmin});
                CREATE POLICY tenant_update ON staff_assignments FOR UPDATE TO {ApplicationRole} USING ({countyAdmin}) WITH CHECK ({countyAdmin});
                CREATE POLICY tenant_delete ON staff_assignments FOR DELETE TO {ApplicationRole} USING ({countyAdmin});
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "staff_assignments");
        }
    }
}
