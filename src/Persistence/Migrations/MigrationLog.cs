using Microsoft.Extensions.Logging;

namespace Quartermaster.Persistence.Migrations;

internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Applied migration {Version:D4}_{Name} in {ElapsedMs} ms")]
    public static partial void Applied(this ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Migration {Version:D4}_{Name} was applied by another run meanwhile")]
    public static partial void AppliedElsewhere(this ILogger logger, int version, string name);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Database schema is current: {Count} migrations already applied")]
    public static partial void UpToDate(this ILogger logger, int count);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Database has migration {Version:D4}_{Name} that this build does not know; a newer build applied it")]
    public static partial void UnknownVersion(this ILogger logger, int version, string name);
}
