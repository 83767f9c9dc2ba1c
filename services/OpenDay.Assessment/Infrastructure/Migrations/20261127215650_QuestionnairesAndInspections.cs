using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class QuestionnairesAndInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Rating = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RectificationRequired = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RectificationWorkingDays = table.Column<int>(type: "integer", nullable: false),
                    RectificationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RectifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RectificationNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaire_answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionnaireId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    EnteredByStaff = table.Column<bool>(type: "boolean", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Items = table.Column<string>(type: "jsonb", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaire_answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "questionnaires",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PolicyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PolicyIssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PolicyDescription = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Questions = table.Column<string>(type: "jsonb", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AnswerCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspections_InspectedOn",
                table: "inspections",
                column: "InspectedOn");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_TenantId",
                table: "inspections",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_UnitCode",
                table: "inspections",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaire_answers_QuestionnaireId_CodeHash",
                table: "questionnaire_answers",
                columns: new[] { "QuestionnaireId", "CodeHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_questionnaire_answers_TenantId",
                table: "questionnaire_answers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_EventId",
                table: "questionnaires",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_TenantId",
                table: "questionnaires",
                column: "TenantId");

            // Row-level security, the second wall behind the query filters. An inspection is the county office's record,
            // assigned to the inspected unit, which reads it and records its rectification.
            migrationBuilder.EnableTenantRowLevelSecurity("questionnaires");
            migrationBuilder.EnableTenantRowLevelSecurity("questionnaire_answers");
            migrationBuilder.EnableTenantRowLevelSecurity("inspections", assigneeColumn: "UnitCode");

            // The public routes come with a questionnaire's id and nothing else: its unit, if it is open, so the request
            // then acts for that unit under the same row-level security.
            migrationBuilder.Sql($"""
                CREATE FUNCTION open_questionnaire_tenant(questionnaire_id uuid) RETURNS text
                  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
                  AS $$ SELECT "TenantId" FROM questionnaires WHERE "Id" = questionnaire_id AND "Status" = 'Open' $$;
                REVOKE ALL ON FUNCTION open_questionnaire_tenant(uuid) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION open_questionnaire_tenant(uuid) TO {ApplicationRole};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS open_questionnaire_tenant(uuid);");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "questionnaire_answers");

            migrationBuilder.DropTable(
                name: "questionnaires");
        }
    }
}
