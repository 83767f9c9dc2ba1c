using Google.Protobuf.WellKnownTypes;
using Npgsql;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// PostgreSQL keeps tenants apart on its own: straight SQL under the services' request role, with no EF Core query
/// filter anywhere, sees and changes only what the session's tenant may.
/// </summary>
[Collection(StackCollection.Name)]
public class RowLevelSecurityTests(OpenDayStack stack)
{
    private const string Role = "openday_app";

    [Theory]
    [InlineData("unitsdb")]
    [InlineData("eventsdb")]
    [InlineData("registrationsdb")]
    [InlineData("assessmentdb")]
    public async Task Every_tenant_table_has_row_level_security_for_the_request_role(string database)
    {
        await using var owner = await OpenAsync(database);
        var tables = await QueryAsync(owner, """
            SELECT c.relname, c.relrowsecurity,
                   (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname IN ('TenantId', 'Code', 'UnitCode') AND NOT a.attisdropped)
            """, r => (Table: r.GetString(0), Enabled: r.GetBoolean(1), Policies: r.GetInt64(2)));
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.True(t.Enabled && t.Policies >= 3, $"{database}.{t.Table}: row-level security {(t.Enabled ? "on" : "off")}, {t.Policies} policies"));

        var role = await QueryAsync(owner, $"SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = '{Role}'",
            r => (Super: r.GetBoolean(0), Bypass: r.GetBoolean(1)));
        Assert.Equal([(false, false)], role);
    }

    [Fact]
    public async Task Straight_sql_under_the_request_role_sees_and_changes_only_the_sessions_tenant()
    {
        var events = new EventsService.EventsServiceClient(stack.GrpcChannel());
        var gaoqiaoEvent = await events.CreateEventAsync(new CreateEventRequest
        {
            Title = "行级安全测试", Theme = "营商环境", Venue = "高桥镇政府", Capacity = 10, Forms = { EventForm.Forum },
            StartsAt = Timestamp.FromDateTime(new DateTime(2026, 10, 15, 1, 0, 0, DateTimeKind.Utc)),
            EndsAt = Timestamp.FromDateTime(new DateTime(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc)),
            Backfill = true,
        }, OpenDayStack.Call(await stack.Tokens.For("gaoqiao.admin")));
        var waterEvent = await events.CreateEventAsync(new CreateEventRequest
        {
            Title = "水厂行级安全测试", Theme = "民生保障", Venue = "水厂", Capacity = 10, Forms = { EventForm.VisitSites },
            StartsAt = Timestamp.FromDateTime(new DateTime(2026, 10, 16, 1, 0, 0, DateTimeKind.Utc)),
            EndsAt = Timestamp.FromDateTime(new DateTime(2026, 10, 16, 2, 0, 0, DateTimeKind.Utc)),
            Backfill = true,
        }, OpenDayStack.Call(await stack.Tokens.For("watersupply.admin")));

        await using var connection = await OpenAsync("eventsdb");
        await ExecuteAsync(connection, $"SET ROLE {Role}");

        await SetSessionAsync(connection, tenant: "housing-bureau");
        var housingSees = await QueryAsync(connection, """SELECT "Id"::text, "TenantId" FROM events""", r => (Id: r.GetString(0), Tenant: r.GetString(1)));
        Assert.All(housingSees, row => Assert.Equal("housing-bureau", row.Tenant));
        Assert.DoesNotContain(housingSees, row => row.Id == gaoqiaoEvent.Id);

        // Supervised units are readable when the session says so (as the services do from the unit directory).
        await SetSessionAsync(connection, tenant: "housing-bureau", readable: "water-supply-co");
        var supervisorSees = await QueryAsync(connection, """SELECT "Id"::text FROM events""", r => r.GetString(0));
        Assert.Contains(waterEvent.Id, supervisorSees);
        Assert.DoesNotContain(gaoqiaoEvent.Id, supervisorSees);
        // ...but not writable.
        Assert.Equal(0, await ExecuteAsync(connection, $"""UPDATE events SET "Title" = 'changed' WHERE "Id" = '{waterEvent.Id}'"""));
        Assert.Equal(0, await ExecuteAsync(connection, $"""DELETE FROM events WHERE "Id" = '{gaoqiaoEvent.Id}'"""));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, """
            INSERT INTO events ("Id", "TenantId", "Title", "Theme", "Forms", "Venue", "StartsAt", "EndsAt", "Capacity", "Status", "CreatedAt")
            VALUES (gen_random_uuid(), 'gaoqiao-town', 'forged', 't', '{}', 'v', now(), now(), 1, 'Draft', now())
            """));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insert.SqlState);

        await SetSessionAsync(connection, tenant: "gaoqiao-town");
        Assert.Contains(gaoqiaoEvent.Id, await QueryAsync(connection, """SELECT "Id"::text FROM events""", r => r.GetString(0)));

        // No tenant at all (an anonymous request): nothing.
        await SetSessionAsync(connection, tenant: "");
        Assert.Empty(await QueryAsync(connection, """SELECT "Id" FROM events""", r => r.GetGuid(0)));

        // The unit registry: a unit sees itself and the units it supervises, nothing else.
        await using var units = await OpenAsync("unitsdb");
        await ExecuteAsync(units, $"SET ROLE {Role}");
        await SetSessionAsync(units, tenant: "housing-bureau");
        var visibleUnits = await QueryAsync(units, """SELECT "Code", coalesce("SupervisingUnitCode", '') FROM units""",
            r => (Code: r.GetString(0), Supervisor: r.GetString(1)));
        Assert.Contains(visibleUnits, u => u.Code == "water-supply-co");
        Assert.All(visibleUnits, u => Assert.True(u.Code == "housing-bureau" || u.Supervisor == "housing-bureau", u.Code));
        Assert.Equal(0, await ExecuteAsync(units, """UPDATE units SET "Name" = 'x' WHERE "Code" = 'water-supply-co'"""));
    }

    [Fact]
    public async Task Straight_sql_lets_the_assigned_unit_and_its_supervisor_read_an_opinion_and_only_the_assignee_change_it()
    {
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        var toWater = await Ledger.RecordAsync(gaoqiao, await gaoqiao.CreateEventAsync("行级安全测试"), "water-supply-co", "行级安全：交给水厂的意见");

        await using var connection = await OpenAsync("assessmentdb");
        await ExecuteAsync(connection, $"SET ROLE {Role}");
        async Task<List<string>> Visible() =>
            await QueryAsync(connection, $"""SELECT "Id"::text FROM opinions WHERE "Id" = '{toWater.Id}'""", r => r.GetString(0));

        await SetSessionAsync(connection, tenant: "water-supply-co"); // the assignee
        Assert.Equal([toWater.Id], await Visible());
        Assert.Equal(1, await ExecuteAsync(connection, $"""UPDATE opinions SET "Status" = 'InProgress' WHERE "Id" = '{toWater.Id}'"""));
        // ...but cannot pass it on to a third unit.
        var passOn = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"""UPDATE opinions SET "ResponsibleUnitCode" = 'yicheng-street' WHERE "Id" = '{toWater.Id}'"""));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, passOn.SqlState);
        Assert.Equal(0, await ExecuteAsync(connection, $"""DELETE FROM opinions WHERE "Id" = '{toWater.Id}'""")); // nor delete it

        await SetSessionAsync(connection, tenant: "housing-bureau", readable: "water-supply-co"); // the assignee's supervisor reads
        Assert.Equal([toWater.Id], await Visible());
        Assert.Equal(0, await ExecuteAsync(connection, $"""UPDATE opinions SET "Status" = 'Answered' WHERE "Id" = '{toWater.Id}'"""));

        await SetSessionAsync(connection, tenant: "yicheng-street"); // a fourth unit: nothing
        Assert.Empty(await Visible());
        await SetSessionAsync(connection, tenant: "");
        Assert.Empty(await Visible());
    }

    [Fact]
    public async Task Straight_sql_lets_a_unit_read_its_score_but_not_change_it()
    {
        var id = Guid.NewGuid();
        await using var connection = await OpenAsync("assessmentdb");
        // As the owner (the county computes scores), a score row of 高桥镇 in a snapshot of no year.
        await ExecuteAsync(connection, $"""
            INSERT INTO unit_scores ("Id", "SnapshotId", "TenantId", "UnitCode", "UnitName", "UnitKind", "Rank", "Total", "Criteria")
            VALUES ('{id}', gen_random_uuid(), 'county-office', 'gaoqiao-town', '高桥镇', 'Township', 1, 80, '[]')
            """);
        await ExecuteAsync(connection, $"SET ROLE {Role}");

        await SetSessionAsync(connection, tenant: "gaoqiao-town");
        Assert.Equal([80m], await QueryAsync(connection, $"""SELECT "Total" FROM unit_scores WHERE "Id" = '{id}'""", r => r.GetDecimal(0)));
        Assert.Equal(0, await ExecuteAsync(connection, $"""UPDATE unit_scores SET "Total" = 100 WHERE "Id" = '{id}'"""));

        await SetSessionAsync(connection, tenant: "yicheng-street");
        Assert.Empty(await QueryAsync(connection, $"""SELECT "Total" FROM unit_scores WHERE "Id" = '{id}'""", r => r.GetDecimal(0)));
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(await stack.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        return connection;
    }

    private static Task SetSessionAsync(NpgsqlConnection connection, string tenant, string readable = "") => ExecuteAsync(connection,
        $"SELECT set_config('openday.tenant', '{tenant}', false), set_config('openday.readable_tenants', '{readable}', false), " +
        "set_config('openday.reads_all', 'false', false), set_config('openday.county_admin', 'false', false)");

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
