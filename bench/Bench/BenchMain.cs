using Quartermaster.Bench.Memory;
using Quartermaster.Bench.Run;
using Quartermaster.Bench.Server;

namespace Quartermaster.Bench;

/// <summary>The entry point; a class rather than top-level statements so it cannot clash with the API's <c>Program</c>.</summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.WriteLine(UsageText);
            return 0;
        }

        try
        {
            return args switch
            {
                ["run", .. var rest] => await BenchRun.RunAsync(BenchSettings.Parse(new Arguments(rest, "--smoke"))),
                ["serve", .. var rest] => await BenchServer.RunAsync(ServerSettings.Parse(new Arguments(rest))),
                ["memory", .. var rest] => await MemoryCommand.RunAsync(rest),
                ["ratelimit", var frontends, var adminKey, ..] => await RateLimitCheck.RunAsync(frontends.Split(','), adminKey, Seconds(args)),
                _ => Usage(),
            };
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            return Usage();
        }
    }

    private static int Seconds(string[] args) => args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10;

    private static readonly string UsageText = $"""
        usage: Quartermaster.Bench run --postgres <npgsql> --redis <host:port> [--smoke] [--clients N] [--seconds S]
                                       [--warmup S] [--skus N] [--warehouses N] [--memory-items N] [--report FILE]
                                       [--import-rows N] [--catalog-products N] [--only {string.Join(',', BenchSettings.WorkloadNames)}]
               Quartermaster.Bench memory [--items N] [--json FILE]
               Quartermaster.Bench serve --postgres <npgsql> --redis <host:port> --admin-key K --port P --silo-port P --gateway-port P
               Quartermaster.Bench ratelimit <frontend-url,...> <admin-key> [seconds]
        """;

    private static int Usage()
    {
        Console.Error.WriteLine(UsageText);
        return 2;
    }
}
