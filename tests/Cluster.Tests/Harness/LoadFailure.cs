namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>
/// One failed request of a load run, with what explains it: the route, the status and problem code the
/// frontend answered (none when the connection itself failed), the problem's detail or the exception.
/// </summary>
public sealed record LoadFailure(TimeSpan At, TimeSpan Took, string Route, string Frontend, int? Status, string? Code, string? Detail)
{
    public override string ToString() =>
        $"{At.TotalSeconds,7:F1} s (+{Took.TotalMilliseconds:F0} ms) {Route} via {Frontend}: {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} {Code} {Detail}";
}
