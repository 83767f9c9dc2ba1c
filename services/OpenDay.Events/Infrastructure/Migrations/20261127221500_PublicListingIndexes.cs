using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDay.Events.Infrastructure.Migrations
{
    /// <summary>
    /// The public listing's two orders (newest first: StartsAt descending then Id; by start: both ascending), each served
    /// by an index over the public statuses only (the <c>public_events</c> view's filter), so a page reads its own rows
    /// whatever the table's size instead of sorting the whole table. Raw SQL: the model has no descending partial
    /// indexes to describe them, and the model itself does not change.
    /// </summary>
    [DbContext(typeof(EventsDbContext))]
    [Migration("20261127221500_PublicListingIndexes")]
    public partial class PublicListingIndexes : Migration
    {
        public const string PublicStatuses = "'Published', 'RegistrationOpen', 'RegistrationClosed', 'Held', 'Reported'";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE INDEX "IX_events_public_newest_first" ON events ("StartsAt" DESC, "Id") WHERE "Status" IN ({PublicStatuses});
                CREATE INDEX "IX_events_public_by_start" ON events ("StartsAt", "Id") WHERE "Status" IN ({PublicStatuses});
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_events_public_newest_first";
                DROP INDEX IF EXISTS "IX_events_public_by_start";
                """);
        }
    }
}
