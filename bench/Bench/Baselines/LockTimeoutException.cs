namespace Quartermaster.Bench.Baselines;

/// <summary>A Redis lock key stayed taken until the deadline; nothing was written, so the call is safe to retry.</summary>
internal sealed class LockTimeoutException : Exception
{
    public LockTimeoutException()
    {
    }

    public LockTimeoutException(string message)
        : base(message)
    {
    }

    public LockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
