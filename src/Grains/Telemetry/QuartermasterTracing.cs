using System.Diagnostics;

namespace Quartermaster.Grains.Telemetry;

/// <summary>Spans of our own where Orleans and Npgsql have none: the group-commit write of a stock item.</summary>
public static class QuartermasterTracing
{
    public const string SourceName = "Quartermaster";

    public static readonly ActivitySource Source = new(SourceName);
}
