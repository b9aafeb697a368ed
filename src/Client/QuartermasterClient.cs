using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Quartermaster.Client.Http;
using Quartermaster.Client.Resources;

namespace Quartermaster.Client;

/// <summary>
/// The Quartermaster API, one property per resource. Every POST carries an Idempotency-Key that its retries reuse;
/// 429, 503 and connection failures are retried after Retry-After; any other failure is a
/// <see cref="Problems.QuartermasterProblemException"/>. Get one from DI (<c>AddQuartermasterClient</c>) or <see cref="Create"/>.
/// </summary>
public sealed class QuartermasterClient
{
    public QuartermasterClient(HttpClient http)
    {
        var api = new ApiTransport(http);
        Admin = new AdminClient(api);
        Settings = new SettingsClient(api);
        Catalog = new CatalogClient(api);
        Stock = new StockClient(api);
        Holds = new HoldsClient(api);
        Orders = new OrdersClient(api);
        Customers = new CustomersClient(api);
        Imports = new ImportsClient(api);
        Events = new EventsClient(api);
        Webhooks = new WebhooksClient(api);
        Operations = new OperationsClient(api);
    }

    public AdminClient Admin { get; }

    public SettingsClient Settings { get; }

    public CatalogClient Catalog { get; }

    public StockClient Stock { get; }

    public HoldsClient Holds { get; }

    public OrdersClient Orders { get; }

    public CustomersClient Customers { get; }

    public ImportsClient Imports { get; }

    public EventsClient Events { get; }

    public WebhooksClient Webhooks { get; }

    public OperationsClient Operations { get; }

    /// <summary>A client without DI. The caller owns the returned HttpClient's lifetime through this client's.</summary>
    /// <param name="primaryHandler">The handler that sends requests (a test server's, say); a new SocketsHttpHandler when null.</param>
    public static QuartermasterClient Create(QuartermasterClientOptions options, HttpMessageHandler? primaryHandler = null)
    {
        var retries = new ResilienceHandler(RetryPolicy.Build(options)) { InnerHandler = primaryHandler ?? new SocketsHttpHandler() };
        var http = new HttpClient(retries);
        Configure(http, options);
        return new QuartermasterClient(http);
    }

    internal static void Configure(HttpClient http, QuartermasterClientOptions options)
    {
        var root = options.BaseAddress ?? throw new ArgumentException("BaseAddress is required.", nameof(options));
        http.BaseAddress = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            options.ApiKey ?? throw new ArgumentException("ApiKey is required.", nameof(options)));
    }
}
