namespace Quartermaster.Persistence.Migrations;

/// <summary>The database cannot be brought to this build's schema: a script failed or an applied one was changed.</summary>
public sealed class MigrationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
