namespace Quartermaster.Grains.Tests.Probes;

/// <summary>A grain whose only call fails the way a backing store fails, for the tests of how such failures cross to callers.</summary>
[Alias("qm.tests.IStoreFailureProbeGrain")]
public interface IStoreFailureProbeGrain : IGrainWithStringKey
{
    /// <summary>Throws <paramref name="kind"/>: "database" (an ADO.NET provider's exception), "socket" or "other".</summary>
    [Alias("Fail")]
    Task Fail(string kind);
}
