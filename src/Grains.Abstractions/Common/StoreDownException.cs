namespace Quartermaster.Grains.Abstractions.Common;

/// <summary>
/// A backing store is known to be down: its circuit breaker is open, so the call skipped it. Unlike
/// <see cref="GrainUnavailableException"/> (a grain reloading, a store that failed once) a retry within seconds
/// cannot help, so the frontend answers 503 <c>unavailable</c> with Retry-After at once instead of retrying; the
/// client retries once the breaker's probe finds the store answering.
/// </summary>
[GenerateSerializer]
[Alias("qm.StoreDownException")]
public sealed class StoreDownException : Exception
{
    public StoreDownException()
    {
    }

    public StoreDownException(string message)
        : base(message)
    {
    }

    public StoreDownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
