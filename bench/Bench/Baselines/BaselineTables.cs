namespace Quartermaster.Bench.Baselines;

/// <summary>The tables of one baseline engine: the same layout for every engine, each in a PostgreSQL schema of its own.</summary>
internal sealed record BaselineTables(string Schema)
{
    public string Items => Schema + ".items";

    public string Ledger => Schema + ".ledger";

    public string Holds => Schema + ".holds";

    public string Orders => Schema + ".orders";
}
