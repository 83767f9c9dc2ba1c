using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "campaign_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Before = table.Column<string>(type: "jsonb", nullable: false),
                    After = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ActivityStartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActivityEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlanFilingDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    ReportDeadlineWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    MaxParticipantsPerEvent = table.Column<int>(type: "integer", nullable: false),
                    MinPublicShareNumerator = table.Column<int>(type: "integer", nullable: false),
                    MinPublicShareDenominator = table.Column<int>(type: "integer", nullable: false),
                    MinEventsPerUnit = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Year);
                });

            migrationBuilder.InsertData(
                table: "campaigns",
                columns: new[] { "Year", "ActivityEndsOn", "ActivityStartsOn", "MaxParticipantsPerEvent", "MinEventsPerUnit", "MinPublicShareDenominator", "MinPublicShareNumerator", "PlanFilingDeadline", "ReportDeadlineWorkingDays" },
                values: new object[,]
                {
                    { 2023, new DateOnly(2023, 10, 31), new DateOnly(2023, 9, 15), 30, 1, 3, 1, new DateOnly(2023, 9, 15), 5 },
                    { 2026, new DateOnly(2026, 10, 31), new DateOnly(2026, 9, 15), 30, 1, 3, 1, new DateOnly(2026, 9, 15), 5 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_changes_Year",
                table: "campaign_changes",
                column: "Year");
            migrationBuilder.EnableCountyRowLevelSecurity("campaigns");
            migrationBuilder.EnableCountyRowLevelSecurity("campaign_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_changes");

            migrationBuilder.DropTable(
                name: "campaigns");
        }
    }
}
