using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Webhooks;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>What every test silo runs: the real grains, in-memory state, and the shared fake business clock.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // Keyed, and before AddQuartermasterGrains (which only tries to add the system clock). The unkeyed
        // TimeProvider stays the real one: Orleans uses it for membership, messaging and timers.
        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ClockNames.Business, TestClock.Instance);
        siloBuilder.AddQuartermasterGrains().AddQuartermasterInMemoryState();
        siloBuilder.Services.AddSingleton<IHoldDueIndex, HoldDueIndexOutage>();
        // The receivers of the webhook tests listen on loopback, which only an operator's allowance permits;
        // a 1 s timeout keeps the hanging-receiver case short (the shipped 10 s is checked on its own).
        // The sweepers read what is due every 250 ms instead of 5 s: the sweep tests move the business clock and then
        // wait for the next sweep in real time (a grain timer). The shipped period runs in the multi-process tests.
        siloBuilder.Services.Configure<SweepOptions>(options => options.Period = TimeSpan.FromMilliseconds(250));
        siloBuilder.Services.Configure<WebhookOptions>(options =>
        {
            options.AllowedHosts = ["127.0.0.1"];
            options.TimeoutSeconds = 1;
        });
    }
}
