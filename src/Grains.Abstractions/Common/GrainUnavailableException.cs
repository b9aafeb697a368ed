namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>The grain cannot serve right now (its last write failed and it is reloading); safe to retry.</summary>
[GenerateSerializer]
[Alias("qm.GrainUnavailableException")]
public sealed class GrainUnavailableException : Exception
{
    public GrainUnavailableException()
    {
    }

    public GrainUnavailableException(string message)
        : base(message)
    {
    }

    public GrainUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
