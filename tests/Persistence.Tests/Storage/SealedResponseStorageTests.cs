using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Idempotency;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>A first response that shows a secret, kept for Idempotency-Key replays in the production Redis store.</summary>
public sealed class SealedResponseStorageTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task Redis_holds_the_record_without_the_secret_and_a_retry_gets_the_secret_back()
    {
        var marker = $"sealed-{Guid.NewGuid():N}";
        var key = silo.Grains.GetGrain<IIdempotencyGrain>(GrainKeys.Idempotency(GrainKeys.AdminIdempotencyScope, marker));
        var secret = $"qm_{Guid.NewGuid():N}";
        var fingerprint = $"fp-{Guid.NewGuid():N}";
        var response = new StoredResponse(201, "application/json", new Dictionary<string, string>(),
            Encoding.UTF8.GetBytes($$"""{"keyId":"key_1","key":"{{secret}}"}"""));
        var withoutSecret = new StoredResponse(409, "application/problem+json", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("""{"keyId":"key_1"}"""));
        Assert.Equal(IdempotencyVerdict.Proceed, (await key.Begin(fingerprint)).Verdict);

        await key.CompleteShowingSecret(fingerprint, response, withoutSecret);

        // The storage serializer writes byte arrays as base64: the redacted body is there, the first one nowhere.
        var stored = await StoredValuesAsync(marker);
        Assert.Contains(fingerprint, stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(withoutSecret.Body), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(response.Body), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);

        // The replay comes from what Redis holds: the activation that kept it in memory is gone.
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replay = await key.Begin(fingerprint);
        Assert.Equal(IdempotencyVerdict.Replay, replay.Verdict);
        Assert.Equal(201, replay.Response!.StatusCode);
        Assert.Equal(response.Body, replay.Response.Body);
    }

    /// <summary>Every value Redis holds under keys that name <paramref name="marker"/>, as text; fails unless there is one such key.</summary>
    private async Task<string> StoredValuesAsync(string marker)
    {
        var redis = silo.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var keys = new List<RedisKey>();
        await foreach (var redisKey in server.KeysAsync(pattern: $"*{marker}*"))
        {
            keys.Add(redisKey);
        }

        var database = redis.GetDatabase();
        var key = Assert.Single(keys);
        return await database.KeyTypeAsync(key) == RedisType.Hash
            ? string.Join("\n", (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"))
            : (string?)await database.StringGetAsync(key) ?? "";
    }
}
