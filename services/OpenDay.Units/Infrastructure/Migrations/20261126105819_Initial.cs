using System;
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
                name: "IX_units_Name",
                table: "units",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_units_SupervisingUnitCode",
                table: "units",
                column: "SupervisingUnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "units");
        }
    }
}
