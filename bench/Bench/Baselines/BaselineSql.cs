using Npgsql;

namespace Quartermaster.Bench.Baselines;

/// <summary>Positional ($1, $2 ...) commands and batch statements, with null sent as SQL NULL.</summary>
internal static class BaselineSql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params ReadOnlySpan<object?> values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public static NpgsqlBatchCommand Statement(string sql, params ReadOnlySpan<object?> values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return statement;
    }

    public static bool IsUniqueViolation(PostgresException error) => error.SqlState == PostgresErrorCodes.UniqueViolation;
}
