namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>Where the built hosts and scripts are, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "Quartermaster.Silo.dll");

    public static string FrontendDll => Path.Combine(Root, "src", "ApiFrontend", "bin", Configuration, "net10.0", "Quartermaster.ApiFrontend.dll");

    public static string ServicesScript => Path.Combine(Root, "scripts", "lib", "services.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
