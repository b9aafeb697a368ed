namespace Quartermaster.Bench.Load;

/// <summary>One kind of traffic: makes each client's next request. Called concurrently for different clients.</summary>
internal interface IWorkload
{
    string Name { get; }

    HttpRequestMessage Next(ClientState client);
}

/// <summary>What one simulated client owns: its number, its own random source and its request counter.</summary>
internal sealed class ClientState(int number, int seed)
{
    public int Number { get; } = number;

    public Random Random { get; } = new(seed);

    public long Sequence { get; set; }
}
