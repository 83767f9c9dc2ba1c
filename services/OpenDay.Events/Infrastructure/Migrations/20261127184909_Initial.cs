using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace OpenDay.Events.Infrastructure.Migrations
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
                    MinEventsPerUnit = table.Column<int>(type: "integer", nullable: false),
                    OpinionDueWorkingDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "event_changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Snapshot = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Rejection = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_changes", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Forms = table.Column<int[]>(type: "integer[]", nullable: false),
                    Venue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RegistrationOpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RegistrationClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublicSignup = table.Column<bool>(type: "boolean", nullable: false),
                    Agenda = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OpenDates = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    Themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Forms = table.Column<int[]>(type: "integer[]", nullable: false),
                    ImplementationPlan = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "campaigns",
                columns: new[] { "Year", "ActivityEndsOn", "ActivityStartsOn", "MaxParticipantsPerEvent", "MinEventsPerUnit", "MinPublicShareDenominator", "MinPublicShareNumerator", "OpinionDueWorkingDays", "PlanFilingDeadline", "ReportDeadlineWorkingDays" },
                values: new object[,]
                {
                    { 2023, new DateOnly(2023, 10, 31), new DateOnly(2023, 9, 15), 30, 1, 3, 1, 15, new DateOnly(2023, 9, 15), 5 },
                    { 2026, new DateOnly(2026, 10, 31), new DateOnly(2026, 9, 15), 30, 1, 3, 1, 15, new DateOnly(2026, 9, 15), 5 },
                    { 2027, new DateOnly(2027, 10, 31), new DateOnly(2027, 9, 15), 30, 1, 3, 1, 15, new DateOnly(2027, 9, 15), 5 }
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
                name: "IX_campaign_changes_Year",
                table: "campaign_changes",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_event_changes_TenantId",
                table: "event_changes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_event_changes_undelivered",
                table: "event_changes",
                column: "Sequence",
                filter: "\"DeliveredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantId",
                table: "events",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_TenantId",
                table: "plans",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_TenantId_Year",
                table: "plans",
                columns: new[] { "TenantId", "Year" },
                unique: true);

            // Row-level security, the second wall behind the query filters (RowLevelSecurity).
            migrationBuilder.CreateApplicationRole();
            migrationBuilder.EnableTenantRowLevelSecurity("events");
            migrationBuilder.EnableTenantRowLevelSecurity("plans", countyReviewed: true);
            // Requests write their own unit's outbox rows; only the dispatcher (the owner) reads them all.
            migrationBuilder.EnableTenantRowLevelSecurity("event_changes");
            migrationBuilder.EnableTenantRowLevelSecurity("audit_records");
            migrationBuilder.EnableCountyRowLevelSecurity("calendar_years");
            migrationBuilder.EnableCountyRowLevelSecurity("calendar_days");
            migrationBuilder.EnableCountyRowLevelSecurity("campaigns");
            migrationBuilder.EnableCountyRowLevelSecurity("campaign_changes");
            migrationBuilder.GrantSequencesToApplicationRole();
            // What the public may see: published onwards, never drafts or cancelled events (row-level security keeps the
            // table itself closed to anonymous callers; a view runs with its owner's rights).
            migrationBuilder.Sql($"""
                CREATE VIEW public_events AS
                  SELECT "Id", "TenantId", "Title", "Theme", "Forms", "Venue", "StartsAt", "EndsAt", "Capacity", "Status",
                         "RegistrationOpensAt", "RegistrationClosesAt", "PublicSignup", "Agenda"
                  FROM events
                  WHERE "Status" IN ('Published', 'RegistrationOpen', 'RegistrationClosed', 'Held', 'Reported');
                GRANT SELECT ON public_events TO {ApplicationRole};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS public_events;");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "campaign_changes");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "event_changes");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "plans");
        }
    }
}
