using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EventPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PlanId",
                table: "events",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlanId",
                table: "events");
        }
    }
}
