using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Quartermaster.Bench.Webhooks;

/// <summary>
/// A webhook receiver on loopback in the bench's own process: answers 204 at once and notes, per event, when
/// its first delivery arrived and when the event happened (its <c>createdAt</c>).
/// </summary>
internal sealed class BenchReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (DateTimeOffset CreatedAt, DateTimeOffset FirstArrival)> _events = new(StringComparer.Ordinal);
    private long _requests;

    private BenchReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int Distinct => _events.Count;

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<BenchReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new BenchReceiver(app);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hook";
        return receiver;
    }

    /// <summary>From each event to the first arrival of its delivery, in seconds, sorted.</summary>
    public IReadOnlyList<double> SortedLagSeconds() =>
        _events.Values.Select(e => Math.Max(0, (e.FirstArrival - e.CreatedAt).TotalSeconds)).Order().ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var arrived = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _requests);
        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        _events.TryAdd(root.GetProperty("eventId").GetString()!, (root.GetProperty("createdAt").GetDateTimeOffset(), arrived));
        return Results.NoContent();
    }
}
