using Microsoft.EntityFrameworkCore.Migrations;

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
                name: "units",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SupervisingUnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_units", x => x.code);
                });

            migrationBuilder.InsertData(
                table: "units",
                columns: new[] { "code", "Active", "ContactName", "ContactPhone", "Kind", "Name", "SupervisingUnitCode" },
                values: new object[,]
                {
                    { "approval-bureau", true, null, null, "CountyDepartment", "沂水县行政审批服务局", null },
                    { "bus-co", true, null, null, "Enterprise", "沂水县公共汽车公司", "transport-bureau" },
                    { "county-office", true, null, null, "CountyOffice", "沂水县政务公开办公室", null },
                    { "gaoqiao-town", true, null, null, "Township", "高桥镇人民政府", null },
                    { "health-commission", true, null, null, "CountyDepartment", "沂水县卫生健康局", null },
                    { "housing-bureau", true, null, null, "CountyDepartment", "沂水县住房和城乡建设局", null },
                    { "longjiaquan-street", true, null, null, "StreetOffice", "龙家圈街道办事处", null },
                    { "service-hall", true, null, null, "ServiceWindow", "沂水县为民服务中心政务服务大厅", "approval-bureau" },
                    { "transport-bureau", true, null, null, "CountyDepartment", "沂水县交通运输局", null },
                    { "water-supply-co", true, null, null, "Enterprise", "沂水县自来水公司", "housing-bureau" },
                    { "xujiahu-town", true, null, null, "Township", "许家湖镇人民政府", null },
                    { "yicheng-street", true, null, null, "StreetOffice", "沂城街道办事处", null },
                    { "zhuge-town", true, null, null, "Township", "诸葛镇人民政府", null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_units_code",
                table: "units",
                column: "code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
