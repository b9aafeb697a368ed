namespace Quartermaster.Chaos;

/// <summary>What scripts/chaos passes: where the cluster is and how long a run to make.</summary>
internal sealed record ChaosOptions(
    bool Short, IReadOnlyList<string> Frontends, string AdminKey, string Postgres, int BasePort, string ClusterDirectory, string Report)
{
    public const string Usage =
        "usage: Quartermaster.Chaos --mode full|short --frontends URL,URL --admin-key KEY --postgres CONNECTION " +
        "--base-port N --cluster-dir DIR --report FILE";

    public static ChaosOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'. {Usage}");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) =>
            values.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new ArgumentException($"--{name} is required. {Usage}");

        var mode = Required("mode");
        if (mode is not ("full" or "short"))
        {
            throw new ArgumentException($"--mode must be full or short. {Usage}");
        }

        var frontends = Required("frontends").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (frontends.Length < 2)
        {
            throw new ArgumentException($"--frontends needs two frontends. {Usage}");
        }

        return new ChaosOptions(mode == "short", frontends, Required("admin-key"), Required("postgres"),
            int.Parse(Required("base-port"), System.Globalization.CultureInfo.InvariantCulture), Required("cluster-dir"), Required("report"));
    }
}
