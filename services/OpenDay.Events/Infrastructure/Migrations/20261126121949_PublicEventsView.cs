using Microsoft.EntityFrameworkCore.Migrations;
using static OpenDay.Platform.Data.RowLevelSecurity;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PublicEventsView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
