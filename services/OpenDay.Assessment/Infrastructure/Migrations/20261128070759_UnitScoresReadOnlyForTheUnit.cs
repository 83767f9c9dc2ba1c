using Microsoft.EntityFrameworkCore.Migrations;
using OpenDay.Platform.Data;

#nullable disable

namespace OpenDay.Assessment.Infrastructure.Migrations
{
    /// <summary>A unit reads its score row but does not change it: the county computes scores.</summary>
    public partial class UnitScoresReadOnlyForTheUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.SetAssigneeMayUpdate("unit_scores", "UnitCode", mayUpdate: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.SetAssigneeMayUpdate("unit_scores", "UnitCode", mayUpdate: true);
        }
    }
}
