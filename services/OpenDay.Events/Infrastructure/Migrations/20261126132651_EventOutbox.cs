using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using OpenDay.Platform.Data;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EventOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_event_changes_TenantId",
                table: "event_changes",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_event_changes_undelivered",
                table: "event_changes",
                column: "Sequence",
                filter: "\"DeliveredAt\" IS NULL");

            // Requests write their own unit's rows; only the dispatcher (the owner) reads them all.
            migrationBuilder.EnableTenantRowLevelSecurity("event_changes");
            migrationBuilder.GrantSequencesToApplicationRole();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantRowLevelSecurity("event_changes");
            migrationBuilder.DropTable(
                name: "event_changes");
        }
    }
}
