using System.Text;
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

    /// <param name="boundTo">What the seal belongs to (the Idempotency-Key's grain key and the request's fingerprint): a
    /// sealed response copied under another key or request does not open there.</param>
    public byte[] Seal(StoredResponse response, string boundTo) =>
        SealedBox.Seal(_key, JsonSerializer.SerializeToUtf8Bytes(response), AssociatedData(boundTo));

    /// <summary>The response, or null when this silo's key cannot open it (another key sealed it, it was altered, or it was sealed for something else).</summary>
    public StoredResponse? TryOpen(byte[] sealedResponse, string boundTo) =>
        SealedBox.TryOpen(_key, sealedResponse, AssociatedData(boundTo)) is { } json ? JsonSerializer.Deserialize<StoredResponse>(json) : null;

    private static byte[] AssociatedData(string boundTo) => [.. Purpose, 0, .. Encoding.UTF8.GetBytes(boundTo)];
}
