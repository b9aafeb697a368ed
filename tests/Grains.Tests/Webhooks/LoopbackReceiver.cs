using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Quartermaster.Grains.Tests.Webhooks;

/// <summary>A webhook receiver on a free loopback port (Kestrel), recording every request it gets.</summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    public const int FailureBodyBytes = 10 * 1024;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstArrival = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _maxInFlight;

    private LoopbackReceiver(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public IReadOnlyCollection<Received> Requests => _requests;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Completes when the first request has arrived (its body read).</summary>
    public Task FirstArrival => _firstArrival.Task;

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new LoopbackReceiver(builder.Build());
        receiver.Map();
        await receiver._app.StartAsync();
        receiver.Port = new Uri(receiver._app.Urls.Single()).Port;
        return receiver;
    }

    public Uri Url(string path, string host = "127.0.0.1") => new($"http://{host}:{Port}{path}");

    /// <summary>Lets the requests held at /held answer.</summary>
    public void Release() => _gate.TrySetResult();

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, inFlight);
            try
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                _requests.Enqueue(new Received(context.Request.Path, context.Request.ContentType,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
                _firstArrival.TrySetResult();
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        _app.MapPost("/ok", () => Results.NoContent());
        _app.MapPost("/fail", () => Results.Text(Digits(FailureBodyBytes), "text/plain", statusCode: 500));
        _app.MapPost("/redirect", () => Results.Redirect("/ok"));
        _app.MapPost("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.NoContent();
        });
        _app.MapPost("/slow-body", async (HttpContext context) =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("partial answer, then silence", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        _app.MapPost("/held", async (HttpContext context) =>
        {
            await _gate.Task.WaitAsync(context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>"0123456789" repeated to <paramref name="length"/> characters.</summary>
    public static string Digits(int length) => string.Concat(Enumerable.Range(0, length).Select(i => (char)('0' + (i % 10))));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gate.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body);
}
