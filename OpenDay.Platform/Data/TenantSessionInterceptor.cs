using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Platform.Data;

/// <summary>
/// On every connection a request opens: switch to the request role and record who is asking, for the row-level
/// security policies. The owner session of migrations is left alone.
/// </summary>
public sealed class TenantSessionInterceptor(CallerContext caller) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Applies(eventData)) CreateCommand(connection).ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (Applies(eventData))
        {
            await using var command = CreateCommand(connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // A context that sends the settings itself with its first statement (TenantBatches) is left alone too.
    private static bool Applies(ConnectionEndEventData eventData) =>
        eventData.Context is TenantDbContext { IsOwnerSession: false, SessionPerTransaction: false };

    /// <summary>The values of the four settings, in order: tenant, readable tenants, reads all, county admin.</summary>
    public static string[] Settings(CallerContext caller) =>
    [
        caller.TenantId ?? "",
        string.Join(',', caller.SupervisedTenantIds),
        caller.ReadsAllUnits ? "true" : "false",
        caller.IsInRole(Roles.CountyAdmin) ? "true" : "false",
    ];

    private NpgsqlCommand CreateCommand(DbConnection connection)
    {
        var command = new NpgsqlCommand(
            $"""
             SET ROLE {RowLevelSecurity.ApplicationRole};
             SELECT set_config('{RowLevelSecurity.TenantSetting}', @tenant, false),
                    set_config('{RowLevelSecurity.ReadableTenantsSetting}', @readable, false),
                    set_config('{RowLevelSecurity.ReadsAllSetting}', @readsAll, false),
                    set_config('{RowLevelSecurity.CountyAdminSetting}', @countyAdmin, false);
             """, (NpgsqlConnection)connection);
        var settings = Settings(caller);
        command.Parameters.AddWithValue("tenant", settings[0]);
        command.Parameters.AddWithValue("readable", settings[1]);
        command.Parameters.AddWithValue("readsAll", settings[2]);
        command.Parameters.AddWithValue("countyAdmin", settings[3]);
        return command;
    }
}
