using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Platform.Data;

/// <summary>
/// The pieces of a hot write done in as few round trips as the rules allow, with the same walls as every other write:
/// the request role and the caller's settings for row-level security (here for one transaction, sent with its first
/// statement instead of on their own when the connection opens), and the audit record in the same statement as the row.
/// Columns and conversions come from the EF Core model, so the SQL follows the entities.
/// </summary>
public static class TenantBatches
{
    /// <summary>
    /// BEGIN, the request role and who is asking, for this transaction only (<c>SET LOCAL</c>, <c>set_config(…, true)</c>):
    /// the same settings <see cref="TenantSessionInterceptor"/> makes for a connection, gone at COMMIT or ROLLBACK.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> BeginTransaction(CallerContext caller)
    {
        yield return new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED");
        yield return new NpgsqlBatchCommand($"SET LOCAL ROLE {RowLevelSecurity.ApplicationRole}");
        var settings = new NpgsqlBatchCommand($"""
            SELECT set_config('{RowLevelSecurity.TenantSetting}', $1, true), set_config('{RowLevelSecurity.ReadableTenantsSetting}', $2, true),
                   set_config('{RowLevelSecurity.ReadsAllSetting}', $3, true), set_config('{RowLevelSecurity.CountyAdminSetting}', $4, true)
            """);
        foreach (var value in TenantSessionInterceptor.Settings(caller)) settings.Parameters.Add(new NpgsqlParameter { Value = value });
        yield return settings;
    }

    /// <summary>
    /// One statement: <paramref name="row"/> inserted unless a unique index already holds its like (ON CONFLICT DO
    /// NOTHING: no error, nothing logged), and its audit record only if it was; it answers 1 when added, 0 when not.
    /// </summary>
    public static NpgsqlBatchCommand InsertIfAbsentWithAudit<T>(this TenantDbContext db, T row, AuditRecord audit) where T : class
    {
        var command = new NpgsqlBatchCommand();
        var (table, columns, values) = Insert(db, row, command);
        var (auditTable, auditColumns, auditValues) = Insert(db, audit, command);
        command.CommandText = $"""
            WITH added AS (INSERT INTO "{table}" ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING RETURNING 1),
                 audited AS (INSERT INTO "{auditTable}" ({auditColumns}) SELECT {auditValues} FROM added RETURNING 1)
            SELECT count(*)::int FROM added
            """;
        return command;
    }

    /// <summary>A row of <typeparamref name="T"/> from a reader positioned on it (every mapped column, converted as EF Core would).</summary>
    public static T Materialize<T>(this DbContext db, DbDataReader reader) where T : new()
    {
        var row = new T();
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            var ordinal = reader.GetOrdinal(property.GetColumnName());
            if (reader.IsDBNull(ordinal))
            {
                property.PropertyInfo!.SetValue(row, null);
                continue;
            }
            var converter = property.GetTypeMapping().Converter;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
            var value = ReadField.MakeGenericMethod(providerType).Invoke(reader, [ordinal]);
            property.PropertyInfo!.SetValue(row, converter is null ? value : converter.ConvertFromProvider(value));
        }
        return row;
    }

    private static readonly MethodInfo ReadField = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    private static (string Table, string Columns, string Values) Insert(DbContext db, object row, NpgsqlBatchCommand command)
    {
        var entity = db.Model.FindEntityType(row.GetType())!;
        var columns = new List<string>();
        var values = new List<string>();
        foreach (var property in entity.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            // Values the database makes (xmin, identity columns left at their default) are not sent.
            if (property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate) continue;
            var value = property.PropertyInfo!.GetValue(row);
            if (property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && Equals(value, DefaultOf(property.ClrType))) continue;
            var converter = property.GetTypeMapping().Converter;
            if (value is not null && converter is not null) value = converter.ConvertToProvider(value);
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            columns.Add($"\"{property.GetColumnName()}\"");
            values.Add($"${command.Parameters.Count}");
        }
        return (entity.GetTableName()!, string.Join(", ", columns), string.Join(", ", values));
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;
}
