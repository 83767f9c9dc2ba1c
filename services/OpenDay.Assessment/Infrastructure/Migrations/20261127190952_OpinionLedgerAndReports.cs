using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OpinionLedgerAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answer",
                table: "opinions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AnsweredOn",
                table: "opinions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "opinions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HandBackReason",
                table: "opinions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "History",
                table: "opinions",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "opinions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Unspecified");

            migrationBuilder.AddColumn<string>(
                name: "RaisedByCategory",
                table: "opinions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "PublicRepresentative");

            migrationBuilder.AddColumn<DateOnly>(
                name: "RaisedOn",
                table: "opinions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "opinions",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "report_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Caption = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_photos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "report_publications",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Rejection = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_publications", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EventEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Attendance = table.Column<string>(type: "jsonb", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    WorkingDaysLate = table.Column<int>(type: "integer", nullable: true),
                    EventMarkedReported = table.Column<bool>(type: "boolean", nullable: false),
                    Corrections = table.Column<string>(type: "jsonb", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_opinions_ResponsibleUnitCode",
                table: "opinions",
                column: "ResponsibleUnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_opinions_Status_DueDate",
                table: "opinions",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_report_photos_ReportId",
                table: "report_photos",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_report_photos_TenantId",
                table: "report_photos",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_report_publications_DeliveredAt",
                table: "report_publications",
                column: "DeliveredAt");

            migrationBuilder.CreateIndex(
                name: "IX_report_publications_TenantId",
                table: "report_publications",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_reports_EventId",
                table: "reports",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_TenantId",
                table: "reports",
                column: "TenantId");

            // Opinions recorded before the ledger had these: raised the day they were recorded.
            migrationBuilder.Sql("""UPDATE opinions SET "RaisedOn" = ("CreatedAt" AT TIME ZONE 'Asia/Shanghai')::date WHERE "RaisedOn" = '0001-01-01';""");

            // Row-level security, the second wall behind the query filters (RowLevelSecurity). Opinions gain the second
            // dimension: the responsible unit (and whoever reads it) reads them, and moves them while assigned to it; the
            // county admin reassigns (ICountyReviewed).
            migrationBuilder.DisableTenantRowLevelSecurity("opinions");
            migrationBuilder.EnableTenantRowLevelSecurity("opinions", assigneeColumn: "ResponsibleUnitCode", countyReviewed: true);
            migrationBuilder.EnableTenantRowLevelSecurity("reports");
            migrationBuilder.EnableTenantRowLevelSecurity("report_photos");
            migrationBuilder.EnableTenantRowLevelSecurity("report_publications");
            migrationBuilder.GrantSequencesToApplicationRole();

            // What the public column may read: published reports, answered opinions, photos of published reports; no
            // personal data beyond the name given and the category (a view runs with its owner's rights).
            migrationBuilder.Sql($"""
                CREATE VIEW public_reports AS
                  SELECT "Id", "TenantId", "EventId", "EventTitle", "EventEndsOn", "Summary", "Attendance", "Attended",
                         "PublishedAt", "PublishedOn", "Late", "Corrections"
                  FROM reports
                  WHERE "Status" = 'Published';
                CREATE VIEW public_opinions AS
                  SELECT "Id", "TenantId", "ResponsibleUnitCode", "EventId", "RaisedBy", "RaisedByCategory", "Topic", "Text",
                         "Outcome", "Explanation", "Answer", "AnsweredOn"
                  FROM opinions
                  WHERE "Status" = 'Answered';
                CREATE VIEW public_report_photos AS
                  SELECT p."Id", p."ReportId", p."ContentType", p."Content"
                  FROM report_photos p JOIN reports r ON r."Id" = p."ReportId"
                  WHERE r."Status" = 'Published';
                GRANT SELECT ON public_reports, public_opinions, public_report_photos TO {ApplicationRole};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS public_reports; DROP VIEW IF EXISTS public_opinions; DROP VIEW IF EXISTS public_report_photos;");
            migrationBuilder.DisableTenantRowLevelSecurity("opinions");
            migrationBuilder.EnableTenantRowLevelSecurity("opinions");

            migrationBuilder.DropTable(
                name: "report_photos");

            migrationBuilder.DropTable(
                name: "report_publications");

            migrationBuilder.DropTable(
                name: "reports");

            migrationBuilder.DropIndex(
                name: "IX_opinions_ResponsibleUnitCode",
                table: "opinions");

            migrationBuilder.DropIndex(
                name: "IX_opinions_Status_DueDate",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "Answer",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "AnsweredOn",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "HandBackReason",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "History",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "RaisedByCategory",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "RaisedOn",
                table: "opinions");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "opinions");
        }
    }
}
