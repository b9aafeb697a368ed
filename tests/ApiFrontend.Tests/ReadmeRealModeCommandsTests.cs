using System.Text.RegularExpressions;
using Quartermaster.ApiFrontend.Hosting;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// The README's "Pieces by hand, in real mode" block starts a silo and a frontend outside Development. It once gave
/// the silo no Webhooks__SecretKey (which a silo with durable state refuses to start without) and the frontend the
/// walkthrough's admin key (which outside Development is refused as published): neither started as written.
/// </summary>
public sealed partial class ReadmeRealModeCommandsTests
{
    [Fact]
    public void TheSiloIsGivenAWebhookSecretKey()
    {
        var lines = Block();
        var silo = lines.FindIndex(l => l.Contains("dotnet run --project src/Silo", StringComparison.Ordinal) && !l.Contains("migrate", StringComparison.Ordinal));
        Assert.True(silo >= 0, "no silo command in the block");
        Assert.Contains(lines[..(silo + 1)], l => SecretKey().IsMatch(l));
    }

    [Fact]
    public void TheFrontendsAdminKeyIsNoneThatIsPublished()
    {
        var keys = Block().SelectMany(l => AdminKey().Matches(l)).Select(m => m.Groups["value"].Value).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.False(!key.StartsWith('$') && PlaceholderSecrets.IsPlaceholder(key), $"{key} is refused outside Development"));
    }

    /// <summary>The lines of the first bash block after "Pieces by hand", continuation lines joined.</summary>
    private static List<string> Block()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("Pieces by hand", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"Pieces by hand\" section");
        var open = readme.IndexOf("```bash\n", start, StringComparison.Ordinal) + "```bash\n".Length;
        var close = readme.IndexOf("\n```", open, StringComparison.Ordinal);
        return [.. readme[open..close].Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')];
    }

    [GeneratedRegex(@"(^|\s)(export\s+)?Webhooks__SecretKey=\S")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"QUARTERMASTER_ADMIN_KEY=(?<value>\S+)")]
    private static partial Regex AdminKey();

    private static string RepositoryRoot()
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
