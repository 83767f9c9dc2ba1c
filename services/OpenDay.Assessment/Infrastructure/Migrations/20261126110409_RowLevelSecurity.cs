using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;

#nullable disable

namespace OpenDay.Assessment.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateApplicationRole();
            migrationBuilder.EnableTenantRowLevelSecurity("opinions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantRowLevelSecurity("opinions");
        }
    }
}
