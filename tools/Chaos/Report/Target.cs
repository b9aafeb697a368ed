namespace Quartermaster.Chaos.Report;

/// <summary>One "done means" line of issue 13 as this run measured it.</summary>
internal sealed record Target(string Goal, string Measured, bool? Met)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "not measured" };
}
