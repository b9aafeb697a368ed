namespace Quartermaster.Chaos.Load;

/// <summary>
/// One HTTP request as the client saw it. Status 0 means no answer (connection refused or reset, or the
/// client's timeout); Code is the problem's code, or what happened instead of an answer.
/// </summary>
internal sealed record Attempt(double StartedAt, double LatencyMs, string Tenant, string Method, string Route, string Path, int Status, string? Code, int Frontend)
{
    public bool Ok => Status is >= 200 and < 300;

    public double EndedAt => StartedAt + LatencyMs / 1000;

    public string Failure => $"{(Status == 0 ? "no answer" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}" +
        $"{(Code is null ? "" : " " + Code)} {Route}";
}
