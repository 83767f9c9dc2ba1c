using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DevelopmentCampaign2027 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "campaigns",
                columns: new[] { "Year", "ActivityEndsOn", "ActivityStartsOn", "MaxParticipantsPerEvent", "MinEventsPerUnit", "MinPublicShareDenominator", "MinPublicShareNumerator", "PlanFilingDeadline", "ReportDeadlineWorkingDays" },
                values: new object[] { 2027, new DateOnly(2027, 10, 31), new DateOnly(2027, 9, 15), 30, 1, 3, 1, new DateOnly(2027, 9, 15), 5 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "campaigns",
                keyColumn: "Year",
                keyValue: 2027);
        }
    }
}
