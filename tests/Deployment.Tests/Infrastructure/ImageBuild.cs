using System.Text;
using System.Text.RegularExpressions;

namespace Quartermaster.Deployment.Tests.Infrastructure;

/// <summary>
/// The Dockerfile's build stage carried out without Docker: the build context is what .dockerignore
/// leaves of the checkout, COPY copies from it, RUN runs the Dockerfile's own command lines (flags such
/// as --mount dropped) with the container's absolute paths moved under a temporary root. The runtime
/// stage's COPY --from=build lines then say where the output lands in the final image.
/// </summary>
public sealed class ImageBuild : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);
    private readonly List<(string ImagePath, string HostPath)> _image = [];
    private readonly StringBuilder _log = new();

    internal DockerfileModel Dockerfile { get; } = DockerfileModel.Load(Repository.PathOf("Dockerfile"));

    public string BuildRoot { get; } = Path.Combine(Path.GetTempPath(), "qm-image-" + Guid.NewGuid().ToString("N")[..8]);

    public string Log => _log.ToString();

    /// <summary>Where a path of the final image lives on this machine (only paths the runtime stage copied).</summary>
    public string ImagePath(string path)
    {
        var normalized = ContainerPath.Normalize(path);
        var (imagePath, hostPath) = _image
            .Where(m => normalized == m.ImagePath || normalized.StartsWith(m.ImagePath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.ImagePath.Length)
            .FirstOrDefault();
        return imagePath is null
            ? throw new FileNotFoundException($"{path} is not copied into the runtime image")
            : Path.Combine(hostPath, normalized[imagePath.Length..].TrimStart('/'));
    }

    public async Task InitializeAsync()
    {
        var ignore = DockerIgnore.Load(Repository.PathOf(".dockerignore"));
        var context = ignore.ContextFiles(Repository.Root).Select(f => f.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var build = Dockerfile.Stage("build");
        var rewrite = RootsRewriter(build);
        var workdir = "/";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = ContainerPath.Combine(workdir, instruction.Arguments);
                    Directory.CreateDirectory(Host(workdir));
                    break;
                case "ENV":
                    foreach (var (name, value) in new Stage(null, string.Empty, [instruction]).Environment())
                    {
                        environment[name] = value;
                    }

                    break;
                case "COPY":
                    Copy(instruction, workdir, context);
                    break;
                case "RUN":
                    var command = rewrite(instruction.SplitFlags().Remainder);
                    _log.AppendLine($"$ {command}");
                    var result = await Processes.RunAsync(["bash", "-ec", command], Host(workdir), environment, RunTimeout);
                    _log.AppendLine(result.Output);
                    if (result.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"Dockerfile line {instruction.Line} failed ({result.ExitCode}):\n{Log}");
                    }

                    break;
            }
        }

        foreach (var copy in Dockerfile.Final.All("COPY"))
        {
            var (flags, rest) = copy.SplitFlags();
            var tokens = Instruction.ExecForm(rest) ?? rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (flags.GetValueOrDefault("from") != build.Name || tokens.Count != 2)
            {
                throw new NotSupportedException($"line {copy.Line}: only `COPY --from={build.Name} SRC DEST` is emulated in the runtime stage");
            }

            var source = Host(ContainerPath.Normalize(tokens[0]));
            Assert.True(Path.Exists(source), $"line {copy.Line}: {tokens[0]} was not produced by the build stage");
            _image.Add((ContainerPath.Combine(Dockerfile.Final.FinalWorkdir, tokens[1]), source));
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(BuildRoot))
        {
            Directory.Delete(BuildRoot, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string Host(string containerPath) => Path.Combine(BuildRoot, containerPath.TrimStart('/'));

    private void Copy(Instruction instruction, string workdir, HashSet<string> context)
    {
        var (flags, rest) = instruction.SplitFlags();
        if (flags.ContainsKey("from"))
        {
            throw new NotSupportedException($"line {instruction.Line}: COPY --from in the build stage is not emulated");
        }

        var tokens = Instruction.ExecForm(rest) ?? rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var destination = ContainerPath.Combine(workdir, tokens[^1]);
        var intoDirectory = tokens[^1].EndsWith('/') || tokens[^1] is "." || tokens.Count > 2;
        foreach (var source in tokens.Take(tokens.Count - 1).Select(s => (s.StartsWith("./", StringComparison.Ordinal) ? s[2..] : s).Trim('/')))
        {
            var underDirectory = context.Where(f => f.StartsWith(source + "/", StringComparison.Ordinal)).ToList();
            if (underDirectory.Count > 0)
            {
                foreach (var file in underDirectory)
                {
                    CopyFile(file, Path.Combine(Host(destination), file[(source.Length + 1)..]));
                }
            }
            else if (context.Contains(source))
            {
                CopyFile(source, intoDirectory ? Path.Combine(Host(destination), Path.GetFileName(source)) : Host(destination));
            }
            else
            {
                throw new FileNotFoundException($"Dockerfile line {instruction.Line}: {source} is not in the build context (missing, or left out by .dockerignore)");
            }
        }
    }

    private static void CopyFile(string relative, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Repository.PathOf(relative), target, overwrite: true);
    }

    /// <summary>Moves the absolute paths the build stage works in (its WORKDIRs, COPY and -o targets) under <see cref="BuildRoot"/>.</summary>
    private Func<string, string> RootsRewriter(Stage build)
    {
        var paths = build.All("WORKDIR").Select(w => w.Arguments)
            .Concat(build.All("RUN").SelectMany(r => Regex.Matches(r.SplitFlags().Remainder, @"(?:-o|--output)\s+(/\S+)").Select(m => m.Groups[1].Value)));
        var roots = paths.Where(p => p.StartsWith('/')).Select(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)[0]).Distinct().ToList();
        Assert.NotEmpty(roots);
        var pattern = new Regex($@"(?<=^|[\s=""'])/({string.Join('|', roots.Select(Regex.Escape))})(?=/|\s|$|[""'])");
        return command => pattern.Replace(command, m => BuildRoot + "/" + m.Groups[1].Value);
    }
}
