using System.Text.Json;
using Microsoft.Extensions.Options;
using Quartermaster.Grains.Abstractions.Idempotency;
using Quartermaster.Grains.Security;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Idempotency;

/// <summary>
/// Seals a first response that shows a secret (a new API key, a webhook signing secret) before it is kept for
/// Idempotency-Key replays, with the key webhook secrets are sealed with, so the response store never holds it
/// in the clear.
/// </summary>
public sealed class ResponseSealer(IOptions<WebhookOptions> options)
{
    private static readonly byte[] Purpose = "quartermaster/idempotent-response/v1"u8.ToArray();

    private readonly byte[] _key = AtRestKey.Resolve(options.Value.SecretKey);

    public byte[] Seal(StoredResponse response) => SealedBox.Seal(_key, JsonSerializer.SerializeToUtf8Bytes(response), Purpose);

    /// <summary>The response, or null when this silo's key cannot open it (another key sealed it, or it was altered).</summary>
    public StoredResponse? TryOpen(byte[] sealedResponse) =>
        SealedBox.TryOpen(_key, sealedResponse, Purpose) is { } json ? JsonSerializer.Deserialize<StoredResponse>(json) : null;
}
