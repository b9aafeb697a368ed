namespace Quartermaster.ApiFrontend.Hosting;

public enum HostingMode
{
    /// <summary>One process co-hosts a silo (localhost clustering, in-memory state) and the API.</summary>
    Embedded,

    /// <summary>A pure Orleans client of a silo cluster.</summary>
    Client,

    /// <summary>The host supplies IClusterClient itself (tests against a TestCluster).</summary>
    External,
}
