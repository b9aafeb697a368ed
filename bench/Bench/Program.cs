using Quartermaster.Bench;

return args switch
{
    ["ratelimit", var frontends, var adminKey, ..] => await RateLimitCheck.RunAsync(frontends.Split(','), adminKey, Seconds(args)),
    _ => Usage(),
};

static int Seconds(string[] args) => args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10;

static int Usage()
{
    Console.Error.WriteLine("usage: Quartermaster.Bench ratelimit <frontend-url,...> <admin-key> [seconds]");
    return 2;
}
