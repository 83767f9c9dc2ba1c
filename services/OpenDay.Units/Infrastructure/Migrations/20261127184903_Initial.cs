using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace OpenDay.Units.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Operation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_records", x => x.Id);
                });

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

            migrationBuilder.CreateTable(
                name: "units",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SupervisingUnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_units", x => x.Code);
                });

            migrationBuilder.InsertData(
                table: "units",
                columns: new[] { "Code", "Active", "ContactName", "ContactPhone", "Kind", "Name", "RetiredAt", "SupervisingUnitCode" },
                values: new object[,]
                {
                    { "approval-bureau", true, null, null, "CountyDepartment", "沂水县行政审批服务局", null, null },
                    { "bus-co", true, null, null, "Enterprise", "沂水县公共汽车公司", null, "transport-bureau" },
                    { "county-office", true, null, null, "CountyOffice", "沂水县政务公开办公室", null, null },
                    { "gaoqiao-town", true, null, null, "Township", "高桥镇人民政府", null, null },
                    { "health-commission", true, null, null, "CountyDepartment", "沂水县卫生健康局", null, null },
                    { "housing-bureau", true, null, null, "CountyDepartment", "沂水县住房和城乡建设局", null, null },
                    { "longjiaquan-street", true, null, null, "StreetOffice", "龙家圈街道办事处", null, null },
                    { "service-hall", true, null, null, "ServiceWindow", "沂水县为民服务中心政务服务大厅", null, "approval-bureau" },
                    { "transport-bureau", true, null, null, "CountyDepartment", "沂水县交通运输局", null, null },
                    { "water-supply-co", true, null, null, "Enterprise", "沂水县自来水公司", null, "housing-bureau" },
                    { "xujiahu-town", true, null, null, "Township", "许家湖镇人民政府", null, null },
                    { "yicheng-street", true, null, null, "StreetOffice", "沂城街道办事处", null, null },
                    { "zhuge-town", true, null, null, "Township", "诸葛镇人民政府", null, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_OccurredAt",
                table: "audit_records",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_audit_records_TenantId",
                table: "audit_records",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_staff_assignments_UnitCode",
                table: "staff_assignments",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_units_Name",
                table: "units",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_units_SupervisingUnitCode",
                table: "units",
                column: "SupervisingUnitCode");

            // Row-level security, the second wall behind the query filters (RowLevelSecurity). The units table is the
            // tenants themselves: a unit reads its row and the rows of the units it supervises; the county roles read all;
            // only the county admin adds units; a unit admin changes only its own row (its contact), the county admin any.
            // Anonymous callers read the public_units view only.
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
            migrationBuilder.EnableTenantRowLevelSecurity("audit_records");
            // A unit reads its own staff; the county roles all; only the county admin assigns.
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
            migrationBuilder.Sql("DROP VIEW IF EXISTS public_units;");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "staff_assignments");

            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
