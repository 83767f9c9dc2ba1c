using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WorkingDayCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_years", x => x.Year);
                });

            migrationBuilder.InsertData(
                table: "calendar_days",
                columns: new[] { "Date", "Kind", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2023, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2023, 1, 2), "Holiday", "元旦" },
                    { new DateOnly(2023, 1, 21), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 22), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 23), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 24), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 25), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 26), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 27), "Holiday", "春节" },
                    { new DateOnly(2023, 1, 28), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2023, 1, 29), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2023, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2023, 4, 23), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2023, 4, 29), "Holiday", "劳动节" },
                    { new DateOnly(2023, 4, 30), "Holiday", "劳动节" },
                    { new DateOnly(2023, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2023, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2023, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2023, 5, 6), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2023, 6, 22), "Holiday", "端午节" },
                    { new DateOnly(2023, 6, 23), "Holiday", "端午节" },
                    { new DateOnly(2023, 6, 24), "Holiday", "端午节" },
                    { new DateOnly(2023, 6, 25), "MakeUpWorkday", "端午节调休" },
                    { new DateOnly(2023, 9, 29), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 9, 30), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 1), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 2), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 3), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 4), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 5), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 6), "Holiday", "中秋节、国庆节" },
                    { new DateOnly(2023, 10, 7), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2023, 10, 8), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2023, 12, 30), "Holiday", "元旦" },
                    { new DateOnly(2023, 12, 31), "Holiday", "元旦" },
                    { new DateOnly(2024, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2024, 2, 4), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2024, 2, 10), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 11), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 12), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 13), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 14), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 15), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 16), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 17), "Holiday", "春节" },
                    { new DateOnly(2024, 2, 18), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2024, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2024, 4, 7), "MakeUpWorkday", "清明节调休" },
                    { new DateOnly(2024, 4, 28), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2024, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2024, 5, 11), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2024, 6, 8), "Holiday", "端午节" },
                    { new DateOnly(2024, 6, 9), "Holiday", "端午节" },
                    { new DateOnly(2024, 6, 10), "Holiday", "端午节" },
                    { new DateOnly(2024, 9, 14), "MakeUpWorkday", "中秋节调休" },
                    { new DateOnly(2024, 9, 15), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 16), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 17), "Holiday", "中秋节" },
                    { new DateOnly(2024, 9, 29), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2024, 10, 1), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 2), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 3), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 4), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 5), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 6), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 7), "Holiday", "国庆节" },
                    { new DateOnly(2024, 10, 12), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2025, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2025, 1, 26), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2025, 1, 28), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 29), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 30), "Holiday", "春节" },
                    { new DateOnly(2025, 1, 31), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 1), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 2), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 3), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 4), "Holiday", "春节" },
                    { new DateOnly(2025, 2, 8), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2025, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2025, 4, 27), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2025, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2025, 5, 31), "Holiday", "端午节" },
                    { new DateOnly(2025, 6, 1), "Holiday", "端午节" },
                    { new DateOnly(2025, 6, 2), "Holiday", "端午节" },
                    { new DateOnly(2025, 9, 28), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2025, 10, 1), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 2), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 3), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 4), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 5), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 6), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 7), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 8), "Holiday", "国庆节、中秋节" },
                    { new DateOnly(2025, 10, 11), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2026, 1, 1), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 2), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 3), "Holiday", "元旦" },
                    { new DateOnly(2026, 1, 4), "MakeUpWorkday", "元旦调休" },
                    { new DateOnly(2026, 2, 14), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2026, 2, 15), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 16), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 17), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 18), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 19), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 20), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 21), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 22), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 23), "Holiday", "春节" },
                    { new DateOnly(2026, 2, 28), "MakeUpWorkday", "春节调休" },
                    { new DateOnly(2026, 4, 4), "Holiday", "清明节" },
                    { new DateOnly(2026, 4, 5), "Holiday", "清明节" },
                    { new DateOnly(2026, 4, 6), "Holiday", "清明节" },
                    { new DateOnly(2026, 5, 1), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 2), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 3), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 4), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 5), "Holiday", "劳动节" },
                    { new DateOnly(2026, 5, 9), "MakeUpWorkday", "劳动节调休" },
                    { new DateOnly(2026, 6, 19), "Holiday", "端午节" },
                    { new DateOnly(2026, 6, 20), "Holiday", "端午节" },
                    { new DateOnly(2026, 6, 21), "Holiday", "端午节" },
                    { new DateOnly(2026, 9, 20), "MakeUpWorkday", "国庆节调休" },
                    { new DateOnly(2026, 9, 25), "Holiday", "中秋节" },
                    { new DateOnly(2026, 9, 26), "Holiday", "中秋节" },
                    { new DateOnly(2026, 9, 27), "Holiday", "中秋节" },
                    { new DateOnly(2026, 10, 1), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 2), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 3), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 4), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 5), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 6), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 7), "Holiday", "国庆节" },
                    { new DateOnly(2026, 10, 10), "MakeUpWorkday", "国庆节调休" }
                });

            migrationBuilder.InsertData(
                table: "calendar_years",
                columns: new[] { "Year", "UpdatedAt", "UpdatedBy" },
                values: new object[,]
                {
                    { 2023, new DateTimeOffset(new DateTime(2025, 11, 4, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed: State Council schedule" },
                    { 2024, new DateTimeOffset(new DateTime(2025, 11, 4, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed: State Council schedule" },
                    { 2025, new DateTimeOffset(new DateTime(2025, 11, 4, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed: State Council schedule" },
                    { 2026, new DateTimeOffset(new DateTime(2025, 11, 4, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed: State Council schedule" }
                });
            migrationBuilder.EnableCountyRowLevelSecurity("calendar_years");
            migrationBuilder.EnableCountyRowLevelSecurity("calendar_days");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "calendar_years");
        }
    }
}
