namespace Quartermaster.Persistence.Storage;

internal static class StaleWrite
{
    /// <summary>
    /// Another activation (or an earlier life of this one) wrote since this state was read: the write was
    /// refused, and Orleans deactivates the grain so the next call reloads.
    /// </summary>
    public static InconsistentStateException For(string grainType, string grainId, string? etag) =>
        new($"Stale write refused for {grainType}/{grainId}: another activation wrote it after this one read it "
            + (etag is null ? "(read when it did not exist yet)." : $"(read at version {etag})."),
            storedEtag: "unknown", currentEtag: etag ?? "none");
}
