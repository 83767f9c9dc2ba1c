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

    private static bool Applies(ConnectionEndEventData eventData) => eventData.Context is TenantDbContext { IsOwnerSession: false };

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
        command.Parameters.AddWithValue("tenant", caller.TenantId ?? "");
        command.Parameters.AddWithValue("readable", string.Join(',', caller.SupervisedTenantIds));
        command.Parameters.AddWithValue("readsAll", caller.IsCountyRole ? "true" : "false");
        command.Parameters.AddWithValue("countyAdmin", caller.IsInRole(Roles.CountyAdmin) ? "true" : "false");
        return command;
    }
}
