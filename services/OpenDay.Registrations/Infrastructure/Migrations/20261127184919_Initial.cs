using System;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Registrations.Infrastructure.Migrations
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
                name: "event_rosters",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PublicSignup = table.Column<bool>(type: "boolean", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegistrationOpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RegistrationClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MinPublicShareNumerator = table.Column<int>(type: "integer", nullable: false),
                    MinPublicShareDenominator = table.Column<int>(type: "integer", nullable: false),
                    CancellationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LastChangeSequence = table.Column<long>(type: "bigint", nullable: false),
                    Confirmed = table.Column<int>(type: "integer", nullable: false),
                    ConfirmedPublicRepresentatives = table.Column<int>(type: "integer", nullable: false),
                    Finalised = table.Column<bool>(type: "boolean", nullable: false),
                    FinalisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_rosters", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StatedRole = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    WorkUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MobileEncrypted = table.Column<byte[]>(type: "bytea", nullable: false),
                    MobileHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    MobileMasked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    IdNumberEncrypted = table.Column<byte[]>(type: "bytea", nullable: true),
                    IdNumberHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    IdNumberMasked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WaitlistedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckedInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attendance = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participants", x => x.Id);
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
                name: "IX_event_rosters_TenantId",
                table: "event_rosters",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_EventId",
                table: "notifications",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_TenantId",
                table: "notifications",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_participants_Code",
                table: "participants",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_participants_EventId_Status",
                table: "participants",
                columns: new[] { "EventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_participants_idempotency_key",
                table: "participants",
                columns: new[] { "EventId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_participants_one_person_per_event",
                table: "participants",
                columns: new[] { "EventId", "IdNumberHash" },
                unique: true,
                filter: "\"IdNumberHash\" IS NOT NULL AND \"Status\" NOT IN ('Withdrawn', 'Declined')");

            migrationBuilder.CreateIndex(
                name: "IX_participants_TenantId",
                table: "participants",
                column: "TenantId");

            // Row-level security, the second wall behind the query filters (RowLevelSecurity).
            migrationBuilder.CreateApplicationRole();
            migrationBuilder.EnableTenantRowLevelSecurity("participants");
            migrationBuilder.EnableTenantRowLevelSecurity("notifications");
            migrationBuilder.EnableTenantRowLevelSecurity("event_rosters", readableByEveryone: true);
            migrationBuilder.EnableTenantRowLevelSecurity("audit_records");
            // The public routes come with a code and nothing else: this tells them whose unit's record the code opens
            // (the unit only, nothing of the record), so the rest of the call runs as that unit under the policies.
            migrationBuilder.Sql($"""
                CREATE FUNCTION participant_tenant(participant_code text) RETURNS text
                  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
                  AS $$ SELECT "TenantId" FROM participants WHERE "Code" = participant_code $$;
                REVOKE ALL ON FUNCTION participant_tenant(text) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION participant_tenant(text) TO {ApplicationRole};
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS participant_tenant(text);");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "event_rosters");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "participants");
        }
    }
}
