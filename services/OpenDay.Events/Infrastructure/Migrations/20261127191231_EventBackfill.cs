using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EventBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Backfill",
                table: "events",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Backfill",
                table: "events");
        }
    }
}
