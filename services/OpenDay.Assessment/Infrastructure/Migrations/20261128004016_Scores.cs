using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;

#nullable disable

namespace OpenDay.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Scores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rubric_changes",
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
                    table.PrimaryKey("PK_rubric_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "score_snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ComputedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rubric = table.Column<string>(type: "jsonb", nullable: false),
                    Final = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "score_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Criteria = table.Column<string>(type: "jsonb", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinalisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalisedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_score_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "unit_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    Criteria = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_scores", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rubric_changes_Year",
                table: "rubric_changes",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_score_snapshots_Year_ComputedAt",
                table: "score_snapshots",
                columns: new[] { "Year", "ComputedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_scores_SnapshotId_Rank",
                table: "unit_scores",
                columns: new[] { "SnapshotId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_unit_scores_TenantId",
                table: "unit_scores",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_unit_scores_UnitCode",
                table: "unit_scores",
                column: "UnitCode");

            // Row-level security behind the query filters: the rubric, its history and the snapshots are county data
            // (everyone signed in reads, the county admin writes); a unit's row is the county office's, assigned to the
            // unit, which reads its own.
            migrationBuilder.EnableCountyRowLevelSecurity("score_years");
            migrationBuilder.EnableCountyRowLevelSecurity("rubric_changes");
            migrationBuilder.EnableCountyRowLevelSecurity("score_snapshots");
            migrationBuilder.EnableTenantRowLevelSecurity("unit_scores", assigneeColumn: "UnitCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rubric_changes");

            migrationBuilder.DropTable(
                name: "score_snapshots");

            migrationBuilder.DropTable(
                name: "score_years");

            migrationBuilder.DropTable(
                name: "unit_scores");
        }
    }
}
