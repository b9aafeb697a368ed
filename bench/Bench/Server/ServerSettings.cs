namespace Quartermaster.Bench.Server;

/// <summary>What the benchmark driver tells the server process it starts.</summary>
internal sealed record ServerSettings(string Postgres, string Redis, string AdminKey, int Port, int SiloPort, int GatewayPort)
{
    public IEnumerable<string> ToArguments() =>
    [
        "serve", "--postgres", Postgres, "--redis", Redis, "--admin-key", AdminKey,
        "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--silo-port", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    public static ServerSettings Parse(Arguments args)
    {
        var settings = new ServerSettings(
            args.Required("--postgres"), args.Required("--redis"), args.Required("--admin-key"),
            args.Int("--port", 0), args.Int("--silo-port", 0), args.Int("--gateway-port", 0));
        args.RefuseUnknown();
        return settings;
    }
}
